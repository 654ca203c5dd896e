import { createHash } from 'node:crypto';
import type { Context } from '../../context';
import type { Row } from '../../db/sql';
import { type Connection, toConnection } from '../../shared/connection';
import { type SortKey, encodeCursor, orderSignature, toPageRequest } from '../../shared/pagination';
import { byKey } from '../../shared/relations';
import { NODE_ENTITIES } from '../node/node-types';
import { searchDialect } from './search.dialect';
import { type DocumentField, highlight } from './search.highlight';
import { type SearchQuery, parseSearchQuery } from './search.parser';
import { SEARCH_NODE_TYPES, type SearchNodeType } from './search.sources';

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
 * One page of the hits of `args.query` in one statement: every match is ranked, counted
 * (totalCount) and flagged as before or after the cursor; the page's rows come with the stored
 * text of their fields, for the highlights. Arguments are validated before anything is read.
 */
export async function searchHits(ctx: Context, args: SearchArgs): Promise<Connection<SearchHitRow>> {
  const query = parseSearchQuery(args.query);
  const keys = hitOrder(query);
  const page = toPageRequest({ first: args.first, after: args.after }, keys);
  const dialect = searchDialect(ctx.sql.dialect.name);
  const { binary } = ctx.sql.dialect;
  const after = page.after
    ? {
        sql: `CASE WHEN m.score < ? OR (m.score = ? AND (${binary('m.node_type')} > ? OR (m.node_type = ? AND ${binary('m.node_id')} > ?))) THEN 1 ELSE 0 END`,
        params: [page.after[0], page.after[0], page.after[1], page.after[1], page.after[2]],
      }
    : { sql: '1', params: [] };
  const text = `WITH m AS (${dialect.match}),
    r AS (SELECT m.node_type, m.node_id, m.score, ${after.sql} AS a FROM m),
    w AS (SELECT r.*, COUNT(*) OVER () AS total, SUM(r.a) OVER () AS rest,
      ROW_NUMBER() OVER (PARTITION BY r.a ORDER BY r.score DESC, ${binary('r.node_type')}, ${binary('r.node_id')}) AS rn FROM r),
    p AS (SELECT * FROM w WHERE (w.a = 1 AND w.rn <= ?) OR w.rn = 1)
    SELECT p.node_type, p.node_id, p.score, p.a, p.rn, p.total, p.rest, d.field, d.text
    FROM p LEFT JOIN search_document d ON d.node_type = p.node_type AND d.node_id = p.node_id AND p.a = 1 AND p.rn <= ?
    ORDER BY p.a DESC, p.rn, d.ordinal`;
  const types = args.types ?? SEARCH_NODE_TYPES;
  const rows = await ctx.sql.query(text, [
    dialect.compile(query),
    ctx.sql.dialect.arrayParam(types),
    ...after.params,
    page.limit,
    page.limit,
  ]);

  const hits = new Map<string, { row: Row; fields: DocumentField[] }>();
  let totalCount = 0;
  let rest = 0;
  for (const row of rows) {
    totalCount = Number(row.total);
    rest = Number(row.rest);
    if (Number(row.a) !== 1 || Number(row.rn) > page.limit) continue;
    const id = `${String(row.node_type)}:${String(row.node_id)}`;
    const hit = hits.get(id) ?? { row, fields: [] };
    if (row.text != null) hit.fields.push({ field: String(row.field), text: String(row.text) });
    hits.set(id, hit);
  }
  const signature = orderSignature(keys);
  const list = [...hits.values()];
  return toConnection(
    {
      rows: list.map((h) => h.row),
      cursors: list.map(({ row }) => encodeCursor(signature, [Number(row.score), String(row.node_type), String(row.node_id)])),
      totalCount,
      hasNextPage: rest > page.limit,
      hasPreviousPage: totalCount > rest,
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

/** The node of each hit, through the request's loaders: one statement per node type on the page. */
export function loadHitNode(ctx: Context, hit: SearchHitRow): Promise<object | null> {
  return byKey(ctx, NODE_ENTITIES[hit.nodeType], hit.nodeId);
}
