import type { EntityManager } from 'typeorm';
import type { NodeType } from '../../shared/global-id';
import { runIn } from '../../db/prepared-statements';
import { tableOf } from '../../shared/entity-table';
import { toGlobalId } from '../../shared/global-id';
import { UserError } from './write-inputs';
import { WRITE_KINDS, type WriteKind, writeKindOf } from './write-kinds';
import { copyRecord, globalIdOf, referencesOf, referrersOf, removeRecord } from './write-rows';
import { DRAFT, Refused, type State, type WriteScope, addRevision, checkVersion, keyOf, refreshDerived, refreshLater, serialized, stateOf, touched, writeTransaction } from './write-core';

/*
 * Publishing: the drafts of a set of records become their published versions, or leave the
 * published stage, all in one transaction of the published database or none.
 */

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

type Targets = readonly { id: string; expectedVersion: number }[];
type StageChange = { published: { type: NodeType; key: string }[]; userErrors: UserError[] };

/**
 * A change of the published stage: the targets at their versions, `check` them (user errors
 * refuse the whole change), then `apply` to each in order in one transaction of the published
 * database, with the search documents they touch; the published caches forget after the commit.
 */
function changeStage(
  scope: WriteScope,
  targets: Targets,
  check: (list: readonly Target[]) => Promise<UserError[]>,
  apply: (manager: EntityManager, target: Target, now: string) => Promise<void>,
  order: (list: Target[]) => Target[] = (list) => list,
): Promise<StageChange> {
  const { published } = scope;
  return serialized(published, async () => {
    try {
      const list = await targetsOf(scope, targets);
      const errors = await check(list);
      if (errors.length > 0) throw new Refused(errors);
      const now = new Date().toISOString();
      await writeTransaction(published, async (manager) => {
        for (const target of order([...list])) await apply(manager, target, now);
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

/** Makes the drafts of `targets` the published versions, all in one transaction or none. */
export function publishRecords(scope: WriteScope, targets: Targets): Promise<StageChange> {
  const { published } = scope;
  const dialect = published.dialect;
  return changeStage(
    scope,
    targets,
    async (list) => {
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const [i, target] of list.entries()) {
        for (const ref of referencesOf(target.kind, target.state.document ?? { key: target.key })) {
          if (inSet.has(`${ref.type}:${ref.key}`)) continue;
          const [row] = await runIn(published.dataSource.manager, dialect, `SELECT 1 AS x FROM ${tableOf(writeKindOf(ref.type).entity)} WHERE id = ?`, [ref.key]);
          if (!row) errors.push(UserError.of(['input', 'targets', String(i), 'id'], 'NOT_FOUND', `it refers to ${toGlobalId(ref.type, ref.key)}, which is not published: publish both in one call`));
        }
      }
      return errors;
    },
    async (manager, { kind, key, state }, now) => {
      await copyRecord(manager, dialect, kind, key, DRAFT);
      await runIn(manager, dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
      await runIn(manager, dialect, 'INSERT INTO record_state (node_type, node_id, version, published_version, live_since) VALUES (?, ?, ?, ?, ?)', [kind.type, key, state.version, state.version, now]);
      await runIn(manager, dialect, `UPDATE ${DRAFT}.record_state SET published_version = ?, live_since = ? WHERE node_type = ? AND node_id = ?`, [state.version, now, kind.type, key]);
      await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'PUBLISH', version: state.version, changes: {} }, `${DRAFT}.`);
    },
  );
}

/** Takes `targets` out of the published stage (their drafts stay), all or none. */
export function unpublishRecords(scope: WriteScope, targets: Targets): Promise<StageChange> {
  const { published } = scope;
  const dialect = published.dialect;
  return changeStage(
    scope,
    targets,
    async (list) => {
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const [i, { kind, key, state }] of list.entries()) {
        const path = ['input', 'targets', String(i), 'id'];
        if (state.publishedVersion === null) errors.push(UserError.of(path, 'NOT_FOUND', `${toGlobalId(kind.type, key)} is not published`));
        const users = (await referrersOf(published.dataSource.manager, dialect, kind, key)).filter((u) => !inSet.has(u));
        if (users.length > 0) errors.push(UserError.of(path, 'IN_USE', `published records refer to it; unpublish them in the same call: ${users.slice(0, 20).map(globalIdOf).join(', ')}`));
      }
      return errors;
    },
    async (manager, { kind, key, state }) => {
      await removeRecord(manager, dialect, kind, key);
      await runIn(manager, dialect, 'DELETE FROM record_state WHERE node_type = ? AND node_id = ?', [kind.type, key]);
      await runIn(manager, dialect, `UPDATE ${DRAFT}.record_state SET published_version = NULL, live_since = NULL WHERE node_type = ? AND node_id = ?`, [kind.type, key]);
      await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'UNPUBLISH', version: state.version, changes: {} }, `${DRAFT}.`);
    },
    (list) => list.reverse(),
  );
}
