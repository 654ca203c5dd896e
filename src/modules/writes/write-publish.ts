import type { EntityManager } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import type { NodeType } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import { toGlobalId } from '../../shared/global-id';
import { UserError } from './write-inputs';
import { type WriteKind, byKind, writeKindOf } from './write-kinds';
import { WRITE_ORDER } from './write-records';
import { copyRecord, globalIdOf, referencesOf, referrersOf, removeRecord } from './write-rows';
import { cycleErrors, storedParent } from './write-validate';
import { Refused, type WriteScope, addRevision, checkVersion, documentAt, keyOf, serialized, versionConflict, writeWithEvents } from './write-core';
import { type State, lockedDraftVersions, markPublished, markUnpublished, recordExists, statesOf } from './record-state';
import { inDraft } from './stage';
import { compareText } from '../../shared/list-query';

/*
 * Publishing: the drafts of a set of records become their published versions, or leave the
 * published stage, all in one transaction of the published database or none.
 */

/** One record of a publish or unpublish, and where the call named it. */
interface Target {
  kind: WriteKind;
  key: string;
  state: State;
  index: number;
}

/** The records `targets` name at the versions given, in the order they are written (parents first); user errors otherwise. */
async function targetsOf(scope: WriteScope, targets: readonly { id: string; expectedVersion: number }[]): Promise<Target[]> {
  const errors: [number, UserError][] = [];
  const refused = (index: number, error: unknown) => {
    if (!(error instanceof Refused)) throw error;
    for (const userError of error.userErrors) errors.push([index, userError]);
  };
  const named: { kind: WriteKind; key: string; index: number }[] = [];
  for (const [index, target] of targets.entries()) {
    try {
      const { type, key } = keyOf(target.id, null, ['input', 'targets', String(index), 'id']);
      named.push({ kind: writeKindOf(type), key, index });
    } catch (error) {
      refused(index, error);
    }
  }
  // The states of the drafts, read a kind at a time.
  const { manager } = scope.draft.dataSource;
  const found: Target[] = [];
  for (const [kind, ofKind] of byKind(named)) {
    const states = await statesOf(manager, scope.draft.dialect, kind.type, ofKind.map((t) => t.key));
    for (const { key, index } of ofKind) {
      try {
        const state = checkVersion(states.get(key) ?? null, targets[index].expectedVersion, ['input', 'targets', String(index), 'expectedVersion'], targets[index].id);
        found.push({ kind, key, state, index });
      } catch (error) {
        refused(index, error);
      }
    }
  }
  if (errors.length > 0) throw new Refused(errors.sort(([a], [b]) => a - b).map(([, error]) => error));
  const rank = (t: Target) => WRITE_ORDER.indexOf(t.kind);
  const depth = (t: Target) => {
    let n = 0;
    const byKey = new Map(found.filter((f) => f.kind === t.kind).map((f) => [f.key, f]));
    for (let at = t.state.document?.parent as string | undefined; at !== undefined && n < 100; at = byKey.get(at)?.state.document?.parent as string | undefined) n += 1;
    return n;
  };
  return found.sort((a, b) => rank(a) - rank(b) || depth(a) - depth(b));
}

type Targets = readonly { id: string; expectedVersion: number }[];
/** What a change of the published stage did: the records it names, published or unpublished as asked, and those it wrote (the rest were so already). */
type StageChange = { published: { type: NodeType; key: string }[]; changed: { type: NodeType; key: string; version: number }[]; userErrors: UserError[] };

/**
 * What a target's state, read again and locked in the transaction, leaves to do: `apply` it,
 * `skip` it (the stage has it as asked already: nothing is written for it), or refuse the
 * change with a user error.
 */
type Settle = (target: Target, now: { version: number; publishedVersion: number | null }) => 'apply' | 'skip' | UserError;

/**
 * A change of the published stage: the targets at their versions, `check` them (user errors
 * refuse the whole change), then, in one transaction of the published database, read each
 * target's state again with its row locked and `settle` it, then `apply` to each left to do in
 * order, each with its `action`'s event (what follows the published stage subscribes to those:
 * its search documents in the transaction, its caches after the commit).
 * Deciding in the transaction is what makes racing calls of one change (other requests, another
 * process) write it once: the second finds it done.
 */
function changeStage(
  scope: WriteScope,
  action: 'PUBLISH' | 'UNPUBLISH',
  targets: Targets,
  check: (list: readonly Target[]) => Promise<UserError[]>,
  settle: Settle,
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
      const changed = await writeWithEvents(scope, Stage.PUBLISHED, async (tx) => {
        const { manager } = tx;
        const todo: Target[] = [];
        const refusals: [number, UserError][] = [];
        // The drafts' versions, locked a kind at a time in one order whatever the call's (two changes lock alike).
        const locked = new Map<string, Pick<State, 'version' | 'publishedVersion'>>();
        for (const [kind, ofKind] of [...byKind(list)].sort(([a], [b]) => compareText(a.type, b.type))) {
          const versions = await lockedDraftVersions(manager, published.dialect, kind.type, ofKind.map((t) => t.key));
          for (const [key, state] of versions) locked.set(`${kind.type}:${key}`, state);
        }
        for (const target of list) {
          const state = locked.get(`${target.kind.type}:${target.key}`) ?? null;
          const path = ['input', 'targets', String(target.index)];
          const decision = !state
            ? UserError.of([...path, 'id'], 'NOT_FOUND', `no record has the ID ${toGlobalId(target.kind.type, target.key)}`)
            : state.version !== target.state.version
              ? versionConflict([...path, 'expectedVersion'], target.state.version, state.version)
              : settle(target, state);
          if (decision instanceof UserError) refusals.push([target.index, decision]);
          else if (decision === 'apply') todo.push(target);
        }
        if (refusals.length > 0) throw new Refused(refusals.sort(([a], [b]) => a - b).map(([, e]) => e));
        for (const target of order([...todo])) {
          const { kind, key, state } = target;
          // What the published stage had: the document at its published version.
          const { publishedVersion } = state;
          const before = publishedVersion === null ? null : await documentAt(manager, published.dialect, { type: kind.type, key, current: state.document, version: publishedVersion }, inDraft('revision'));
          await apply(manager, target, now);
          tx.emit({ type: kind.type, key, action, version: state.version, before, after: action === 'PUBLISH' ? state.document : null });
        }
        return todo;
      });
      return {
        published: list.map((t) => ({ type: t.kind.type, key: t.key })),
        changed: changed.map((t) => ({ type: t.kind.type, key: t.key, version: t.state.version })),
        userErrors: [],
      };
    } catch (error) {
      if (error instanceof Refused) return { published: [], changed: [], userErrors: error.userErrors };
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
    'PUBLISH',
    targets,
    async (list) => {
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const target of list) {
        for (const ref of referencesOf(target.kind, target.state.document ?? { key: target.key })) {
          if (inSet.has(`${ref.type}:${ref.key}`)) continue;
          if (!(await recordExists(published.dataSource.manager, dialect, ref.type, ref.key))) errors.push(UserError.of(['input', 'targets', String(target.index), 'id'], 'NOT_FOUND', `it refers to ${toGlobalId(ref.type, ref.key)}, which is not published: publish both in one call`));
        }
      }
      errors.push(...(await publishedCycles(published.dataSource.manager, dialect, list)));
      return errors;
    },
    // The version published already: a no-op, so a repeated or racing publish writes no second
    // PUBLISH revision and keeps liveSince.
    (_target, now) => (now.publishedVersion === now.version ? 'skip' : 'apply'),
    async (manager, { kind, key, state }, now) => {
      await copyRecord(manager, dialect, kind, key);
      await markPublished(manager, dialect, kind.type, key, state.version, now);
      await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'PUBLISH', version: state.version, changes: {} }, inDraft('revision'));
    },
  );
}

/**
 * CYCLE where publishing `list` would make a record its own ancestor in the published stage:
 * drafts are acyclic, but a draft's new parent may still have an older published parent chain.
 */
async function publishedCycles(manager: EntityManager, dialect: Dialect, list: readonly Target[]): Promise<UserError[]> {
  const inSet = new Map(list.map((t) => [`${t.kind.type}:${t.key}`, t.state.document?.parent as string | undefined]));
  const errors: UserError[] = [];
  for (const { kind, key, state, index } of list) {
    if (!state.document) continue;
    const parentOf = (at: string) => (inSet.has(`${kind.type}:${at}`) ? inSet.get(`${kind.type}:${at}`) : storedParent(manager, dialect, kind, at));
    errors.push(...(await cycleErrors(kind, { ...state.document, key }, parentOf, ['input', 'targets', String(index), 'id'])));
  }
  return errors;
}

/** Takes `targets` out of the published stage (their drafts stay), all or none. */
export function unpublishRecords(scope: WriteScope, targets: Targets): Promise<StageChange> {
  const { published } = scope;
  const dialect = published.dialect;
  return changeStage(
    scope,
    'UNPUBLISH',
    targets,
    async (list) => {
      const inSet = new Set(list.map((t) => `${t.kind.type}:${t.key}`));
      const errors: UserError[] = [];
      for (const { kind, key, index } of list) {
        const path = ['input', 'targets', String(index), 'id'];
        const users = (await referrersOf(published.dataSource.manager, dialect, kind, key)).filter((u) => !inSet.has(u));
        if (users.length > 0) errors.push(UserError.of(path, 'IN_USE', `published records refer to it; unpublish them in the same call: ${users.slice(0, 20).map(globalIdOf).join(', ')}`));
      }
      return errors;
    },
    ({ kind, key, index }, now) =>
      now.publishedVersion === null ? UserError.of(['input', 'targets', String(index), 'id'], 'NOT_FOUND', `${toGlobalId(kind.type, key)} is not published`) : 'apply',
    async (manager, { kind, key, state }) => {
      await removeRecord(manager, dialect, kind, key);
      await markUnpublished(manager, dialect, kind.type, key);
      await addRevision(manager, dialect, scope, { type: kind.type, key, action: 'UNPUBLISH', version: state.version, changes: {} }, inDraft('revision'));
    },
    (list) => list.reverse(),
  );
}
