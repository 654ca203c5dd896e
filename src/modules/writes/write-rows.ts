import { type EntityManager, type EntityTarget, type ObjectLiteral, getMetadataArgsStorage } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import { type NodeType, toGlobalId } from '../../shared/global-id';
import { modelOf } from '../../shared/model';
import { PublicationMention } from '../publication/publication.entity';
import { type WriteKind, WRITE_KINDS } from './write-kinds';
import { inDraft } from './stage';
import type { RecordDocument } from './write-events';

/*
 * The rows of one record in a stage's tables: written from its document (through the seed
 * format's mapping), copied from the drafts to the published stage, removed. Every statement
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
 * `upsert`, a row whose primary key exists replaces it. The statement is made from TypeORM's
 * column metadata and its values prepared by the driver, as `manager.insert`/`upsert` would,
 * but as plain SQL a connection can keep prepared (runIn) instead of a query builder per call.
 * A column its model numbers in the order of creation (`append`, a quote's ordinal) takes the
 * next number after every row's on insert and keeps its own on an upsert.
 */
async function insertRows(manager: EntityManager, dialect: Dialect, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[], upsert: boolean): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const { driver } = manager.connection;
  const table = `"${metadata.tableName}"`;
  const appended = (modelOf(entity as object)?.appended ?? []).map((column) => `"${column}"`);
  const columns = metadata.columns.filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined));
  const names = columns.map((column) => `"${column.databaseName}"`);
  const keys = metadata.primaryColumns.map((column) => `"${column.databaseName}"`);
  const updates = names.filter((name) => !keys.includes(name)).map((name) => `${name} = excluded.${name}`);
  const conflict = upsert ? ` ON CONFLICT (${keys.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '';
  const tuple = (i: number) => `(${[...names.map(() => '?'), ...appended.map((column) => `(SELECT COALESCE(MAX(${column}), -1) + ${i + 1} FROM ${table})`)].join(', ')})`;
  const params = rows.flatMap((row) =>
    columns.map((column) => {
      const value: unknown = column.getEntityValue(row);
      return value === undefined ? null : driver.preparePersistentValue(value, column);
    }),
  );
  await runIn(manager, dialect, `INSERT INTO ${table} (${[...names, ...appended].join(', ')}) VALUES ${rows.map((_, i) => tuple(i)).join(', ')}${conflict}`, params);
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

/**
 * Writes the rows of `document` into the stage `manager` works on, replacing what it had: its
 * own row, the link rows it owns, its link records and the mentions of its sources. Given the
 * `previous` document the stage holds the rows of, it rewrites only the tables whose rows differ
 * (an edit of a forum's theme writes its row, not its organizers and mentions again).
 */
export async function writeRecord(manager: EntityManager, dialect: Dialect, kind: WriteKind, document: RecordDocument, previous: RecordDocument | null = null): Promise<void> {
  const now = rowsOf(kind, document);
  const before = previous ? rowsOf(kind, previous) : null;
  const same = (a: unknown, b: unknown) => before !== null && JSON.stringify(a) === JSON.stringify(b);
  // An owned list's rows (a forum's organizers, a session's participations) the record no longer has are deleted.
  const changed = kind.owned.filter((owned) => !same(now.links.get(owned.table), before?.links.get(owned.table)));
  for (const owned of changed) await runIn(manager, dialect, `DELETE FROM ${owned.table} WHERE ${owned.column} = ?`, [document.key]);
  if (!same(now.row, before?.row)) await insertRows(manager, dialect, kind.entity, [now.row], true);
  // Link rows after the record's row: they refer to it.
  for (const owned of changed) {
    const rows = now.links.get(owned.table) ?? [];
    if (rows.length > 0) await insertRows(manager, dialect, owned.entity, rows, false);
  }
  if (!same(now.mentions, before?.mentions)) await replaceMentions(manager, dialect, kind.type, document.key, now.mentions);
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
 * Makes the publications `document` cites exactly `sources`: mentions it keeps stay as they are
 * (with their place in each publication's list), new ones go at the end of their publication's.
 */
async function replaceMentions(manager: EntityManager, dialect: Dialect, type: NodeType, key: string, sources: readonly string[]): Promise<void> {
  const existing = (await runIn(manager, dialect, 'SELECT publication_id AS p FROM publication_mention WHERE node_type = ? AND node_id = ?', [type, key])).map((r) => String(r.p));
  const wanted = new Set(sources);
  for (const publication of existing.filter((p) => !wanted.has(p))) {
    await runIn(manager, dialect, 'DELETE FROM publication_mention WHERE publication_id = ? AND node_type = ? AND node_id = ?', [publication, type, key]);
  }
  for (const publication of [...wanted].filter((p) => !existing.includes(p))) {
    await runIn(
      manager,
      dialect,
      'INSERT INTO publication_mention (publication_id, node_type, node_id, ordinal) SELECT ?, ?, ?, COALESCE(MAX(ordinal), -1) + 1 FROM publication_mention WHERE publication_id = ?',
      [publication, type, key, publication],
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
