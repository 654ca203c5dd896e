import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral, getMetadataArgsStorage } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { type Dialect, chunksOf } from '../../db/dialect';
import { runIn, runOnceIn } from '../../db/prepared-statements';
import { invariant } from '../../shared/errors';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import { type NodeType, toGlobalId } from '../../shared/global-id';
import { modelOf } from '../../shared/model';
import { PublicationMention } from '../publication/publication.entity';
import { type WriteKind, WRITE_KINDS } from './write-kinds';
import { inDraft } from './stage';
import type { RecordDocument } from './write-events';

/*
 * The rows of records in a stage's tables: written from their documents (through the seed
 * format's mapping), the records of one kind together; one record's copied from the drafts to
 * the published stage, removed. Every statement
 * names its tables and columns from the entities' metadata; values are bound.
 */

export type { RecordDocument } from './write-events';

/** The columns of `entity`'s table, every one (folded copies and date bounds too). */
export function columnsOf(entity: EntityClass): string[] {
  const storage = getMetadataArgsStorage();
  return storage.columns.filter((c) => c.target === entity).map((c) => c.options.name ?? c.propertyName);
}

/**
 * Inserts `rows` (entity property names, as toRows makes them) into `entity`'s table; with
 * `upsert`, a row whose primary key exists replaces it. The statements are made from TypeORM's
 * column metadata and their values prepared by the driver, as `manager.insert`/`upsert` would,
 * but as plain SQL: many rows a statement (chunksOf: under the dialect's bound on parameters),
 * rows that name the same columns together (a column a row leaves out keeps its default, or on
 * an upsert its value); a statement of one row is kept prepared (runIn), as a mutation writes.
 * A column its model numbers in the order of creation (`append`, a quote's ordinal) takes the
 * next numbers after every row's on insert, in the order of `rows`, and keeps its own on an upsert.
 */
async function insertRows(manager: EntityManager, dialect: Dialect, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[], upsert: boolean): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(entity);
  const bySignature = new Map<string, { columns: ColumnMetadata[]; rows: ObjectLiteral[] }>();
  for (const row of rows) {
    const columns = metadata.columns.filter((column) => column.getEntityValue(row) !== undefined);
    const signature = columns.map((column) => column.databaseName).join(',');
    const group = bySignature.get(signature) ?? bySignature.set(signature, { columns, rows: [] }).get(signature)!;
    group.rows.push(row);
  }
  const appended = modelOf(entity as object)?.appended ?? [];
  for (const group of bySignature.values()) {
    // Which rows an upsert inserts (the others keep their numbers): asked only where a statement of several rows numbers them.
    const stored = appended.length > 0 && upsert && group.rows.length > 1 ? await storedKeys(manager, dialect, metadata, group.rows) : new Set<string>();
    for (const chunk of chunksOf(dialect, group.rows, group.columns.length)) await insertChunk(manager, dialect, metadata, group.columns, appended, chunk, stored, upsert);
  }
}

/** One multi-row INSERT of insertRows: `rows` name `columns`; `stored` are the keys among them the table holds already. */
async function insertChunk(
  manager: EntityManager,
  dialect: Dialect,
  metadata: EntityMetadata,
  columns: readonly ColumnMetadata[],
  appended: readonly string[],
  rows: readonly ObjectLiteral[],
  stored: ReadonlySet<string>,
  upsert: boolean,
): Promise<void> {
  const { driver } = manager.connection;
  const table = `"${metadata.tableName}"`;
  const names = columns.map((column) => `"${column.databaseName}"`);
  const keys = metadata.primaryColumns.map((column) => `"${column.databaseName}"`);
  const updates = names.filter((name) => !keys.includes(name)).map((name) => `${name} = excluded.${name}`);
  const conflict = upsert ? ` ON CONFLICT (${keys.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '';
  // The statement's subqueries read the table as it was before it: its n-th new row takes MAX + n.
  let added = 0;
  const tuples = rows.map((row) => {
    if (!stored.has(keyOf(metadata, row))) added += 1;
    const numbered = appended.map((column) => `(SELECT COALESCE(MAX("${column}"), -1) + ${Math.max(added, 1)} FROM ${table})`);
    return `(${[...names.map(() => '?'), ...numbered].join(', ')})`;
  });
  const params = rows.flatMap((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)));
  const sql = `INSERT INTO ${table} (${[...names, ...appended.map((column) => `"${column}"`)].join(', ')}) VALUES ${tuples.join(', ')}${conflict}`;
  await (rows.length === 1 ? runIn : runOnceIn)(manager, dialect, sql, params);
}

/** A row's primary key, as one string. */
function keyOf(metadata: EntityMetadata, row: ObjectLiteral): string {
  return JSON.stringify(metadata.primaryColumns.map((column) => column.getEntityValue(row)));
}

/** The keys (keyOf) among `rows`' that `metadata`'s table holds, read in one statement (one array bound): a table of one primary column. */
async function storedKeys(manager: EntityManager, dialect: Dialect, metadata: EntityMetadata, rows: readonly ObjectLiteral[]): Promise<Set<string>> {
  invariant(metadata.primaryColumns.length === 1, `a table whose rows are numbered in the order of creation has one primary column; ${metadata.tableName} has ${metadata.primaryColumns.length}`);
  const [key] = metadata.primaryColumns;
  const found = await runIn(manager, dialect, `SELECT "${key.databaseName}" AS k FROM "${metadata.tableName}" WHERE ${dialect.inArray(`"${key.databaseName}"`)}`, [
    dialect.arrayParam(rows.map((row) => String(key.getEntityValue(row)))),
  ]);
  return new Set(found.map((row) => JSON.stringify([row.k])));
}

/** The keys `document` refers to, by type: the record's references and its link records'. */
export function referencesOf(kind: WriteKind, document: RecordDocument): { type: NodeType; key: string; path: (string | number)[] }[] {
  const out: { type: NodeType; key: string; path: (string | number)[] }[] = [];
  const collect = (value: unknown, type: NodeType, path: (string | number)[]) => {
    if (Array.isArray(value)) value.forEach((key, i) => typeof key === 'string' && out.push({ type, key, path: [...path, i] }));
    else if (typeof value === 'string') out.push({ type, key: value, path });
  };
  for (const [field, type] of Object.entries(kind.refs)) collect(document[field], type, [field]);
  for (const [field, refs] of Object.entries(kind.nested)) {
    const list = Array.isArray(document[field]) ? (document[field] as Record<string, unknown>[]) : [];
    list.forEach((element, i) => {
      for (const [name, type] of Object.entries(refs)) collect(element[name], type, [field, i, name]);
    });
  }
  const subject = document.subject as { kind: string; key: string } | undefined;
  if (subject) {
    const kindOf = WRITE_KINDS.find((k) => k.set === `${subject.kind}s`);
    if (kindOf) out.push({ type: kindOf.type, key: subject.key, path: ['subject'] });
  }
  return out;
}

/** A record whose rows to write: its document, and the one the stage holds the rows of (null where none, or not known). */
export interface RowsWrite {
  document: RecordDocument;
  previous: RecordDocument | null;
}

/**
 * Writes the rows of `records` of `kind` into the stage `manager` works on, replacing what it
 * had: their own rows, the link rows they own, their link records and the mentions of their
 * sources; parents before children in the order given. Each table is written for all of them at
 * once: one DELETE of the link rows that change, multi-row INSERTs (insertRows), so a thousand
 * records take a few statements per table, and one record (a mutation) takes the statements it
 * took alone. Given the `previous` document the stage holds the rows of, it rewrites only the
 * tables whose rows differ (an edit of a forum's theme writes its row, not its organizers and
 * mentions again). The keys of `records` are distinct.
 */
export async function writeRowsOf(manager: EntityManager, dialect: Dialect, kind: WriteKind, records: readonly RowsWrite[]): Promise<void> {
  const planned = records.map(({ document, previous }) => {
    const now = rowsOf(kind, document);
    const before = previous ? rowsOf(kind, previous) : null;
    const same = (a: unknown, b: unknown) => before !== null && JSON.stringify(a) === JSON.stringify(b);
    return {
      key: document.key,
      now,
      row: !same(now.row, before?.row),
      // An owned list's rows (a forum's organizers, a session's participations) the record no longer has are deleted.
      owned: new Set(kind.owned.filter((owned) => !same(now.links.get(owned.table), before?.links.get(owned.table)))),
      mentions: !same(now.mentions, before?.mentions),
    };
  });
  for (const owned of kind.owned) {
    const keys = planned.filter((p) => p.owned.has(owned)).map((p) => p.key);
    if (keys.length > 0) await runIn(manager, dialect, `DELETE FROM ${owned.table} WHERE ${dialect.inArray(owned.column)}`, [dialect.arrayParam(keys)]);
  }
  await insertRows(manager, dialect, kind.entity, planned.filter((p) => p.row).map((p) => p.now.row), true);
  // Link rows after the records' rows: they refer to them.
  for (const owned of kind.owned) {
    await insertRows(manager, dialect, owned.entity, planned.filter((p) => p.owned.has(owned)).flatMap((p) => p.now.links.get(owned.table) ?? []), false);
  }
  await replaceMentions(manager, dialect, kind.type, planned.filter((p) => p.mentions).map((p) => ({ key: p.key, sources: p.now.mentions })));
}

/**
 * The rows `document` of `kind` makes (its model's toRows): the record's row, the rows of each
 * list it owns by table, and the publications it cites: its sources and its link records' (a
 * quote's provenance is its publication and it answers no `publications` back, so it cites none).
 */
function rowsOf(kind: WriteKind, document: RecordDocument): { row: ObjectLiteral; links: Map<string, ObjectLiteral[]>; mentions: string[] } {
  const { row, links } = kind.model.toRows(document as never);
  const byTable = new Map(kind.owned.map((owned) => [owned.table, links.find((link) => link.entity === owned.entity)?.rows ?? []]));
  return { row, links: byTable, mentions: kind.model.spec.cited === false ? [] : kind.model.sourcesOf(document as never) };
}


/**
 * Makes the publications each record cites exactly its `sources`: mentions it keeps stay as
 * they are (with their place in each publication's list), new ones go at the end of their
 * publication's, in the order of `records`. One read of what they cite, one DELETE per
 * publication some of them no longer cite, multi-row INSERTs of the new ones.
 */
async function replaceMentions(manager: EntityManager, dialect: Dialect, type: NodeType, records: readonly { key: string; sources: readonly string[] }[]): Promise<void> {
  if (records.length === 0) return;
  const existing = new Map<string, Set<string>>();
  const rows = await runIn(manager, dialect, `SELECT node_id AS k, publication_id AS p FROM publication_mention WHERE node_type = ? AND ${dialect.inArray('node_id')}`, [
    type,
    dialect.arrayParam(records.map((r) => r.key)),
  ]);
  for (const row of rows) (existing.get(String(row.k)) ?? existing.set(String(row.k), new Set()).get(String(row.k))!).add(String(row.p));
  const stale = new Map<string, string[]>();
  const added: { publication: string; key: string }[] = [];
  for (const { key, sources } of records) {
    const had = existing.get(key) ?? new Set<string>();
    const wanted = new Set(sources);
    for (const publication of had) if (!wanted.has(publication)) (stale.get(publication) ?? stale.set(publication, []).get(publication)!).push(key);
    for (const publication of wanted) if (!had.has(publication)) added.push({ publication, key });
  }
  for (const [publication, keys] of stale) {
    await runIn(manager, dialect, `DELETE FROM publication_mention WHERE publication_id = ? AND node_type = ? AND ${dialect.inArray('node_id')}`, [publication, type, dialect.arrayParam(keys)]);
  }
  for (const chunk of chunksOf(dialect, added, 4)) {
    // The statement's subqueries read the table as it was before it: a publication's n-th new mention takes MAX + n.
    const seen = new Map<string, number>();
    const tuples = chunk.map(({ publication }) => {
      seen.set(publication, (seen.get(publication) ?? 0) + 1);
      return `(?, ?, ?, (SELECT COALESCE(MAX(ordinal), -1) + ${seen.get(publication)} FROM publication_mention WHERE publication_id = ?))`;
    });
    await (chunk.length === 1 ? runIn : runOnceIn)(
      manager,
      dialect,
      `INSERT INTO publication_mention (publication_id, node_type, node_id, ordinal) VALUES ${tuples.join(', ')}`,
      chunk.flatMap(({ publication, key }) => [publication, type, key, publication]),
    );
  }
}

/** Removes the rows of `kind`'s record `key` from the stage `manager` works on (`prefix` names another stage's schema). */
export async function removeRecord(manager: EntityManager, dialect: Dialect, kind: WriteKind, key: string, prefix = ''): Promise<void> {
  for (const owned of kind.owned) await runIn(manager, dialect, `DELETE FROM ${prefix}${owned.table} WHERE ${owned.column} = ?`, [key]);
  await runIn(manager, dialect, `DELETE FROM ${prefix}publication_mention WHERE node_type = ? AND node_id = ?`, [kind.type, key]);
  await runIn(manager, dialect, `DELETE FROM ${prefix}${tableOf(kind.entity)} WHERE id = ?`, [key]);
}

/**
 * Copies the rows of `kind`'s record `key` from the draft stage (`draft.` as the published
 * connection sees it) into the published stage, replacing what it had there.
 */
export async function copyRecord(manager: EntityManager, dialect: Dialect, kind: WriteKind, key: string): Promise<void> {
  const table = tableOf(kind.entity);
  const columns = columnsOf(kind.entity);
  const list = columns.join(', ');
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  await runIn(
    manager,
    dialect,
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${inDraft(table)} WHERE id = ? ON CONFLICT (id) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    [key],
  );
  for (const owned of kind.owned) {
    const cols = columnsOf(owned.entity).join(', ');
    await runIn(manager, dialect, `DELETE FROM ${owned.table} WHERE ${owned.column} = ?`, [key]);
    await runIn(manager, dialect, `INSERT INTO ${owned.table} (${cols}) SELECT ${cols} FROM ${inDraft(owned.table)} WHERE ${owned.column} = ?`, [key]);
  }
  const mentionColumns = columnsOf(PublicationMention).join(', ');
  await runIn(manager, dialect, 'DELETE FROM publication_mention WHERE node_type = ? AND node_id = ?', [kind.type, key]);
  await runIn(
    manager,
    dialect,
    `INSERT INTO publication_mention (${mentionColumns}) SELECT ${mentionColumns} FROM ${inDraft('publication_mention')} WHERE node_type = ? AND node_id = ?`,
    [kind.type, key],
  );
}


/** The records that refer to `kind`'s record `key` in a stage (`prefix` its schema), other than through rows it owns: "Session:key". */
export async function referrersOf(manager: EntityManager, dialect: Dialect, kind: WriteKind, key: string, prefix = ''): Promise<string[]> {
  const storage = getMetadataArgsStorage();
  const out = new Set<string>();
  const ownedTables = new Set(kind.owned.map((o) => o.table));
  for (const relation of storage.relations) {
    if (relation.relationType !== 'many-to-one') continue;
    const targetOf = relation.type as () => unknown;
    if (typeof targetOf !== 'function' || targetOf() !== kind.entity) continue;
    const join = storage.joinColumns.find((j) => j.target === relation.target && j.propertyName === relation.propertyName);
    if (!join?.name) continue;
    const table = tableOf(relation.target as EntityClass);
    if (ownedTables.has(table) || table === 'publication_mention') continue;
    const owner = ownerOf(table);
    const self = table === tableOf(kind.entity);
    const rows = await runIn(manager, dialect, `SELECT ${owner.column} AS k FROM ${prefix}${table} WHERE ${join.name} = ?${self ? ' AND id <> ?' : ''}`, self ? [key, key] : [key]);
    for (const row of rows) out.add(`${owner.type}:${String(row.k)}`);
  }
  if (kind.type === 'Publication') {
    const rows = await runIn(manager, dialect, `SELECT node_type AS t, node_id AS k FROM ${prefix}publication_mention WHERE publication_id = ? AND NOT (node_type = 'Publication' AND node_id = ?)`, [key, key]);
    for (const row of rows) out.add(`${String(row.t)}:${String(row.k)}`);
  }
  const figures = await runIn(manager, dialect, `SELECT id AS k FROM ${prefix}figure WHERE subject_type = ? AND subject_id = ?`, [kind.type, key]);
  for (const row of figures) out.add(`Figure:${String(row.k)}`);
  return [...out].sort();
}

/** The global ID of a "Type:key" that referrersOf gives. */
export function globalIdOf(reference: string): string {
  const colon = reference.indexOf(':');
  return toGlobalId(reference.slice(0, colon) as NodeType, reference.slice(colon + 1));
}

/** Who owns the rows of `table`: a node type's own table, or the link rows a kind owns. */
function ownerOf(table: string): { type: string; column: string } {
  for (const kind of WRITE_KINDS) {
    if (tableOf(kind.entity) === table) return { type: kind.type, column: 'id' };
    const owned = kind.owned.find((o) => o.table === table);
    if (owned) return { type: kind.type, column: owned.column };
  }
  return { type: table, column: 'id' };
}
