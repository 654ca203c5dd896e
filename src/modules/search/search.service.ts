import { createHash } from 'node:crypto';
import type { Context } from '../../context';
import type { Row } from '../../db/sql';
import { type Connection, toConnection } from '../../shared/connection';
import { type SortKey, encodeCursor, orderSignature, toPageRequest } from '../../shared/pagination';
import { byKey } from '../../shared/relations';
import { modelOfType } from '../../shared/model';
import { searchDialect } from './search.dialect';
import { type DocumentField, highlight } from './search.highlight';
import { type SearchQuery, parseSearchQuery } from './search.parser';
import { SEARCH_NODE_TYPES, type SearchNodeType } from './search.sources';
import { type AfterCursor, isOneWord, rankedOrder, topHitRows } from './search.top';

/** The arguments of Query.search, as received. */
export interface SearchArgs {
  query: string;
  types?: readonly SearchNodeType[] | null;
  first?: number | null;
  after?: string | null;
}

/** One hit, before it is resolved to its node. */
export interface SearchHitRow {
  nodeType: SearchNodeType;
  nodeId: string;
  score: number;
  highlight: string | null;
}

/**
 * The ordering of hits: best score first, then node type and key, so ties never swap places
 * between pages. The query's fingerprint is part of the signature: a cursor made for one query
 * is refused by another.
 */
function hitOrder(query: SearchQuery): SortKey[] {
  const fingerprint = createHash('sha1').update(JSON.stringify(query)).digest('base64url').slice(0, 12);
  return [
    { sql: `search.score:${fingerprint}`, direction: 'DESC', nullable: false, text: false },
    { sql: 'search.node_type', direction: 'ASC', nullable: false, text: true },
    { sql: 'search.node_id', direction: 'ASC', nullable: false, text: true },
  ];
}

/**
 * One page of the hits of `args.query`: read from the word's top list where one holds the whole
 * page (a common word, search.top.ts), else ranked live (one statement each; a one-word search
 * that no list serves takes both). Arguments are validated before anything is read.
 */
export async function searchHits(ctx: Context, args: SearchArgs): Promise<Connection<SearchHitRow>> {
  const query = parseSearchQuery(args.query);
  const keys = hitOrder(query);
  const page = toPageRequest({ first: args.first, after: args.after }, keys);
  const dialect = searchDialect(ctx.sql.dialect.name);
  const { binary } = ctx.sql.dialect;
  const byType = args.types != null && SEARCH_NODE_TYPES.some((type) => !args.types!.includes(type));
  const cursor = page.after;
  // Strictly after the cursor in the order score DESC, node_type, node_id (on rows aliased `alias`).
  const after = (alias: string) => ({
    sql: `(${alias}.score < ? OR (${alias}.score = ? AND (${binary(`${alias}.node_type`)} > ? OR (${alias}.node_type = ? AND ${binary(`${alias}.node_id`)} > ?))))`,
    params: cursor ? [cursor[0], cursor[0], cursor[1], cursor[1], cursor[2]] : [],
  });
  const match = dialect.compile(query);
  const top = ctx.searchTop && !byType && isOneWord(query) ? await topHitRows(ctx, match, page.limit, cursor !== null, after) : null;
  const rows = top ?? (await liveHitRows(ctx, { match, byType, types: args.types, limit: page.limit, cursor, after }));

  const hits = new Map<string, { row: Row; fields: DocumentField[] }>();
  for (const row of rows) {
    if (row.node_type == null) continue;
    const id = `${String(row.node_type)}:${String(row.node_id)}`;
    const hit = hits.get(id) ?? { row, fields: [] };
    if (row.text != null) hit.fields.push({ field: String(row.field), text: String(row.text) });
    hits.set(id, hit);
  }
  const list = [...hits.values()];
  const hasNextPage = list.length > page.limit;
  if (hasNextPage) list.length = page.limit;
  const signature = orderSignature(keys);
  return toConnection(
    {
      rows: list.map((h) => h.row),
      cursor: (i) => encodeCursor(signature, [Number(list[i].row.score), String(list[i].row.node_type), String(list[i].row.node_id)]),
      totalCount: Number(rows[0]?.total ?? 0),
      hasNextPage,
      hasPreviousPage: Number(rows[0]?.previous ?? 0) === 1,
    },
    (row) => {
      const hit = hits.get(`${String(row.node_type)}:${String(row.node_id)}`)!;
      return {
        nodeType: row.node_type as SearchNodeType,
        nodeId: String(row.node_id),
        score: Number(row.score),
        highlight: highlight(hit.fields, query),
      };
    },
  );
}

/**
 * The page's rows ranked live: every match is scored once (a materialized CTE) and counted
 * (totalCount); the score of the (limit + 1)-th best match after the cursor is a cut below which
 * no row can be on the page, so node names are read, the exact order applied and the stored text
 * of the fields joined (for the highlights) only for the rows at or above it.
 */
async function liveHitRows(
  ctx: Context,
  options: { match: string; byType: boolean; types?: readonly SearchNodeType[] | null; limit: number; cursor: unknown[] | null; after: AfterCursor },
): Promise<Row[]> {
  const { match, byType, limit, cursor, after } = options;
  const dialect = searchDialect(ctx.sql.dialect.name);
  const { binary } = ctx.sql.dialect;
  const order = (alias: string) => rankedOrder(binary, alias);
  const params: unknown[] = [match, ...(byType ? [ctx.sql.dialect.arrayParam(options.types!)] : [])];
  // Rows after the cursor have a score <= its score; the cut is taken among those strictly below
  // it, and every row of the cursor's own score is kept (their names decide).
  const cut = `SELECT s.score FROM s${cursor ? ' WHERE s.score < ?' : ''} ORDER BY s.score DESC LIMIT 1 OFFSET ?`;
  params.push(...(cursor ? [cursor[0]] : []), limit);
  const candidates = `SELECT s.* FROM s WHERE s.score >= COALESCE((SELECT score FROM cut), -1e308)${cursor ? ' AND s.score <= ?' : ''}`;
  params.push(...(cursor ? [cursor[0]] : []));
  const pageRows = `SELECT h.* FROM (${dialect.hits('c')}) h${cursor ? ` WHERE ${after('h').sql}` : ''} ORDER BY ${order('h')} LIMIT ?`;
  params.push(...after('h').params, limit + 1);
  // Rows before the page: a better score than the cursor's, or the cursor's score and a name not after it.
  const previous = cursor
    ? `CASE WHEN EXISTS (SELECT 1 FROM s WHERE s.score > ?)
        OR EXISTS (SELECT 1 FROM (${dialect.hits('(SELECT * FROM s WHERE s.score = ?)')}) t WHERE NOT ${after('t').sql}) THEN 1 ELSE 0 END`
    : '0';
  params.push(...(cursor ? [cursor[0], cursor[0], ...after('t').params] : []));
  const text = `WITH s AS MATERIALIZED (${dialect.scored(byType)}),
    cut AS (${cut}),
    c AS (${candidates}),
    p AS (${pageRows})
    SELECT m.total, m.previous, p.node_type, p.node_id, p.score, d.field, d.text
    FROM (SELECT (SELECT COUNT(*) FROM s) AS total, ${previous} AS previous) m
    LEFT JOIN p ON 1 = 1
    LEFT JOIN search_document d ON d.node_type = p.node_type AND d.node_id = p.node_id
    ORDER BY ${order('p')}, d.ordinal`;
  return ctx.sql.query(text, params);
}

/** The node of each hit, through the request's loaders: one statement per node type on the page. */
export function loadHitNode(ctx: Context, hit: SearchHitRow): Promise<object | null> {
  return byKey(ctx, modelOfType(hit.nodeType), hit.nodeId);
}
