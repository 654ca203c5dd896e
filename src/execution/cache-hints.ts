import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { ConfigError } from '../config';
import { isRootList } from './cdn-headers';

/** What the cache policy knows of one operation, from its document alone. */
export interface OperationPolicy {
  /** The smallest max-age of the types it touches (the default where no type has a hint); 0: never cached. */
  maxAge: number;
  /**
   * Whether an answer's tags (its records' IDs, its root lists' `list:<Type>`) name all it depends
   * on: every root field is a catalog list, `node` or `nodes`. Otherwise (a search, the
   * aggregates) a change of any record may change it, and every publish drops it.
   */
  tagged: boolean;
}

/** Root fields whose answer is the records they name: a change of another record leaves them as they are. */
const RECORD_LOOKUPS = new Set(['node', 'nodes', '__typename']);

/**
 * The cache policy of operations, computed from the document, never from the fields resolved:
 * a static walk of the operation's selections (fragments included) over the schema. The max-age
 * is the smallest of the default and the hints of every composite type a field returns or a
 * fragment names (an interface or union: each of its possible types too). The same for every
 * engine (graphql-js, graphql-jit, the compiled statements), and computed once per operation
 * (kept in a WeakMap on its node, which Apollo's document store keeps per query text).
 */
export class CacheHints {
  private readonly known = new WeakMap<OperationDefinitionNode, OperationPolicy>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly defaultMaxAge: number,
    private readonly hints: Readonly<Record<string, number>>,
  ) {
    const unknown = Object.keys(hints).filter((name) => !isCompositeType(schema.getType(name)));
    if (unknown.length > 0) {
      throw new ConfigError(`CACHE_HINTS: expected object, interface or union types of the schema (like Forum, Speaker); received ${unknown.map((name) => `"${name}"`).join(', ')}`);
    }
  }

  /** The policy of `operation` of `document`. */
  of(document: DocumentNode, operation: OperationDefinitionNode): OperationPolicy {
    let policy = this.known.get(operation);
    if (!policy) {
      policy = this.walk(document, operation);
      this.known.set(operation, policy);
    }
    return policy;
  }

  private walk(document: DocumentNode, operation: OperationDefinitionNode): OperationPolicy {
    const { schema, hints } = this;
    let maxAge = this.defaultMaxAge;
    let tagged = true;
    const touched = new Set<string>();
    const touch = (type: GraphQLCompositeType): void => {
      if (touched.has(type.name)) return;
      touched.add(type.name);
      if (type.name in hints) maxAge = Math.min(maxAge, hints[type.name]);
      if (isAbstractType(type)) for (const possible of schema.getPossibleTypes(type)) touch(possible);
    };
    const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    const spread = new Set<string>();
    const root = schema.getRootType(operation.operation);
    const visit = (set: SelectionSetNode, parent: GraphQLCompositeType, atRoot: boolean): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
          if (atRoot && !RECORD_LOOKUPS.has(selection.name.value) && !(field && isRootList(getNamedType(field.type).name))) tagged = false;
          const type = field && getNamedType(field.type);
          if (type && isCompositeType(type) && selection.selectionSet) {
            touch(type);
            visit(selection.selectionSet, type, false);
          }
          continue;
        }
        let definition: { typeCondition?: { name: { value: string } }; selectionSet: SelectionSetNode } | undefined;
        if (selection.kind === Kind.INLINE_FRAGMENT) definition = selection;
        else if (!spread.has(selection.name.value)) {
          // Each fragment once: its selections are the same wherever it is spread.
          spread.add(selection.name.value);
          definition = fragments.get(selection.name.value);
        }
        if (!definition) continue;
        const condition = definition.typeCondition ? schema.getType(definition.typeCondition.name.value) : parent;
        const type = condition && isCompositeType(condition) ? condition : parent;
        touch(type);
        visit(definition.selectionSet, type, atRoot);
      }
    };
    if (root) visit(operation.selectionSet, root, true);
    return { maxAge, tagged };
  }
}
