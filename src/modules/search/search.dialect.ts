import { type Dialect, postgresDialect, sqliteDialect } from '../../db/dialect';
import type { SearchClause, SearchQuery, SearchTerm } from './search.parser';

/**
 * A position that no query can match: it keeps the fields of a document apart, so a phrase
 * never runs from one field into the next. On SQLite it is a token of a private-use character
 * (FTS5's `ascii` tokenizer takes every non-ASCII character as part of a token, and the query
 * parser never makes a word of one); on PostgreSQL it is a position left empty.
 */
export const GAP = '\uE000';

/**
 * The stems of one document in two columns: `head` (titles and names, ranked higher) and `body`,
 * each a list of stems and GAPs. Both databases index exactly these positions.
 */
export interface IndexEntry {
  nodeType: string;
  nodeId: string;
  head: string[];
  body: string[];
}

/** The SQL that differs between SQLite (FTS5, bm25) and PostgreSQL (tsvector, GIN, ts_rank). */
export interface SearchDialect {
  readonly sql: Dialect;
  /** The query in the engine's own syntax, every word quoted: bound as the one match parameter. */
  compile(query: SearchQuery): string;
  /**
   * The score (higher is better) of every matching document, with what `hits` needs to name it.
   * Parameters: the compiled query, then, when `byType`, the node types (an array parameter).
   * Without `byType` every type is searched (no filter to evaluate on each match).
   */
  scored(byType: boolean): string;
  /** SELECT node_type, node_id, score of the rows of `from` (rows of `scored`), aliased `x`. */
  hits(from: string): string;
  /** SELECT term: the indexed words in at least `?` documents (for search.top.ts). */
  readonly frequentTerms: string;
  /** INSERT of one index entry, with `entryParams` as its parameters: `INSERT ... VALUES (tuple)`, so rows can be batched. */
  readonly insert: string;
  entryParams(entry: IndexEntry): unknown[];
  /**
   * DELETE of the index entries of one node type (parameter: the type), of the node IDs
   * `keyFilter` keeps where it is given (`AND <node_id in ?>`, its parameter after the type).
   * Runs before the documents' rows are deleted.
   */
  deleteEntries(keyFilter: string): string;
}

const quote = (stem: string, mark: string) => `${mark}${stem.split(mark).join(mark + mark)}${mark}`;

function fts5Term(term: SearchTerm): string {
  return term.prefix ? `${quote(term.stem, '"')} *` : quote(term.stem, '"');
}

function fts5Clause(clause: SearchClause): string {
  return `(${clause.terms.map(fts5Term).join(' + ')})`;
}

const sqliteSearch: SearchDialect = {
  sql: sqliteDialect,
  compile(query) {
    const positive = query.clauses.filter((c) => !c.negated).map(fts5Clause);
    const negative = query.clauses.filter((c) => c.negated).map(fts5Clause);
    return [`(${positive.join(' AND ')})`, ...negative].join(' NOT ');
  },
  // Only the rowid and bm25 per match: reading node_type from FTS5's content table costs a row
  // lookup per match (a very common word: 13,000 lookups), so the names are read for the page's
  // candidates only, in `hits` (CROSS JOIN keeps SQLite from scanning the whole index instead).
  scored: (byType) =>
    `SELECT rowid AS rid, -bm25(search_index, 0, 0, 3.0, 1.0) AS score
    FROM search_index WHERE search_index MATCH ?${byType ? ` AND ${sqliteDialect.inArray('node_type')}` : ''}`,
  hits: (from) => `SELECT i.node_type AS node_type, i.node_id AS node_id, x.score AS score FROM ${from} x CROSS JOIN search_index i ON i.rowid = x.rid`,
  frequentTerms: `SELECT term FROM search_vocab WHERE doc >= ? ORDER BY term`,
  // An entry's rowid is the rowid of its document's first field in search_document, so the
  // entries of some documents are found through that table's key: FTS5's node_type and node_id
  // are UNINDEXED, and a DELETE by them reads the whole index (43 ms a write at scale 1).
  insert: `INSERT INTO search_index (rowid, node_type, node_id, head, body) VALUES ((SELECT rowid FROM search_document WHERE node_type = ? AND node_id = ? AND ordinal = 0), ?, ?, ?, ?)`,
  entryParams: (entry) => [entry.nodeType, entry.nodeId, entry.nodeType, entry.nodeId, entry.head.join(' '), entry.body.join(' ')],
  deleteEntries: (keyFilter) =>
    keyFilter
      ? `DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_document WHERE node_type = ? AND ordinal = 0${keyFilter})`
      : 'DELETE FROM search_index WHERE node_type = ?',
};

function tsTerm(term: SearchTerm): string {
  return term.prefix ? `${quote(term.stem, "'")}:*` : quote(term.stem, "'");
}

function tsClause(clause: SearchClause): string {
  const phrase = `(${clause.terms.map(tsTerm).join(' <-> ')})`;
  return clause.negated ? `!${phrase}` : phrase;
}

/** A tsvector literal of the entry: head stems weighted A, one empty position, then the body. */
function tsvectorLiteral(entry: IndexEntry): string {
  const positions = new Map<string, string[]>();
  const add = (stem: string, position: number, weight: string) => {
    if (stem === GAP) return;
    const list = positions.get(stem) ?? [];
    list.push(`${position}${weight}`);
    positions.set(stem, list);
  };
  entry.head.forEach((stem, i) => add(stem, i + 1, 'A'));
  entry.body.forEach((stem, i) => add(stem, entry.head.length + 2 + i, ''));
  return [...positions].map(([stem, list]) => `${quote(stem, "'")}:${list.join(',')}`).join(' ');
}

const postgresSearch: SearchDialect = {
  sql: postgresDialect,
  compile: (query) => query.clauses.map(tsClause).join(' & '),
  scored: (byType) =>
    `SELECT s.node_type, s.node_id, ts_rank(s.stems, q.query, 1)::float8 AS score
    FROM search_index s, (SELECT CAST(? AS tsquery) AS query) q
    WHERE s.stems @@ q.query${byType ? ` AND ${postgresDialect.inArray('s.node_type')}` : ''}`,
  hits: (from) => `SELECT x.node_type, x.node_id, x.score FROM ${from} x`,
  frequentTerms: `SELECT word AS term FROM ts_stat('SELECT stems FROM search_index') WHERE ndoc >= ? ORDER BY word`,
  insert: `INSERT INTO search_index (node_type, node_id, stems) VALUES (?, ?, CAST(? AS tsvector))`,
  entryParams: (entry) => [entry.nodeType, entry.nodeId, tsvectorLiteral(entry)],
  deleteEntries: (keyFilter) => `DELETE FROM search_index WHERE node_type = ?${keyFilter}`,
};

/** The search SQL for a database: by the core dialect's name, or by TypeORM's connection type. */
export function searchDialect(name: string): SearchDialect {
  return name === 'postgres' ? postgresSearch : sqliteSearch;
}
