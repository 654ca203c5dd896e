import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  GraphQLError,
  GraphQLID,
  GraphQLString,
  Kind,
  type OperationDefinitionNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../shared/pagination';

/** How many items a plain (unpaged) list field is assumed to hold, for its cost. */
export const PLAIN_LIST_FACTOR = 10;
/** The most groups a stats query answers. */
export const STATS_GROUPS_FACTOR = 1000;
/** The page size of `neighbors` when `first` is not given. */
const NEIGHBORS_DEFAULT_FIRST = 100;

/**
 * The cost formula: the number of objects an operation can return.
 * - a scalar or enum field costs 0;
 * - an object field costs 1 plus the cost of its selection;
 * - a plain list of objects costs 10 × (1 + the cost of its selection): 10 is the size assumed;
 * - a connection costs 1 + N × (the cost of one node's selection + 1), where N is `first` or
 *   `last` (20 when neither is given); `pageInfo` and `totalCount` are free;
 * - `neighbors` is paged like a connection (N = `first`, 100 by default), and a stats query is
 *   a list of up to 1,000 groups.
 * So `forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } }` costs
 * 1 + 10 × (1 + 1 + 5 × 1) = 71. Introspection is free (the depth limit bounds it).
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  if (type.name.endsWith('Connection')) {
    if (field.name === 'nodes') return 1 + childComplexity;
    return field.name === 'edges' ? childComplexity : 0;
  }
  if (type.name.endsWith('Edge')) return field.name === 'node' ? 1 + childComplexity : 0;
  if (type.name === 'Neighborhood' && field.name === 'nodes') return 1 + childComplexity;
  const nullable = getNullableType(field.type);
  const named = getNamedType(nullable);
  if (!isCompositeType(named)) return 0;
  const first = typeof args.first === 'number' ? Math.max(args.first, 0) : null;
  if (named.name.endsWith('Connection')) {
    const size = first ?? (typeof args.last === 'number' ? Math.max(args.last, 0) : DEFAULT_PAGE_SIZE);
    return 1 + size * childComplexity;
  }
  if (named.name === 'Neighborhood') return 1 + (first ?? NEIGHBORS_DEFAULT_FIRST) * childComplexity;
  if (isListType(nullable)) {
    return (named.name.endsWith('StatsGroup') ? STATS_GROUPS_FACTOR : PLAIN_LIST_FACTOR) * (1 + childComplexity);
  }
  return 1 + childComplexity;
};

/** The arguments whose values the formula reads (with @include/@skip's `if`, which decide what is selected). */
const COUNTED_ARGUMENTS = new Set(['first', 'last']);
const costVariables = new WeakMap<DocumentNode, readonly string[]>();

/**
 * The variables an operation's cost can depend on: those given to `first`/`last` or to a
 * directive. Others (a mutation's input, a filter) cannot change the cost, so a cost kept for
 * the document holds for any values of them.
 */
export function costVariableNames(document: DocumentNode): readonly string[] {
  let names = costVariables.get(document);
  if (!names) {
    const found = new Set<string>();
    let inDirective = 0;
    visit(document, {
      Directive: { enter: () => void (inDirective += 1), leave: () => void (inDirective -= 1) },
      Argument(node) {
        if (node.value.kind === 'Variable' && (inDirective > 0 || COUNTED_ARGUMENTS.has(node.name.value))) found.add(node.value.name.value);
      },
    });
    names = [...found].sort();
    costVariables.set(document, names);
  }
  return names;
}

/** The cost of an operation by the formula above; variables are taken into account. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [costEstimator] });
}

/**
 * The cost of an operation of a validated document that no variable can change (none is given to
 * `first`/`last` or to a directive, see costVariableNames), or null. Computing a cost coerces the
 * variables, so the operation's required ones are given stand-in values of their types (the
 * formula reads none of them); null too when no stand-in fits (a scalar that takes none of them).
 */
export function fixedCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number | null {
  if (costVariableNames(document).length > 0) return null;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.type.kind !== Kind.NON_NULL_TYPE || definition.defaultValue) continue;
    const value = standIn(typeFromAST(schema, definition.type) as GraphQLInputType | undefined, 0);
    if (value === undefined) return null;
    variables[definition.variable.name.value] = value;
  }
  try {
    return operationCost(schema, document, variables, operation.name?.value);
  } catch {
    return null;
  }
}

/** Values that the built-in scalars, and most others, take: one is tried after another. */
const STAND_INS: readonly unknown[] = ['', 0, false, new Date(0).toISOString()];

/** A value of `type` as a request's variables give it, or undefined when none is found. */
function standIn(type: GraphQLInputType | undefined, depth: number): unknown {
  if (!type || depth > 10) return undefined;
  if (isNonNullType(type)) return standIn(type.ofType, depth);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type) || field.defaultValue !== undefined) continue;
      const inner = standIn(field.type, depth + 1);
      if (inner === undefined) return undefined;
      value[field.name] = inner;
    }
    return value;
  }
  if (!isScalarType(type)) return undefined;
  if (type === GraphQLID || type === GraphQLString) return '';
  return STAND_INS.find((candidate) => {
    try {
      return type.parseValue(candidate) !== undefined;
    } catch {
      return false;
    }
  });
}

/** An operation refused before it ran: it would cost more, or nest deeper, than the limit. */
export class LimitExceededError extends GraphQLError {
  constructor(code: 'COST_LIMIT_EXCEEDED' | 'DEPTH_LIMIT_EXCEEDED', what: string, value: number, limit: number) {
    super(`The operation's ${what} is ${Number.isFinite(value) ? value : 'unbounded'}, above the limit of ${limit}; ask for fewer rows (first/last) or less nesting.`, {
      extensions: { code, [what === 'cost' ? 'cost' : 'depth']: Number.isFinite(value) ? value : null, limit, http: { status: 400 } },
    });
  }
}
