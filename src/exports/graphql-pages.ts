import { type DocumentNode, GraphQLError, type GraphQLObjectType, type GraphQLSchema, execute, getNamedType, parse, validate } from 'graphql';
import { type RequestInfo, createContext } from '../context';
import type { Database } from '../db/data-source';
import { BadUserInputError, invariant } from '../shared/errors';
import { MAX_PAGE_SIZE } from '../shared/pagination';
import { isStoredValueError } from '../observability/errors';

/** A node of a list as GraphQL returns it. */
export type ListNode = Record<string, unknown>;

/** A top-level list of the schema with a fixed selection, ready to be read page by page. */
export interface ListQuery {
  field: string;
  document: DocumentNode;
  /** The same list with only its nodes' IDs, and one node by ID with the selection: see readPages. */
  idsDocument: DocumentNode;
  nodeDocument: DocumentNode;
  /** The GraphQL type of the list's `where` argument, e.g. "ClusterEventWhere"; null when it has none. */
  whereType: string | null;
  orderByType: string | null;
}

/** The arguments of one read: JSON values, coerced and validated by the schema as variables. */
export interface ListArgs {
  where?: unknown;
  orderBy?: unknown;
}

/** A page of the list as GraphQL answers it. */
interface ListData {
  totalCount: number;
  nodes: ListNode[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** One page of a list. */
export interface ListPage {
  nodes: ListNode[];
  totalCount: number;
  /**
   * The fields of its nodes whose stored value their type cannot hold (see isStoredValueError):
   * each is null in its node, and its error's path is `["list", "nodes", <index>, ...]`.
   */
  badValues: GraphQLError[];
}

/** Paths such as "forum.title" as a selection set: `{ forum { title } }`. */
export function selectionOf(paths: readonly string[]): string {
  type Tree = Map<string, Tree>;
  const root: Tree = new Map();
  for (const path of paths) {
    let tree = root;
    for (const name of path.split('.')) {
      if (!tree.has(name)) tree.set(name, new Map());
      tree = tree.get(name)!;
    }
  }
  const print = (tree: Tree): string =>
    `{ ${[...tree].map(([name, sub]) => (sub.size > 0 ? `${name} ${print(sub)}` : name)).join(' ')} }`;
  return print(root);
}

/**
 * Compiles the query that reads `field` of Query with `selection` for its nodes. The list's
 * where/orderBy types come from the schema. A list or selection that does not fit the schema is a
 * bug and fails here, at start, not on a request.
 */
export function compileListQuery(schema: GraphQLSchema, field: string, selection: string): ListQuery {
  const definition = schema.getQueryType()?.getFields()[field];
  invariant(definition, `the schema has no list Query.${field}`);
  const typeOf = (name: string) => {
    const arg = definition.args.find((a) => a.name === name);
    return arg ? String(arg.type) : null;
  };
  const whereType = typeOf('where');
  const orderByType = typeOf('orderBy');
  const variables = ['$first: Int!', '$after: String'];
  const args = ['first: $first', 'after: $after'];
  if (whereType) {
    variables.push(`$where: ${whereType}`);
    args.push('where: $where');
  }
  if (orderByType) {
    variables.push(`$orderBy: ${orderByType}`);
    args.push('orderBy: $orderBy');
  }
  const nodeType = (getNamedType(definition.type) as GraphQLObjectType).getFields().nodes?.type;
  invariant(nodeType, `Query.${field} is not a connection with nodes`);
  const listText = (nodes: string) => `query Export(${variables.join(', ')}) {
    list: ${field}(${args.join(', ')}) { totalCount pageInfo { hasNextPage endCursor } nodes ${nodes} }
  }`;
  const [document, idsDocument, nodeDocument] = [
    listText(selection),
    listText('{ id }'),
    `query ExportRow($id: ID!) { node(id: $id) { ... on ${getNamedType(nodeType).name} ${selection} } }`,
  ].map((text) => {
    const parsed = parse(text);
    const errors = validate(schema, parsed);
    invariant(errors.length === 0, `the export query of ${field} does not fit the schema: ${errors.map((e) => e.message).join('; ')}`);
    return parsed;
  });
  return { field, document, idsDocument, nodeDocument, whereType, orderByType };
}

/**
 * Reads every row of a list, `MAX_PAGE_SIZE` rows a page, following the end cursor: the same
 * filters, ordering, validation and IDs as the GraphQL list. Each page runs with a fresh request
 * context, so nothing accumulates across pages. A bad `where` or `orderBy` throws a
 * BadUserInputError naming it (on the first page, before anything is yielded); a stored value
 * a field's type cannot hold is that field's null and the page's `badValues` (in a non-null
 * field, its row is left out: the list could not hold it); anything else throws as it is.
 */
export async function* readPages(schema: GraphQLSchema, database: Database, query: ListQuery, args: ListArgs, request: RequestInfo = {}): AsyncGenerator<ListPage> {
  let after: string | null = null;
  for (;;) {
    const variableValues: Record<string, unknown> = { first: MAX_PAGE_SIZE, after };
    if (query.whereType) variableValues.where = args.where ?? null;
    if (query.orderByType) variableValues.orderBy = args.orderBy ?? null;
    const result = await execute({ schema, document: query.document, variableValues, contextValue: createContext(database, request) });
    const failed = result.errors?.find((error) => !isStoredValueError(error));
    if (failed) throw toThrown(failed, result.data === undefined);
    let list = (result.data as { list: ListData | null } | null | undefined)?.list;
    let page: ListPage;
    if (list) page = { nodes: list.nodes, totalCount: list.totalCount, badValues: [...(result.errors ?? [])] };
    else {
      // A bad value in a non-null field nulls the whole list (GraphQL's rule): the page is read
      // again one row at a time, and the rows that cannot be read are left out.
      const ids = await execute({ schema, document: query.idsDocument, variableValues, contextValue: createContext(database, request) });
      if (ids.errors?.length) throw toThrown(ids.errors[0], ids.data === undefined);
      list = (ids.data as { list: ListData }).list;
      page = { nodes: [], totalCount: list.totalCount, badValues: [] };
      for (const { id } of list.nodes) {
        const row = await execute({ schema, document: query.nodeDocument, variableValues: { id }, contextValue: createContext(database, request) });
        const rowFailed = row.errors?.find((error) => !isStoredValueError(error));
        if (rowFailed) throw toThrown(rowFailed, false);
        const node = (row.data as { node: ListNode | null } | null | undefined)?.node;
        // A kept row's errors point into the page (["list", "nodes", i, ...]); a left-out row's stay as they are.
        const at = (error: GraphQLError) => (node ? new GraphQLError(error.message, { path: ['list', 'nodes', page.nodes.length, ...(error.path ?? []).slice(1)], originalError: error.originalError }) : error);
        page.badValues.push(...(row.errors ?? []).map(at));
        if (node) page.nodes.push(node);
      }
    }
    yield page;
    if (!list.pageInfo.hasNextPage || !list.pageInfo.endCursor) return;
    after = list.pageInfo.endCursor;
  }
}

/**
 * Errors before execution can only come from the variables (the query itself was validated at
 * start): graphql-js words them `Variable "$where" got invalid value ...`.
 */
function toThrown(error: GraphQLError, beforeExecution: boolean): Error {
  if (beforeExecution) {
    const argument = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
    return new BadUserInputError(error.message, argument);
  }
  if (error.extensions?.code === 'BAD_USER_INPUT') return error;
  return error.originalError ?? error;
}
