import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../../context';
import type { Database } from '../../db/data-source';
import type { Row } from '../../db/sql';
import { chunksOf } from '../../db/dialect';
import { GAP, searchDialect } from './search.dialect';
import type { SearchQuery } from './search.parser';
import { type LaterRebuild, behindWrites } from '../writes/write-later';

/** A word in at least this share of the documents has its best hits kept ranked. */
export const SEARCH_TOP_SHARE = 0.01;
/** How many hits are kept per word: the first pages of any size (a page deeper is ranked live). */
export const SEARCH_TOP_KEPT = 500;

/** The order hits are paged in, on rows aliased `alias` (`binary`: the dialect's code-point comparison). */
export function rankedOrder(binary: (expr: string) => string, alias: string): string {
  return `${alias}.score DESC, ${binary(`${alias}.node_type`)}, ${binary(`${alias}.node_id`)}`;
}

/** Strictly after the cursor in that order, on rows aliased `alias`, with its parameters. */
export type AfterCursor = (alias: string) => { sql: string; params: unknown[] };

/** Whether the query is one word (not a prefix, not excluded): the searches top lists are kept for. */
export function isOneWord(query: SearchQuery): boolean {
  if (query.clauses.length !== 1) return false;
  const [clause] = query.clauses;
  return !clause.negated && clause.terms.length === 1 && !clause.terms[0].prefix;
}

/** The top lists as computed, before they are written: each common word's hits and match count. */
interface TopLists {
  generation: number;
  lists: { match: string; total: number; hits: Row[] }[];
}

type Read = (sql: string, params?: unknown[]) => Promise<Row[]>;

/** Ranks the first SEARCH_TOP_KEPT hits of every word in at least `share` of the documents, reading through `read`. */
async function computeTopLists(read: Read, dialect: ReturnType<typeof searchDialect>, share: number): Promise<TopLists> {
  const { binary } = dialect.sql;
  // The generation first: a write during the ranking leaves the lists stale, never wrong.
  const [state] = await read(`SELECT generation FROM stats_rollup_state WHERE name = 'search_top'`);
  const [{ n }] = await read('SELECT COUNT(*) AS n FROM search_index');
  const least = Math.max(1, Math.ceil(Number(n) * share));
  const terms = (await read(dialect.frequentTerms, [least])).map((row) => String(row.term)).filter((term) => term !== GAP && term.trim().length > 0);
  const ranked = `WITH s AS MATERIALIZED (${dialect.scored(false)})
      SELECT h.node_type, h.node_id, h.score, (SELECT COUNT(*) FROM s) AS total FROM (${dialect.hits('s')}) h ORDER BY ${rankedOrder(binary, 'h')} LIMIT ?`;
  const lists: TopLists['lists'] = [];
  for (const term of terms) {
    const match = dialect.compile({ clauses: [{ negated: false, terms: [{ stem: term, prefix: false }] }] });
    const hits = await read(ranked, [match, SEARCH_TOP_KEPT]);
    if (hits.length > 0) lists.push({ match, total: Number(hits[0].total), hits });
  }
  return { generation: Number(state.generation), lists };
}

/** Replaces the kept lists with `top` in one transaction of `manager`. */
async function writeTopLists(manager: EntityManager, dialect: ReturnType<typeof searchDialect>, top: TopLists): Promise<void> {
  await manager.transaction(async (tx) => {
    const query = (sql: string, params: unknown[] = []) => tx.query(dialect.sql.placeholders(sql), params) as Promise<Row[]>;
    // The state row first: concurrent refreshes queue here instead of interleaving.
    await query(`UPDATE stats_rollup_state SET built = -1 WHERE name = 'search_top'`);
    await query('DELETE FROM search_top');
    await query('DELETE FROM search_top_query');
    // Every list's rows in statements as large as the dialect binds (254 lists of up to 500 hits
    // at scale 1 took 769 statements one list at a time).
    const rows = top.lists.flatMap(({ match, hits }) => hits.map((hit, position) => [match, position, hit.node_type, hit.node_id, hit.score]));
    for (const chunk of chunksOf(dialect.sql, rows, 5)) {
      await query(`INSERT INTO search_top (query, position, node_type, node_id, score) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, chunk.flat());
    }
    for (const chunk of chunksOf(dialect.sql, top.lists, 3)) {
      await query(`INSERT INTO search_top_query (query, matches, kept) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`, chunk.flatMap(({ match, total, hits }) => [match, total, hits.length]));
    }
    // Writes after the generation was read bump it again: the lists are then stale, never wrong.
    await query(`UPDATE stats_rollup_state SET built = ? WHERE name = 'search_top'`, [top.generation]);
  });
}

/**
 * Ranking a search scores every match (bm25 on SQLite, ts_rank on PostgreSQL): a word found in
 * 13,000 documents costs ~17 ms however few hits a page shows. For the words in at least
 * SEARCH_TOP_SHARE of the documents, the first SEARCH_TOP_KEPT hits are kept ranked, with the
 * scores and in the order the live search gives them (the same statements made them), and how
 * many documents match: the "champion lists" of search engines, exact here because a page is
 * read from them only where they hold all of it, and only while no document changed since.
 *
 * Rebuilt by whoever rewrites the index (the seed loader, the synthetic generator, start-up after
 * the migration that made the lists: src/derived-data.ts; TOP_LISTS_AFTER_WRITES after a stage's writes);
 * until then the lists are stale and every search is ranked live. The lists are marked built for
 * the generation read before the ranking, so a write during it leaves them stale, never wrong.
 */
export async function refreshSearchTop(target: DataSource | EntityManager, options: { share?: number } = {}): Promise<void> {
  const manager = 'manager' in target ? target.manager : target;
  const dialect = searchDialect(manager.connection.options.type);
  await manager.transaction(async (tx) => {
    const read: Read = (sql, params = []) => tx.query(dialect.sql.placeholders(sql), params) as Promise<Row[]>;
    await writeTopLists(tx, dialect, await computeTopLists(read, dialect, options.share ?? SEARCH_TOP_SHARE));
  });
}

/**
 * The same, ranking through `read` (read-only connections, each statement its own snapshot of
 * committed data) and holding `lock` only to write the lists: the writes of the stage wait for
 * the write alone, not for the ranking (tens of seconds for a large index).
 */
export async function refreshSearchTopApart(dataSource: DataSource, read: Read, lock: (work: () => Promise<void>) => Promise<void>): Promise<void> {
  const dialect = searchDialect(dataSource.options.type);
  const top = await computeTopLists((sql, params = []) => read(sql, params), dialect, SEARCH_TOP_SHARE);
  await lock(() => writeTopLists(dataSource.manager, dialect, top));
}

/**
 * The top lists of a stage, rebuilt once its writes pause (derived-data.ts arms it after every
 * commit). The ranking reads apart where it can, so the stage's writes wait only for the lists'
 * write.
 */
export const TOP_LISTS_AFTER_WRITES: LaterRebuild = {
  name: 'search-top',
  rebuild: (target) => refreshSearchTop(target),
  run: (database: Database, queue: Database) =>
    database.readsApart
      ? refreshSearchTopApart(database.dataSource, (sql, params) => database.read(sql, params ?? []), (work) => behindWrites(database, queue, work))
      : behindWrites(database, queue, () => refreshSearchTop(database.dataSource)),
};

/**
 * The rows of one page of a one-word search (as searchHits reads them: total, previous, node,
 * score, each stored field) from the word's top list, or null where the list cannot give the
 * whole page: no list (a rarer word), a stale one, or a page past the hits it keeps.
 */
export async function topHitRows(ctx: Context, match: string, limit: number, cursor: boolean, after: AfterCursor): Promise<Row[] | null> {
  const fresh = `EXISTS (SELECT 1 FROM stats_rollup_state s WHERE s.name = 'search_top' AND s.built = s.generation)`;
  const afterTop = after('t');
  const previous = cursor ? `CASE WHEN EXISTS (SELECT 1 FROM search_top t WHERE t.query = ? AND NOT ${afterTop.sql}) THEN 1 ELSE 0 END` : '0';
  const text = `WITH q AS (SELECT matches, kept FROM search_top_query WHERE query = ? AND ${fresh}),
    p AS (SELECT t.position, t.node_type, t.node_id, t.score FROM search_top t WHERE t.query = ?${cursor ? ` AND ${afterTop.sql}` : ''} ORDER BY t.position LIMIT ?)
    SELECT q.matches AS total, q.kept AS kept, (SELECT COUNT(*) FROM p) AS here, ${previous} AS previous, p.node_type, p.node_id, p.score, d.field, d.text
    FROM q LEFT JOIN p ON 1 = 1
    LEFT JOIN search_document d ON d.node_type = p.node_type AND d.node_id = p.node_id
    ORDER BY p.position, d.ordinal`;
  const params = [match, match, ...(cursor ? afterTop.params : []), limit + 1, ...(cursor ? [match, ...afterTop.params] : [])];
  const rows = await ctx.sql.query(text, params);
  if (rows.length === 0) return null;
  const whole = Number(rows[0].here) > limit || Number(rows[0].kept) >= Number(rows[0].total);
  return whole ? rows : null;
}
