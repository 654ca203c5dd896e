import type DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { type Dialect, chunksOf } from '../../db/dialect';
import { runIn, runOnceIn } from '../../db/prepared-statements';
import { tableOf } from '../../shared/entity-table';
import type { NodeType } from '../../shared/global-id';
import type { Loaders } from '../../shared/loaders';
import { WRITE_KINDS, writeKindOf } from './write-kinds';
import type { RecordDocument } from './write-rows';
import { inDraft } from './stage';

/*
 * The state of every record, in the `record_state` table of each stage: in the drafts, the
 * draft's version, the version last published, when that went live, and the record's document;
 * in the published stage, the published version and when it went live. Neither stage keeps a
 * row for a record that entered both with the first drafts and was not written since (nor, in
 * the drafts, one with a seed document to keep): it is at version 1, published, live since the
 * time its stage's `stage_origin` keeps (a million rows a stage at scale 10 that said only
 * that). A write makes the row it changes; a publish's locked read makes it first, so that it
 * has a row to lock. Every read and write of it is here (the migration that made it keeps its own
 * SQL). Functions that take a manager work on the stage that manager's connection is (the
 * drafts, or the published stage); those named for the other stage run on the published
 * connection, which sees the drafts as `draft.`.
 */

/** A record's state in the stage it was read from. */
export interface State {
  version: number;
  publishedVersion: number | null;
  document: RecordDocument | null;
}

/** The version a record is at, and the one published (null while unpublished). */
type Versions = Pick<State, 'version' | 'publishedVersion'>;

/** The version of a record without a state row (it came with the first drafts): also the version published. */
const IMPLIED_VERSION = 1;

/** When such a record went live, as SQL: the `stage_origin` table `origin` names (its stage's, or `inDraft`'s from the published connection). */
const liveSinceOf = (origin: string) => `(SELECT o.live_since FROM ${origin} o)`;

const versionsOf = (row: Record<string, unknown>): Versions => ({
  version: Number(row.version),
  publishedVersion: row.published_version == null ? null : Number(row.published_version),
});

/** The state of the record `key` of `type` in the stage `manager` works on; null where it has none. */
export async function stateOf(manager: EntityManager, dialect: Dialect, type: NodeType, key: string): Promise<State | null> {
  return (await statesOf(manager, dialect, type, [key])).get(key) ?? null;
}

/**
 * The versions of the drafts of `keys` of `type`, by key, read on the published connection with
 * the drafts' rows locked until the transaction ends (PostgreSQL; SQLite's write transaction
 * holds both files); a key whose record is gone has none. Two statements whatever the number of
 * keys, taking the locks in the keys' order, so that two changes of the same records (another
 * process's) never wait for each other in a circle.
 */
export async function lockedDraftVersions(manager: EntityManager, dialect: Dialect, type: NodeType, keys: readonly string[]): Promise<Map<string, Versions>> {
  const sorted = dialect.arrayParam([...new Set(keys)].sort());
  // An implied state has no row to lock: its row is made first (a racing writer's insert waits for this one's, or this one for it).
  await runIn(
    manager,
    dialect,
    `INSERT INTO ${inDraft('record_state')} (node_type, node_id, version, published_version, live_since)
     SELECT ?, c.id, ${IMPLIED_VERSION}, ${IMPLIED_VERSION}, o.live_since FROM ${inDraft(tableOf(writeKindOf(type).entity))} c CROSS JOIN ${inDraft('stage_origin')} o WHERE ${dialect.inArray('c.id')}
     ORDER BY c.id
     ON CONFLICT (node_type, node_id) DO NOTHING`,
    [type, sorted],
  );
  const rows = await runIn(manager, dialect, `SELECT node_id, version, published_version FROM ${inDraft('record_state')} WHERE node_type = ? AND ${dialect.inArray('node_id')} ORDER BY node_id${dialect.lockRows}`, [type, sorted]);
  return new Map(rows.map((row) => [String(row.node_id), versionsOf(row)]));
}

/**
 * The version a record of `type` created with the key `key` starts at, read in the drafts'
 * transaction `manager` holds: one past the highest its revisions ever recorded, so a key
 * deleted and created again continues its sequence (its DELETE revision took the version after
 * its last), a version kept from the deleted record never matches the new one (CONFLICT), and
 * the revisions of both lives stay ordered by version; 1 for a key never used.
 */
export async function firstVersionOf(manager: EntityManager, dialect: Dialect, type: NodeType, key: string): Promise<number> {
  const [row] = await runIn(manager, dialect, 'SELECT MAX(version) AS v FROM revision WHERE node_type = ? AND node_id = ?', [type, key]);
  return row?.v == null ? 1 : Number(row.v) + 1;
}

/** Whether the stage `manager` works on holds the record `key` of `type` (its row, whatever its state). */
export async function recordExists(manager: EntityManager, dialect: Dialect, type: NodeType, key: string): Promise<boolean> {
  const [row] = await runIn(manager, dialect, `SELECT 1 AS x FROM ${tableOf(writeKindOf(type).entity)} WHERE id = ?`, [key]);
  return row !== undefined;
}

/** The keys among `keys` of `type` whose records the stage `manager` works on holds (their rows, whatever their state): one statement. */
export async function existingKeys(manager: EntityManager, dialect: Dialect, type: NodeType, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await runIn(manager, dialect, `SELECT id FROM ${tableOf(writeKindOf(type).entity)} WHERE ${dialect.inArray('id')}`, [dialect.arrayParam([...new Set(keys)])]);
  return new Set(rows.map((row) => String(row.id)));
}

/** The state of a draft just created (or imported) at `version`: unpublished. */
export function createDraftState(manager: EntityManager, dialect: Dialect, type: NodeType, key: string, version: number, document: RecordDocument): Promise<void> {
  return saveDraftStates(manager, dialect, [{ type, key, version, document, created: true }]);
}

/** The draft of `key` changed: its new version and document (what was published stays). */
export function updateDraftState(manager: EntityManager, dialect: Dialect, type: NodeType, key: string, version: number, document: RecordDocument): Promise<void> {
  return saveDraftStates(manager, dialect, [{ type, key, version, document, created: false }]);
}

/** A draft's new state: `created`, unpublished; otherwise its state changes version and document (what was published stays). */
export interface DraftState {
  type: NodeType;
  key: string;
  version: number;
  document: RecordDocument;
  created: boolean;
}

/**
 * Writes `states` into the stage `manager` works on, many a statement: the created ones are
 * inserted, unpublished (a state there already is an error); the others' rows take their
 * version and document, and one with an implied state (no row: version 1, published since the
 * stage's origin) gets its row with that published version (an upsert: one statement for many,
 * where an UPDATE is one each).
 */
export async function saveDraftStates(manager: EntityManager, dialect: Dialect, states: readonly DraftState[]): Promise<void> {
  for (const created of [true, false]) {
    const [published, conflict] = created
      ? ['NULL, NULL', '']
      : [`${IMPLIED_VERSION}, ${liveSinceOf('stage_origin')}`, ' ON CONFLICT (node_type, node_id) DO UPDATE SET version = excluded.version, document = excluded.document'];
    for (const chunk of chunksOf(dialect, states.filter((state) => state.created === created), 4)) {
      await (chunk.length === 1 ? runIn : runOnceIn)(
        manager,
        dialect,
        `INSERT INTO record_state (node_type, node_id, version, published_version, live_since, document) VALUES ${chunk.map(() => `(?, ?, ?, ${published}, ?)`).join(', ')}${conflict}`,
        chunk.flatMap(({ type, key, version, document }) => [type, key, version, JSON.stringify(document)]),
      );
    }
  }
}

/**
 * The states of the records `keys` of `type` in the stage `manager` works on, by key (one
 * statement): their rows, and the implied state of those its table holds without one.
 */
export async function statesOf(manager: EntityManager, dialect: Dialect, type: NodeType, keys: readonly string[]): Promise<Map<string, State>> {
  const rows = await runIn(
    manager,
    dialect,
    `SELECT node_id, version, published_version, document FROM record_state WHERE node_type = ? AND ${dialect.inArray('node_id')}
     UNION ALL
     SELECT c.id, ${IMPLIED_VERSION}, ${IMPLIED_VERSION}, NULL FROM ${tableOf(writeKindOf(type).entity)} c
     WHERE ${dialect.inArray('c.id')} AND NOT EXISTS (SELECT 1 FROM record_state s WHERE s.node_type = ? AND s.node_id = c.id)`,
    [type, dialect.arrayParam(keys), dialect.arrayParam(keys), type],
  );
  return new Map(rows.map((row) => [String(row.node_id), { ...versionsOf(row), document: row.document ? (JSON.parse(String(row.document)) as RecordDocument) : null }]));
}

/** firstVersionOf for each of `keys` of `type`, by key (one statement). */
export async function firstVersionsOf(manager: EntityManager, dialect: Dialect, type: NodeType, keys: readonly string[]): Promise<Map<string, number>> {
  const rows = await runIn(manager, dialect, `SELECT node_id, MAX(version) AS v FROM revision WHERE node_type = ? AND ${dialect.inArray('node_id')} GROUP BY node_id`, [
    type,
    dialect.arrayParam(keys),
  ]);
  const last = new Map(rows.map((row) => [String(row.node_id), Number(row.v)]));
  return new Map(keys.map((key) => [key, (last.get(key) ?? 0) + 1]));
}

/** The record `key` left the stage `manager` works on (deleted, or, in the published stage, unpublished). */
export async function deleteState(manager: EntityManager, dialect: Dialect, type: NodeType, key: string): Promise<void> {
  await runIn(manager, dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [type, key]);
}

/** On the published connection: `version` of `key` went live at `now`, in the published stage's state and in the draft's. */
export async function markPublished(manager: EntityManager, dialect: Dialect, type: NodeType, key: string, version: number, now: string): Promise<void> {
  await deleteState(manager, dialect, type, key);
  await runIn(manager, dialect, 'INSERT INTO record_state (node_type, node_id, version, published_version, live_since) VALUES (?, ?, ?, ?, ?)', [type, key, version, version, now]);
  await runIn(manager, dialect, `UPDATE ${inDraft('record_state')} SET published_version = ?, live_since = ? WHERE node_type = ? AND node_id = ?`, [version, now, type, key]);
}

/** On the published connection: `key` left the published stage; its draft says it is unpublished. */
export async function markUnpublished(manager: EntityManager, dialect: Dialect, type: NodeType, key: string): Promise<void> {
  await deleteState(manager, dialect, type, key);
  await runIn(manager, dialect, `UPDATE ${inDraft('record_state')} SET published_version = NULL, live_since = NULL WHERE node_type = ? AND node_id = ?`, [type, key]);
}

/**
 * On the published connection: the records the published stage holds while the drafts do not
 * (a delete that a crash cut after its drafts' half), by type and key. Such a record's drafts
 * recorded its DELETE revision in the same transaction (revision_deleted indexes those rows):
 * one statement a type over those revisions, whatever the size of the stages.
 */
export async function publishedWithoutDraft(manager: EntityManager, dialect: Dialect): Promise<{ type: NodeType; key: string }[]> {
  const found: { type: NodeType; key: string }[] = [];
  for (const kind of WRITE_KINDS) {
    const table = tableOf(kind.entity);
    const rows = await runIn(
      manager,
      dialect,
      `SELECT DISTINCT r.node_id AS k FROM ${inDraft('revision')} r
       WHERE r.node_type = ? AND r.action = 'DELETE'
         AND EXISTS (SELECT 1 FROM ${table} p WHERE p.id = r.node_id)
         AND NOT EXISTS (SELECT 1 FROM ${inDraft(table)} d WHERE d.id = r.node_id)
       ORDER BY r.node_id`,
      [kind.type],
    );
    for (const row of rows) found.push({ type: kind.type, key: String(row.k) });
  }
  return found;
}

/** How many documents one statement of initialStates writes: each row it inserts tries its CASE's branches in turn. */
const CASES = 200;

/**
 * On the published connection: when the records that entered the published stage with its
 * first drafts went live, kept in its `stage_origin` (written the first time, at `now`; drafts
 * made anew later keep it) and in the drafts' (written where they have none). Each stage's
 * liveSince of a record it has no state for.
 */
export async function stageOrigin(manager: EntityManager, dialect: Dialect, now: string): Promise<string> {
  await runOnceIn(manager, dialect, 'INSERT INTO stage_origin (live_since) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM stage_origin)', [now]);
  const [row] = await runOnceIn(manager, dialect, 'SELECT live_since FROM stage_origin', []);
  const origin = String(row.live_since);
  await runOnceIn(manager, dialect, `INSERT INTO ${inDraft('stage_origin')} (live_since) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM ${inDraft('stage_origin')})`, [origin]);
  return origin;
}

/**
 * On the published connection: the first state of the records of `type` that entered both stages
 * at once (version 1, published, live since `origin`, stageOrigin's):
 * implied in both stages (no row), but for the drafts' rows of those with a document in
 * `documents` (by key; their editable documents). At scale 10 the drafts' million rows that said
 * only that took 1.0 s of the first start.
 */
export async function initialStates(manager: EntityManager, dialect: Dialect, type: NodeType, documents: readonly RecordDocument[], origin: string): Promise<void> {
  // Many rows a statement, each chunk's text its own: run once, not kept as prepared statements.
  const run = (sql: string, params: unknown[]) => manager.query(dialect.placeholders(sql), params);
  const table = tableOf(writeKindOf(type).entity);
  for (let i = 0; i < documents.length; i += CASES) {
    const chunk = documents.slice(i, i + CASES);
    await run(
      `INSERT INTO ${inDraft('record_state')} (node_type, node_id, version, published_version, live_since, document)
       SELECT ?, c.id, ${IMPLIED_VERSION}, ${IMPLIED_VERSION}, ?, CASE c.id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END FROM ${inDraft(table)} c WHERE c.id IN (${chunk.map(() => '?').join(', ')})`,
      [type, origin, ...chunk.flatMap((document) => [document.key, JSON.stringify(document)]), ...chunk.map(({ key }) => key)],
    );
  }
}

/** A record's versions and when its published version went live, as the fields `version`, `stage` and `liveSince` read them. */
export interface LiveState {
  version: number;
  publishedVersion: number | null;
  liveSince: string | null;
}

/**
 * The request's loader of the states of `type`'s records in the stage its loaders read, by key
 * (one statement per batch): a record without a state row came with the first drafts (version 1,
 * published, live since its stage's `stage_origin`).
 */
export function stateLoader(loaders: Loaders, type: NodeType): DataLoader<string, LiveState[]> {
  const implied = 't.node_id IS NULL';
  return loaders.list(
    `record_state:${type}`,
    {
      from: `${tableOf(writeKindOf(type).entity)} c LEFT JOIN record_state t ON t.node_type = ? AND t.node_id = c.id`,
      fromParams: [type],
      select: `COALESCE(t.version, ${IMPLIED_VERSION}) AS "version", CASE WHEN ${implied} THEN ${IMPLIED_VERSION} ELSE t.published_version END AS "publishedVersion",
        CASE WHEN ${implied} THEN ${liveSinceOf('stage_origin')} ELSE t.live_since END AS "liveSince"`,
      parent: 'c.id',
      order: 'c.id',
    },
    (row) => ({ version: Number(row.version), publishedVersion: row.publishedVersion == null ? null : Number(row.publishedVersion), liveSince: (row.liveSince as string | null) ?? null }),
  );
}
