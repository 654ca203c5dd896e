import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, type GraphQLEnumType, GraphQLError, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode, type TypeNode, valueFromAST } from 'graphql';
import { type Context, useStage } from '../context';
import type { Database } from '../db/data-source';
import type { PreparedOperations } from './prepared-operation';
import { requireStageAccess } from '../modules/writes/stage';
import { STAGELESS, STAGE_ARGUMENT, Stage } from '../shared/stage';

/**
 * Decides, once the operation is known and before anything of it runs, which stage it reads:
 * every root field's `stage` argument (literal, variable, the variable's default or the
 * argument's default), which must agree. A DRAFT
 * read, and every mutation, needs the stage's role (requireStageAccess: FORBIDDEN, HTTP 403,
 * nothing runs) and is
 * answered from the draft database: the context's SQL and loaders are the draft's, so every
 * read path and both engines read the drafts, and nothing else in the operation can reach the
 * published stage's rows by mistake, or a reader the drafts. A registered document's stage was
 * decided when it was prepared, unless a variable decides it (`prepared`).
 */
export function useStages(draft: Database | null, prepared?: PreparedOperations): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return;
          const stage = prepared?.preparedOperation(operation)?.stage ?? stageOfRequest(operation, fragmentsOf(document), request.variables ?? {}, schema);
          if (stage === Stage.PUBLISHED) return;
          try {
            requireStageAccess(contextValue.viewer, stage, operation.operation === 'mutation' ? 'write' : 'read');
          } catch (error) {
            throw new GraphQLError((error as Error).message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
          if (!draft) throw new GraphQLError('This server has no draft stage open.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
          useStage(contextValue, Stage.DRAFT, draft);
        },
      };
    },
  };
}

const fragmentsOf = (document: DocumentNode) =>
  new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));

/** The stage an operation reads with these variables: a mutation's is DRAFT unless it is stageless (then PUBLISHED, it reads no content). */
function stageOfRequest(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Record<string, unknown>, schema: GraphQLSchema): Stage {
  if (operation.operation === 'mutation') return stageless(operation, schema) ? Stage.PUBLISHED : Stage.DRAFT;
  return stageOf(operation, fragments, variables, schema.getType('Stage') as GraphQLEnumType);
}

/**
 * The stage an operation of a validated document reads whatever its variables, or null when a
 * variable is given to a root field's `stage` (or the root fields disagree, which each request
 * is then told): decided once, when a registered document is prepared.
 */
export function stageOfDocument(operation: OperationDefinitionNode, document: DocumentNode, schema: GraphQLSchema): Stage | null {
  const fragments = fragmentsOf(document);
  let variable = false;
  const visit = (selections: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else if (selection.arguments?.some((a) => a.name.value === STAGE_ARGUMENT && a.value.kind === Kind.VARIABLE)) variable = true;
    }
  };
  if (operation.operation !== 'mutation') visit(operation.selectionSet, new Set());
  if (variable) return null;
  try {
    return stageOfRequest(operation, fragments, {}, schema);
  } catch {
    return null;
  }
}

/** The stage every root field of `operation` asks for; BAD_USER_INPUT where they differ. */
function stageOf(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  type: GraphQLEnumType,
): Stage {
  const asked = new Set<Stage>();
  // A variable the request leaves out takes its definition's default: `($s: Stage = DRAFT)` sent
  // without variables reads DRAFT, as graphql-js will execute it.
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue && !Object.hasOwn(variables, name) && namedTypeOf(definition.type) === type.name) {
      variables = { ...variables, [name]: valueFromAST(definition.defaultValue, type) };
    }
  }
  const visit = (selections: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selections.selections) {
      if (selection.kind === 'InlineFragment') visit(selection.selectionSet, seen);
      else if (selection.kind === 'FragmentSpread') {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      } else if (!selection.name.value.startsWith('__')) {
        const argument = selection.arguments?.find((a) => a.name.value === STAGE_ARGUMENT);
        const value = argument ? valueFromAST(argument.value, type, variables) : undefined;
        asked.add(value === Stage.DRAFT ? Stage.DRAFT : Stage.PUBLISHED);
      }
    }
  };
  visit(operation.selectionSet, new Set());
  if (asked.size > 1) {
    throw new GraphQLError('One operation reads one stage: expected every root field to ask the same `stage`; received both PUBLISHED and DRAFT.', {
      extensions: { code: 'BAD_USER_INPUT', argument: STAGE_ARGUMENT, http: { status: 400 } },
    });
  }
  return asked.has(Stage.DRAFT) ? Stage.DRAFT : Stage.PUBLISHED;
}

/** The name of a variable's type without its list and non-null wrappers. */
function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

/** A mutation whose every root field declares STAGELESS (fields only, no fragments): it changes no content. */
function stageless(operation: OperationDefinitionNode, schema: GraphQLSchema): boolean {
  const fields = schema.getMutationType()?.getFields() ?? {};
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value === '__typename' || fields[selection.name.value]?.extensions[STAGELESS] === true),
  );
}
