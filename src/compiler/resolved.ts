import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  execute,
} from 'graphql';
import { toGlobalId } from '../shared/global-id';
import { CompiledFallback, type ResolvedField } from './marks';

/*
 * The fields a compiled statement leaves to their resolvers (a field with a resolver of its own,
 * one guarded by a role, a shape the compiler does not take), each under a Node: the statement
 * writes, where the field's value goes, a mark `{"$r<n>": <the Node's key>}` (marks.ts); after
 * it, the fields of all the marks are resolved in ONE graphql-js execution, each as
 * `_<i>: node(id: <the Node's ID>) { ... on <Type> { <the field as asked> } }`, so a field under
 * N rows costs one execution whose loads the request's DataLoaders batch (as Grafast runs a
 * plain resolver as a step of its plan). Each value goes where its mark was; each error gets the
 * path of the mark's field in the answer. Where an execution nulls a Node (a non-null field
 * failed, the row is gone since the statement read it), the null would propagate in the answer
 * as GraphQL says: the resolvers answer the operation instead (CompiledFallback).
 */

/** What `resolveMarks` is given: the operation compiled, and the request's. */
export interface Resolution {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: readonly FragmentDefinitionNode[];
  fields: readonly ResolvedField[];
}

type Path = (string | number)[];

/** A mark found in the answer: the object holding it, its response key there, and its path. */
interface Found {
  field: ResolvedField;
  key: string;
  parent: Record<string, unknown>;
  responseKey: string;
  path: Path;
}

/** Whether the statement's finished JSON holds a mark to resolve (found as bytes, without parsing). */
export function holdsMarks(bytes: Buffer): boolean {
  return bytes.includes('{"$r');
}

/**
 * Resolves the marks of `data` (the statement's answer, parsed; changed in place) with the
 * fields' resolvers; gives the errors they report, with their paths in the answer. Throws
 * CompiledFallback where the answer must come from the resolvers whole.
 */
export async function resolveMarks(
  resolution: Resolution,
  data: Record<string, unknown>,
  request: { contextValue: unknown; variableValues: Record<string, unknown> | undefined },
): Promise<GraphQLError[]> {
  const found: Found[] = [];
  collectMarks(resolution.fields, data, [], found);
  if (found.length === 0) return [];
  const result: ExecutionResult = await execute({
    schema: resolution.schema,
    document: documentOf(resolution, found),
    contextValue: request.contextValue,
    variableValues: request.variableValues,
  });
  const values = result.data as Record<string, Record<string, unknown> | null> | null | undefined;
  found.forEach((mark, i) => {
    const node = values?.[`_${i}`];
    if (node == null) throw new CompiledFallback();
    mark.parent[mark.responseKey] = node[mark.responseKey];
  });
  return (result.errors ?? []).map((error) => {
    const [alias, ...tail] = error.path ?? [];
    const mark = typeof alias === 'string' && /^_\d+$/.test(alias) ? found[Number(alias.slice(1))] : undefined;
    // An error at no field's path (the variables, the document) is not one the answer can place.
    if (!mark || tail.length === 0) throw new CompiledFallback();
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      path: [...mark.path, ...tail.slice(1)],
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
}

/** The marks under `value` (at `path`), in the answer's order. */
function collectMarks(fields: readonly ResolvedField[], value: unknown, path: Path, found: Found[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectMarks(fields, item, [...path, i], found));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  for (const responseKey of Object.keys(object)) {
    const child = object[responseKey];
    const tag = markTag(child);
    if (tag === null) {
      collectMarks(fields, child, [...path, responseKey], found);
      continue;
    }
    const field = fields[Number(tag.slice(2))];
    if (!field) throw new Error(`compiled JSON: a mark ${tag} of no field left to the resolvers (${fields.length} are)`);
    const key = (child as Record<string, unknown>)[tag];
    found.push({ field, key: String(key), parent: object, responseKey, path: [...path, responseKey] });
  }
}

/** The tag of a mark `{"$r<n>": key}` (a response key never starts with `$`), or null. */
function markTag(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const key in value) return key.startsWith('$r') ? key : null;
  return null;
}

/** The operation resolving `found`: its variables and fragments are the compiled operation's, its root the marks' nodes. */
function documentOf(resolution: Resolution, found: readonly Found[]): DocumentNode {
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const selections: FieldNode[] = found.map((mark, i) => ({
    kind: Kind.FIELD,
    alias: name(`_${i}`),
    name: name('node'),
    arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.STRING, value: toGlobalId(mark.field.type, mark.key) } }],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: { kind: Kind.NAMED_TYPE, name: name(mark.field.type) },
          selectionSet: { kind: Kind.SELECTION_SET, selections: [mark.field.field] },
        },
      ],
    },
  }));
  const operation: OperationDefinitionNode = { ...resolution.operation, selectionSet: { kind: Kind.SELECTION_SET, selections } };
  return { kind: Kind.DOCUMENT, definitions: [operation, ...resolution.fragments] };
}
