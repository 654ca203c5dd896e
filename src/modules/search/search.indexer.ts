import { DataSource, type EntityManager } from 'typeorm';
import { runIn, runOnceIn } from '../../db/prepared-statements';
import { type Dialect, chunksOf } from '../../db/dialect';
import type { NodeType } from '../../shared/global-id';
import type { WriteEvent } from '../writes/write-events';
import { writeKindOf } from '../writes/write-kinds';
import { referencesOf } from '../writes/write-rows';
import { GAP, type IndexEntry, type SearchDialect, searchDialect } from './search.dialect';
import { SEARCH_NODE_TYPES, type SearchNodeType, searchSources, sourceQuery } from './search.sources';
import { stemsOf } from './search.stemmer';

/** The records whose search documents to rebuild: keys by node type (other types are ignored). */
export type SearchTargets = Partial<Record<NodeType, readonly string[]>>;

/**
 * Caps that keep SQLite and PostgreSQL indexing the same positions: a tsvector keeps at most
 * 256 positions of one lexeme and none past 16383, so an occurrence past those caps becomes a
 * GAP (on both databases) and a document keeps at most HEAD_CAP + BODY_CAP positions.
 */
const MAX_OCCURRENCES = 256;
const HEAD_CAP = 1000;
const BODY_CAP = 15000;
/** The most rows of an INSERT kept prepared (runIn); a larger one's text is its own and runs once (runOnceIn). */
const KEPT_ROWS = 100;

/** One stored field of a document: the original text a highlight is cut from. */
interface StoredField {
  field: string;
  head: boolean;
  text: string;
}

/**
 * Rebuilds the search documents of the named records from the content tables, through `manager`
 * (inside the caller's transaction): their old documents are deleted, then written anew, so
 * rebuilding twice leaves the same rows. Call it after every write to a searchable record or to
 * what its document is made of (participations, affiliations).
 */
export async function reindex(manager: EntityManager, targets: SearchTargets): Promise<void> {
  for (const type of SEARCH_NODE_TYPES) {
    const keys = targets[type];
    if (keys && keys.length > 0) await rebuild(manager, type, keys);
  }
}

/**
 * Like reindex, but writes only the documents that differ from what is stored: an edit of a
 * field search does not read (an edition, a date) then costs two reads instead of four writes,
 * and leaves the top lists fresh. The write side's choice; reindex rewrites whatever it is given.
 */
export async function reindexChanged(manager: EntityManager, targets: SearchTargets): Promise<void> {
  for (const type of SEARCH_NODE_TYPES) {
    const keys = targets[type];
    if (keys && keys.length > 0) await rebuild(manager, type, keys, true);
  }
}

/**
 * The records whose search documents `events` touch: each record, and what its link records
 * name before and after (a session's participants are found by their talks' positions).
 */
export function searchTargetsOf(events: readonly WriteEvent[]): Partial<Record<NodeType, string[]>> {
  const out: Partial<Record<NodeType, string[]>> = {};
  const add = (type: NodeType, key: string) => (out[type] ??= []).includes(key) || out[type]!.push(key);
  for (const event of events) {
    add(event.type, event.key);
    const kind = writeKindOf(event.type);
    for (const document of [event.before, event.after]) {
      if (!document) continue;
      for (const ref of referencesOf(kind, document)) if (ref.path.length === 3) add(ref.type, ref.key);
    }
  }
  return out;
}

/**
 * The write events' handler in their transaction (derived-data.ts subscribes it): the search
 * documents of what they touched are rebuilt where they differ, and commit with the write.
 */
export async function reindexWritten(events: readonly WriteEvent[], tx: { manager: EntityManager; dialect: Dialect }): Promise<void> {
  await reindexChanged(tx.manager, searchTargetsOf(events));
}

/** Rebuilds the whole search index from the content tables: in its own transaction, or in `manager`'s. */
export async function reindexAll(target: DataSource | EntityManager): Promise<void> {
  if (target instanceof DataSource) {
    await target.transaction((manager) => reindexAll(manager));
    return;
  }
  for (const type of SEARCH_NODE_TYPES) await rebuild(target, type, null);
}

function dialectOf(manager: EntityManager): SearchDialect {
  return searchDialect(manager.connection.options.type);
}

async function rebuild(manager: EntityManager, type: SearchNodeType, keys: readonly string[] | null, onlyChanged = false): Promise<void> {
  const dialect = dialectOf(manager);
  const run = (sql: string, params: unknown[] = []) => runIn(manager, dialect.sql, sql, params) as Promise<SourceRow[]>;
  // With onlyChanged, the stored documents come in the same statement (src -1, "field|text"):
  // one read instead of two, on the path of every write.
  const compare = keys !== null && onlyChanged;
  const storedRows = `SELECT -1 AS src, node_id, ordinal AS ord, field || '|' || text AS text FROM search_document WHERE node_type = ? AND ${dialect.sql.inArray('node_id')}`;
  const rows: SourceRow[] = await run(
    compare ? `${sourceQuery(type, dialect.sql.inArray('s.node_id'))} UNION ALL ${storedRows}` : sourceQuery(type, keys ? dialect.sql.inArray('s.node_id') : undefined),
    keys ? [dialect.sql.arrayParam(keys), ...(compare ? [type, dialect.sql.arrayParam(keys)] : [])] : [],
  );
  const documents = collect(type, rows.filter((row) => Number(row.src) !== -1));
  const changed = compare ? changedKeys(rows.filter((row) => Number(row.src) === -1), keys, documents) : keys ? [...keys] : null;
  if (changed?.length === 0) return;
  const keyFilter = (column: string) => (changed ? ` AND ${dialect.sql.inArray(column)}` : '');
  const keyParams = changed ? [dialect.sql.arrayParam(changed)] : [];
  await run(dialect.deleteEntries(keyFilter('node_id')), [type, ...keyParams]);
  await run(`DELETE FROM search_document WHERE node_type = ?${keyFilter('node_id')}`, [type, ...keyParams]);
  if (changed) for (const key of [...documents.keys()]) if (!changed.includes(key)) documents.delete(key);
  const entries: IndexEntry[] = [];
  const stored: unknown[][] = [];
  for (const [nodeId, fields] of documents) {
    fields.forEach((f, ordinal) => stored.push([type, nodeId, ordinal, f.field, f.text]));
    const entry = indexEntry(type, nodeId, fields);
    if (entry.head.length + entry.body.length > 0) entries.push(entry);
  }
  // Each table's rows in as few statements as the dialect's bound on parameters allows (chunksOf).
  const insertRows = async (head: string, tuple: string, rows: unknown[][]) => {
    for (const chunk of chunksOf(dialect.sql, rows, rows[0]?.length ?? 1)) {
      await (chunk.length <= KEPT_ROWS ? runIn : runOnceIn)(manager, dialect.sql, `${head} VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
    }
  };
  await insertRows('INSERT INTO search_document (node_type, node_id, ordinal, field, text)', '(?, ?, ?, ?, ?)', stored);
  const [insertHead, tuple] = dialect.insert.split(' VALUES ');
  await insertRows(insertHead, tuple, entries.map((entry) => dialect.entryParams(entry)));
}

/** A row of sourceQuery: the text of one field of a document (src: which source). */
type SourceRow = { src: number | string; node_id: string; ord: number | string; text: string };

/** The keys among `keys` whose `stored` document (rows "field|text" by ordinal) differs from `documents` (what the tables now make of them). */
function changedKeys(stored: SourceRow[], keys: readonly string[], documents: Map<string, StoredField[]>): string[] {
  const before = new Map<string, string[]>();
  for (const row of [...stored].sort((a, b) => byCodePoint(a.node_id, b.node_id) || Number(a.ord) - Number(b.ord))) {
    before.set(row.node_id, [...(before.get(row.node_id) ?? []), row.text]);
  }
  return keys.filter((key) => {
    const now = (documents.get(key) ?? []).map((f) => `${f.field}|${f.text}`);
    const was = before.get(key) ?? [];
    return now.length !== was.length || now.some((entry, i) => entry !== was[i]);
  });
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The fields of each document in source order, then row order; a text repeated in one document is kept once. */
function collect(type: SearchNodeType, rows: SourceRow[]) {
  const sources = searchSources(type);
  const sorted = rows
    .map((r) => ({ src: Number(r.src), nodeId: r.node_id, ord: Number(r.ord), text: r.text }))
    .filter((r) => r.text.trim().length > 0)
    .sort((a, b) => byCodePoint(a.nodeId, b.nodeId) || a.src - b.src || a.ord - b.ord || byCodePoint(a.text, b.text));
  const documents = new Map<string, StoredField[]>();
  for (const row of sorted) {
    const fields = documents.get(row.nodeId) ?? [];
    if (fields.some((f) => f.text === row.text)) continue;
    const source = sources[row.src];
    fields.push({ field: source.field, head: source.head === true, text: row.text });
    documents.set(row.nodeId, fields);
  }
  return documents;
}

/** The positions of a document: each field's stems, fields kept apart by a GAP, within the caps. */
function indexEntry(nodeType: string, nodeId: string, fields: StoredField[]): IndexEntry {
  const occurrences = new Map<string, number>();
  const column = (head: boolean, cap: number) => {
    const tokens: string[] = [];
    for (const field of fields.filter((f) => f.head === head)) {
      const stems = stemsOf(field.text);
      if (stems.length === 0) continue;
      if (tokens.length > 0) tokens.push(GAP);
      for (const stem of stems) {
        const seen = (occurrences.get(stem) ?? 0) + 1;
        occurrences.set(stem, seen);
        tokens.push(seen > MAX_OCCURRENCES ? GAP : stem);
      }
    }
    return tokens.slice(0, cap);
  };
  const head = column(true, HEAD_CAP);
  const body = column(false, BODY_CAP);
  return { nodeType, nodeId, head, body };
}
