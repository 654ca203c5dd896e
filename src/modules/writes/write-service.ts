import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { Database } from '../../db/data-source';
import type { Dialect } from '../../db/dialect';
import { tableOf } from '../../shared/entity-table';
import { type NodeType, fromGlobalId, toGlobalId } from '../../shared/global-id';
import { reindex } from '../search/search.indexer';
import { refreshSearchTop } from '../search/search.top';
import { refreshRollups } from '../stats/stats.rollup';
import { type InputField, UserError } from './write-inputs';
import { WRITE_KINDS, type WriteKind, writeKindOf } from './write-kinds';
import { type RecordDocument, copyRecord, referencesOf, referrersOf, removeRecord, writeRecord } from './write-rows';
import { derivedKey, inputPathOf, recordFieldsOf, validateRecord } from './write-validate';

/*
 * The write side: every change is a transaction that writes the record, its links, its
 * revision and everything derived from it (search index, top lists, stats summaries) together,
 * or nothing. Writes change the drafts; publish copies drafts into the published stage. One
 * write runs at a time per database (SQLite has one writer; on PostgreSQL it keeps the version
 * checks and the copies from interleaving), so no lost update, ever.
 */

/** The stage databases and who writes. */
export interface WriteScope {
  published: Database;
  draft: Database;
  /** The token's name: every revision says who. */
  actor: string;
  /** Called once a change of the published stage has committed (the response cache forgets). */
  onPublished: () => void;
}

export type WriteResult = { key: string; userErrors: UserError[] };

/** The draft schema as the published connection sees it. */
const DRAFT = 'draft';

const queues = new WeakMap<Database, Promise<unknown>>();

/** Runs `work` after every other write of `database` has finished. */
export function serialized<T>(database: Database, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(database) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(database, next.catch(() => undefined));
  return next;
}

/**
 * Runs `work` in a write transaction of `database`. On SQLite it begins IMMEDIATE: the write
 * lock is taken first (waiting out another process's writer through the busy timeout), so a
 * transaction that reads before it writes never fails with SQLITE_BUSY when another connection
 * committed in between, as a deferred one would.
 */
export async function writeTransaction<T>(database: Database, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (database.dataSource.options.type !== 'sqlite') return database.dataSource.transaction(work);
  const runner = database.dataSource.createQueryRunner();
  await runner.query('BEGIN IMMEDIATE');
  try {
    const result = await work(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** A failure the payload reports: nothing was written. */
class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

function run(manager: EntityManager, dialect: Dialect, sql: string, params: unknown[] = []): Promise<ObjectLiteral[]> {
  return manager.query(dialect.placeholders(sql), params);
}

interface State {
  version: number;
  publishedVersion: number | null;
  document: RecordDocument | null;
}

async function stateOf(manager: EntityManager, dialect: Dialect, type: NodeType, key: string, prefix = ''): Promise<State | null> {
  const [row] = await run(manager, dialect, `SELECT version, published_version, document FROM ${prefix}record_state WHERE node_type = ? AND node_id = ?`, [type, key]);
  if (!row) return null;
  return {
    version: Number(row.version),
    publishedVersion: row.published_version == null ? null : Number(row.published_version),
    document: row.document ? (JSON.parse(String(row.document)) as RecordDocument) : null,
  };
}

async function addRevision(
  manager: EntityManager,
  dialect: Dialect,
  scope: WriteScope,
  change: { type: NodeType; key: string; action: string; version: number; changes: object },
  prefix = '',
): Promise<void> {
  await run(manager, dialect, `INSERT INTO ${prefix}revision (node_type, node_id, action, version, actor, at, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    change.type,
    change.key,
    change.action,
    change.version,
    scope.actor,
    new Date().toISOString(),
    JSON.stringify(change.changes),
  ]);
}

/** The fields whose values differ, as {field: {from, to}}. */
export function diff(before: RecordDocument | null, after: RecordDocument | null): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of [...names].sort()) {
    const from = before?.[name] ?? null;
    const to = after?.[name] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[name] = { from, to };
  }
  return out;
}

/**
 * Keys of records whose search documents a change of `documents` touches: the record, and what
 * its link records name (a session's participants are found by their talks' positions).
 */
function touched(kind: WriteKind, documents: (RecordDocument | null)[]): Partial<Record<NodeType, string[]>> {
  const out: Partial<Record<NodeType, string[]>> = {};
  const add = (type: NodeType, key: string) => (out[type] ??= []).includes(key) || out[type]!.push(key);
  for (const document of documents) {
    if (!document) continue;
    add(kind.type, document.key);
    for (const ref of referencesOf(kind, document)) if (ref.path.length === 3) add(ref.type, ref.key);
  }
  return out;
}

/**
 * The derived data of a write, in its transaction: the search documents of what it touched are
 * rebuilt; the stats summaries and the common words' top lists are marked stale by their
 * triggers in the same transaction (readers then compute live, with the same answers) and
 * rebuilt after the commit, in the background (refreshLater).
 */
async function refreshDerived(manager: EntityManager, targets: Partial<Record<NodeType, string[]>>): Promise<void> {
  await reindex(manager, targets);
}

/** The rebuilds waiting to run, per database. */
const pending = new WeakMap<Database, { rollups?: NodeJS.Timeout; top?: NodeJS.Timeout }>();

/** The stats summaries are cheap: rebuilt this long after the first write of a burst. */
const ROLLUPS_DELAY_MS = 250;
/**
 * The top lists cost about a second per ten thousand documents, and every write waits while
 * they are rebuilt: a stage's lists are rebuilt once its writes have paused this long (the
 * published stage's after each publish, the drafts' once editors pause), and searches rank
 * live meanwhile, with the same answers.
 */
const TOP_QUIET_MS = { published: 250, draft: 5_000 };

/** Rebuilds the summaries and top lists of `database` after its writes, behind the writes queued on `queue`. */
function refreshLater(database: Database, queue: Database): void {
  const timers = pending.get(database) ?? {};
  pending.set(database, timers);
  const later = (work: (dataSource: Database['dataSource']) => Promise<void>, key: 'rollups' | 'top') => () => {
    delete timers[key];
    void serialized(queue, async () => {
      if (database.dataSource.isInitialized) await work(database.dataSource);
    }).catch(() => undefined);
  };
  if (!timers.rollups) {
    timers.rollups = setTimeout(later(refreshRollups, 'rollups'), ROLLUPS_DELAY_MS);
    timers.rollups.unref();
  }
  if (timers.top) clearTimeout(timers.top);
  timers.top = setTimeout(later(refreshSearchTop, 'top'), database === queue ? TOP_QUIET_MS.published : TOP_QUIET_MS.draft);
  timers.top.unref();
}

/** Rebuilds the drafts' summaries and top lists shortly (after an import). */
export function refreshSoon(scope: WriteScope): void {
  refreshLater(scope.draft, scope.published);
}

/** Rebuilds now what refreshLater would: for tests and tools that read right after writing. */
export async function refreshNow(database: Database, queue: Database = database): Promise<void> {
  const timers = pending.get(database);
  if (timers?.rollups) clearTimeout(timers.rollups);
  if (timers?.top) clearTimeout(timers.top);
  pending.delete(database);
  await serialized(queue, async () => {
    await refreshRollups(database.dataSource);
    await refreshSearchTop(database.dataSource);
  });
}

/** Every reference of `document` exists in the stage `manager` works on (or is `document` itself). */
async function checkReferences(manager: EntityManager, dialect: Dialect, kind: WriteKind, fields: readonly InputField[], document: RecordDocument, path: readonly string[]): Promise<UserError[]> {
  const errors: UserError[] = [];
  for (const ref of referencesOf(kind, document)) {
    if (ref.type === kind.type && ref.key === document.key) continue;
    const [row] = await run(manager, dialect, `SELECT 1 AS x FROM ${tableOf(writeKindOf(ref.type).entity)} WHERE id = ?`, [ref.key]);
    if (!row) {
      errors.push(UserError.of([...path, ...inputPathOf(fields, ref.path)], 'NOT_FOUND', `no ${ref.type} has the ID ${toGlobalId(ref.type, ref.key)}`));
    }
  }
  return errors;
}

async function attempt(work: () => Promise<string>): Promise<WriteResult> {
  try {
    return { key: await work(), userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { key: '', userErrors: error.userErrors };
    throw error;
  }
}

/** The record a global ID names, where it is of `type`; a user error at `path` otherwise. */
function keyOf(id: string, type: NodeType | null, path: readonly string[]): { type: NodeType; key: string } {
  let decoded;
  try {
    decoded = fromGlobalId(id, path.join('.'));
  } catch (error) {
    throw new Refused([UserError.of(path, 'INVALID', (error as Error).message)]);
  }
  if (type && decoded.type !== type) throw new Refused([UserError.of(path, 'INVALID', `expected the ID of a ${type}; received the ID of a ${decoded.type}`)]);
  return decoded;
}

function checkVersion(state: State | null, expected: number, path: readonly string[], id: string): State {
  if (!state) throw new Refused([UserError.of(path.slice(0, -1).concat('id'), 'NOT_FOUND', `no record has the ID ${id}`)]);
  if (state.version !== expected) {
    throw new Refused([UserError.of(path, 'CONFLICT', `expected version ${expected}, but the record is at version ${state.version}: someone changed it since; read it again`)]);
  }
  return state;
}

/** Creates a draft of `kind` from a CreateXInput. */
export function createRecord(scope: WriteScope, kind: WriteKind, fields: readonly InputField[], input: Record<string, unknown>): Promise<WriteResult> {
  return attempt(async () => {
    const converted = recordFieldsOf(fields, input, ['input']);
    if (converted.errors.length > 0) throw new Refused(converted.errors);
    const document: Record<string, unknown> = Object.fromEntries(Object.entries(converted.set).filter(([, v]) => v !== null));
    const key = typeof input.key === 'string' ? input.key : derivedKey(kind, document);
    const { record, errors } = validateRecord(kind, fields, { ...document, key: key ?? 'x' }, ['input']);
    if (!key) errors.push(UserError.of(['input', 'key'], 'REQUIRED', 'expected a key, or a title or name to derive one from; received neither'));
    if (!record || !key) throw new Refused(errors);
    const { draft } = scope;
    return serialized(scope.published, () =>
      writeTransaction(draft, async (manager) => {
        const [existing] = await run(manager, draft.dialect, `SELECT 1 AS x FROM ${tableOf(kind.entity)} WHERE id = ?`, [record.key]);
        if (existing || (await stateOf(manager, draft.dialect, kind.type, record.key))) {
          throw new Refused([UserError.of(['input', 'key'], 'DUPLICATE_KEY', `a ${kind.type} with the key "${record.key}" exists already`)]);
        }
        const missing = await checkReferences(manager, draft.dialect, kind, fields, record, ['input']);
        if (missing.length > 0) throw new Refused(missing);
        await writeRecord(manager, draft.dialect, kind, record);
        await run(manager, draft.dialect, 'INSERT INTO record_state (node_type, node_id, version, published_version, live_since, document) VALUES (?, ?, 1, NULL, NULL, ?)', [
          kind.type,
          record.key,
          JSON.stringify(record),
        ]);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key: record.key, action: 'CREATE', version: 1, changes: diff(null, record) });
        await refreshDerived(manager, touched(kind, [record]));
        return record.key;
      }).finally(() => refreshLater(draft, scope.published)),
    );
  });
}

/** Applies an XPatch to the draft of the record `id`, at `expectedVersion`. */
export function updateRecord(scope: WriteScope, kind: WriteKind, fields: readonly InputField[], id: string, expectedVersion: number, patch: Record<string, unknown>): Promise<WriteResult> {
  return attempt(async () => {
    const { key } = keyOf(id, kind.type, ['input', 'id']);
    const converted = recordFieldsOf(fields, patch, ['input', 'set']);
    if (converted.errors.length > 0) throw new Refused(converted.errors);
    const { draft } = scope;
    return serialized(scope.published, () =>
      writeTransaction(draft, async (manager) => {
        const state = checkVersion(await stateOf(manager, draft.dialect, kind.type, key), expectedVersion, ['input', 'expectedVersion'], id);
        if (!state.document) throw new Refused([UserError.of(['input', 'id'], 'NOT_FOUND', `the record ${id} has no editable document`)]);
        const merged: Record<string, unknown> = { ...state.document };
        for (const [field, value] of Object.entries(converted.set)) {
          if (value === null) delete merged[field];
          else merged[field] = value;
        }
        const { record, errors } = validateRecord(kind, fields, merged, ['input', 'set']);
        if (!record) throw new Refused(errors);
        const changes = diff(state.document, record);
        if (Object.keys(changes).length === 0) return key;
        const missing = await checkReferences(manager, draft.dialect, kind, fields, record, ['input', 'set']);
        if (missing.length > 0) throw new Refused(missing);
        await writeRecord(manager, draft.dialect, kind, record);
        const version = state.version + 1;
        await run(manager, draft.dialect, 'UPDATE record_state SET version = ?, document = ? WHERE node_type = ? AND node_id = ?', [version, JSON.stringify(record), kind.type, key]);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key, action: 'UPDATE', version, changes });
        await refreshDerived(manager, touched(kind, [state.document, record]));
        return key;
      }).finally(() => refreshLater(draft, scope.published)),
    );
  });
}

/** Deletes the record `id` from both stages (its revisions stay); IN_USE where another record refers to it. */
export function deleteRecord(scope: WriteScope, kind: WriteKind, id: string, expectedVersion: number): Promise<WriteResult> {
  return attempt(async () => {
    const { key } = keyOf(id, kind.type, ['input', 'id']);
    const { draft, published } = scope;
    return serialized(published, async () => {
      const state = checkVersion(await stateOf(draft.dataSource.manager, draft.dialect, kind.type, key), expectedVersion, ['input', 'expectedVersion'], id);
      const users = [
        ...(await referrersOf(draft.dataSource.manager, draft.dialect, kind, key)),
        ...(await referrersOf(published.dataSource.manager, published.dialect, kind, key)),
      ];
      if (users.length > 0) {
        const named = [...new Set(users)].map((u) => toGlobalId(u.split(':')[0] as NodeType, u.slice(u.indexOf(':') + 1)));
        throw new Refused([UserError.of(['input', 'id'], 'IN_USE', `other records refer to ${id}; change them first: ${named.slice(0, 20).join(', ')}${named.length > 20 ? ', …' : ''}`)]);
      }
      if (state.publishedVersion !== null) {
        await writeTransaction(published, async (manager) => {
          await removeRecord(manager, published.dialect, kind, key);
          await run(manager, published.dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
          await refreshDerived(manager, touched(kind, [state.document]));
        });
        refreshLater(published, published);
        scope.onPublished();
      }
      await writeTransaction(draft, async (manager) => {
        await removeRecord(manager, draft.dialect, kind, key);
        await run(manager, draft.dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key, action: 'DELETE', version: state.version + 1, changes: diff(state.document, null) });
        await refreshDerived(manager, touched(kind, [state.document]));
      });
      refreshLater(draft, published);
      return key;
    });
  });
}

/** One record of a publish or unpublish. */
interface Target {
  kind: WriteKind;
  key: string;
  state: State;
}

/** The records `targets` name at the versions given, in the order they are written (parents first); user errors otherwise. */
async function targetsOf(scope: WriteScope, targets: readonly { id: string; expectedVersion: number }[]): Promise<Target[]> {
  const errors: UserError[] = [];
  const found: Target[] = [];
  for (const [i, target] of targets.entries()) {
    try {
      const { type, key } = keyOf(target.id, null, ['input', 'targets', String(i), 'id']);
      const kind = writeKindOf(type);
      const state = checkVersion(await stateOf(scope.draft.dataSource.manager, scope.draft.dialect, type, key), target.expectedVersion, ['input', 'targets', String(i), 'expectedVersion'], target.id);
      found.push({ kind, key, state });
    } catch (error) {
      if (error instanceof Refused) errors.push(...error.userErrors);
      else throw error;
    }
  }
  if (errors.length > 0) throw new Refused(errors);
  const rank = (t: Target) => WRITE_KINDS.indexOf(t.kind);
  const depth = (t: Target) => {
    let n = 0;
    const byKey = new Map(found.filter((f) => f.kind === t.kind).map((f) => [f.key, f]));
    for (let at = t.state.document?.parent as string | undefined; at !== undefined && n < 100; at = byKey.get(at)?.state.document?.parent as string | undefined) n += 1;
    return n;
  };
  return found.sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b));
}

/** Makes the drafts of `targets` the published versions, all in one transaction or none. */
export function publishRecords(scope: WriteScope, targets: readonly { id: string; expectedVersion: number }[]): Promise<{ published: { type: NodeType; key: string }[]; userErrors: UserError[] }> {
  const { published } = scope;
  return serialized(published, async () => {
    try {
      const list = await targetsOf(scope, targets);
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const [i, target] of list.entries()) {
        for (const ref of referencesOf(target.kind, target.state.document ?? { key: target.key })) {
          if (inSet.has(`${ref.type}:${ref.key}`)) continue;
          const [row] = await run(published.dataSource.manager, published.dialect, `SELECT 1 AS x FROM ${tableOf(writeKindOf(ref.type).entity)} WHERE id = ?`, [ref.key]);
          if (!row) errors.push(UserError.of(['input', 'targets', String(i), 'id'], 'NOT_FOUND', `it refers to ${toGlobalId(ref.type, ref.key)}, which is not published: publish both in one call`));
        }
      }
      if (errors.length > 0) throw new Refused(errors);
      const now = new Date().toISOString();
      await writeTransaction(published, async (manager) => {
        const dialect = published.dialect;
        for (const { kind, key, state } of list) {
          await copyRecord(manager, dialect, kind, key, DRAFT);
          await run(manager, dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
          await run(manager, dialect, 'INSERT INTO record_state (node_type, node_id, version, published_version, live_since) VALUES (?, ?, ?, ?, ?)', [kind.type, key, state.version, state.version, now]);
          await run(manager, dialect, `UPDATE ${DRAFT}.record_state SET published_version = ?, live_since = ? WHERE node_type = ? AND node_id = ?`, [state.version, now, kind.type, key]);
          await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'PUBLISH', version: state.version, changes: {} }, `${DRAFT}.`);
        }
        const all: Partial<Record<NodeType, string[]>> = {};
        for (const { kind, state } of list) for (const [type, keys] of Object.entries(touched(kind, [state.document]))) (all[type as NodeType] ??= []).push(...keys);
        await refreshDerived(manager, all);
      });
      refreshLater(published, published);
      scope.onPublished();
      return { published: list.map((t) => ({ type: t.kind.type, key: t.key })), userErrors: [] };
    } catch (error) {
      if (error instanceof Refused) return { published: [], userErrors: error.userErrors };
      throw error;
    }
  });
}

/** Takes `targets` out of the published stage (their drafts stay), all or none. */
export function unpublishRecords(scope: WriteScope, targets: readonly { id: string; expectedVersion: number }[]): Promise<{ published: { type: NodeType; key: string }[]; userErrors: UserError[] }> {
  const { published } = scope;
  return serialized(published, async () => {
    try {
      const list = await targetsOf(scope, targets);
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const [i, { kind, key, state }] of list.entries()) {
        const path = ['input', 'targets', String(i), 'id'];
        if (state.publishedVersion === null) errors.push(UserError.of(path, 'NOT_FOUND', `${toGlobalId(kind.type, key)} is not published`));
        const users = (await referrersOf(published.dataSource.manager, published.dialect, kind, key)).filter((u) => !inSet.has(u));
        if (users.length > 0) errors.push(UserError.of(path, 'IN_USE', `published records refer to it; unpublish them in the same call: ${users.slice(0, 20).map((u) => toGlobalId(u.split(':')[0] as NodeType, u.slice(u.indexOf(':') + 1))).join(', ')}`));
      }
      if (errors.length > 0) throw new Refused(errors);
      await writeTransaction(published, async (manager) => {
        const dialect = published.dialect;
        for (const { kind, key, state } of [...list].reverse()) {
          await removeRecord(manager, dialect, kind, key);
          await run(manager, dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
          await run(manager, dialect, `UPDATE ${DRAFT}.record_state SET published_version = NULL, live_since = NULL WHERE node_type = ? AND node_id = ?`, [kind.type, key]);
          await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'UNPUBLISH', version: state.version, changes: {} }, `${DRAFT}.`);
        }
        const all: Partial<Record<NodeType, string[]>> = {};
        for (const { kind, state } of list) for (const [type, keys] of Object.entries(touched(kind, [state.document]))) (all[type as NodeType] ??= []).push(...keys);
        await refreshDerived(manager, all);
      });
      refreshLater(published, published);
      scope.onPublished();
      return { published: list.map((t) => ({ type: t.kind.type, key: t.key })), userErrors: [] };
    } catch (error) {
      if (error instanceof Refused) return { published: [], userErrors: error.userErrors };
      throw error;
    }
  });
}
