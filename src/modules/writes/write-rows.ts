import { type EntityManager, type EntityTarget, type ObjectLiteral, getMetadataArgsStorage } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import { invariant } from '../../shared/errors';
import type { RecordOfModel } from '../../shared/model';
import { type NodeType, toGlobalId } from '../../shared/global-id';
import { type LinkRows, toRows } from '../content/content.rows';
import { type ContentSet, emptySet } from '../content/content.set';
import { PublicationMention } from '../publication/publication.entity';
import { Region } from '../region/region.entity';
import { type WriteKind, WRITE_KINDS } from './write-kinds';
import { inDraft } from './stage';

/*
 * The rows of one record in a stage's tables: written from its document (through the seed
 * format's mapping), copied from the drafts to the published stage, removed. Every statement
 * names its tables and columns from the entities' metadata; values are bound.
 */

/** A record of the seed format: its key and fields. */
export type RecordDocument = Record<string, unknown> & { key: string };

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
 */
async function insertRows(manager: EntityManager, dialect: Dialect, entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[], upsert: boolean): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const { driver } = manager.connection;
  const columns = metadata.columns.filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined));
  const names = columns.map((column) => `"${column.databaseName}"`);
  const keys = metadata.primaryColumns.map((column) => `"${column.databaseName}"`);
  const updates = names.filter((name) => !keys.includes(name)).map((name) => `${name} = excluded.${name}`);
  const conflict = upsert ? ` ON CONFLICT (${keys.join(', ')}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '';
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const params = rows.flatMap((row) =>
    columns.map((column) => {
      const value: unknown = column.getEntityValue(row);
      return value === undefined ? null : driver.preparePersistentValue(value, column);
    }),
  );
  await runIn(manager, dialect, `INSERT INTO "${metadata.tableName}" (${names.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}${conflict}`, params);
}

/** The set holding the one record `document` of `kind`. */
function setOf(kind: WriteKind, document: RecordDocument): ContentSet {
  const set = emptySet();
  (set[kind.set] as unknown[]).push(document);
  return set;
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
  if (kind.type === 'Quote') await placeQuote(manager, dialect, now.nodes);
  const same = (a: unknown, b: unknown) => before !== null && JSON.stringify(a) === JSON.stringify(b);
  // An owned table holds link rows (a forum's organizers) or rows with keys of their own (a
  // session's participations, a speaker's affiliations), which toRows gives as node rows: the
  // ones a record no longer has are deleted either way.
  const ownedRows = (rows: typeof now | null, table: string) => rows?.links.get(table)?.rows ?? rows?.nodes.find(([entity]) => tableOf(entity as EntityClass) === table)?.[1];
  const changed = kind.owned.filter((owned) => !same(ownedRows(now, owned.table), ownedRows(before, owned.table)));
  for (const owned of changed) await runIn(manager, dialect, `DELETE FROM ${owned.table} WHERE ${owned.column} = ?`, [document.key]);
  for (const [entity, list] of now.nodes) {
    if (list.length > 0 && !same(list, before?.nodes.find(([e]) => e === entity)?.[1])) await insertRows(manager, dialect, entity, list, true);
  }
  // Link rows after the node rows: they refer to them.
  for (const owned of changed) {
    const link = now.links.get(owned.table);
    if (link && link.rows.length > 0) await insertRows(manager, dialect, link.entity, link.rows, false);
  }
  if (!same(now.mentions, before?.mentions)) await replaceMentions(manager, dialect, kind.type, document.key, now.mentions);
}

/**
 * A quote's ordinal orders it among its publication's, session's and speaker's quotes (the order
 * of the articles): toRows numbers the quotes of one set, so a quote keeps the place it has, and
 * a new one goes after every other (a set's quotes, written in their order, keep theirs).
 */
async function placeQuote(manager: EntityManager, dialect: Dialect, nodes: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][]): Promise<void> {
  for (const [, rows] of nodes) {
    for (const row of rows) {
      const [place] = await runIn(manager, dialect, 'SELECT (SELECT ordinal FROM quote WHERE id = ?) AS own, (SELECT MAX(ordinal) FROM quote) AS last', [row.key]);
      row.ordinal = place.own != null ? Number(place.own) : place.last != null ? Number(place.last) + 1 : 0;
    }
  }
}

/** The rows `document` of `kind` makes: node rows, link rows by table, and the publications it cites. */
function rowsOf(kind: WriteKind, document: RecordDocument): { nodes: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][]; links: Map<string, LinkRows>; mentions: string[] } {
  const links = new Map<string, LinkRows>();
  // A set's regions are the reference data's (their district by name); a written region is its model's record.
  if (kind.type === 'Region') return { nodes: [[kind.entity, [Region.model.toRows(document as RecordOfModel<typeof Region>).row]]], links, mentions: sourcesOf(document) };
  const rows = toRows(setOf(kind, document));
  let mentions: string[] | null = null;
  for (const link of rows.links) {
    if (link.entity === PublicationMention) mentions = link.rows.length > 0 ? link.rows.map((m) => String(m.publicationKey)) : null;
    else if (link.rows.length > 0) {
      const table = tableOf(link.entity as EntityClass);
      invariant(kind.owned.some((owned) => owned.table === table), `${kind.type} makes rows of ${table}, which its write kind does not own`);
      links.set(table, link);
    }
  }
  // toRows cites a district's sources only through a set's data set: a district's are its own. A
  // quote's provenance is its publication (toRows cites none: Quote answers no `publications`
  // back), so its sources write no mention, as the seed loader's never did.
  return { nodes: rows.nodes, links, mentions: mentions ?? (kind.type === 'Quote' ? [] : sourcesOf(document)) };
}

/** The publications `document` names as its sources, each once. */
function sourcesOf(document: RecordDocument): string[] {
  return [...new Set(Array.isArray(document.sources) ? (document.sources as string[]) : [])];
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
    const cols = columnsOf(entityOfTable(owned.table)).join(', ');
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

function entityOfTable(table: string): EntityClass {
  const found = getMetadataArgsStorage().tables.find((t) => t.name === table);
  return found!.target as EntityClass;
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
