import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { toGlobalId } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import type { WriteEvents } from './write-events';
import { type InputField, UserError } from './write-inputs';
import { type WriteKind, writeKindOf } from './write-kinds';
import { writeRecords } from './write-records';
import { type RecordDocument, globalIdOf, referencesOf, referrersOf, removeRecord } from './write-rows';
import { cycleErrors, derivedKey, hasParent, inputPathOf, recordFieldsOf, storedParent, validateRecord } from './write-validate';
import {
  Refused,
  type WriteResult,
  type WriteScope,
  addRevision,
  checkVersion,
  diff,
  documentAt,
  keyOf,
  serialized,
  writeWithEvents,
} from './write-core';
import { createDraftState, deleteState, firstVersionOf, publishedWithoutDraft, recordExists, stateOf, updateDraftState } from './record-state';

/*
 * Create, update and delete: each one transaction on the drafts that writes the record, its
 * links, its revision and what its events rebuild in the transaction (the search documents)
 * together, or nothing.
 */

/**
 * Every reference of `document` exists in the stage `manager` works on (or is `document` itself),
 * and its parent is not among its descendants (CYCLE). What `previous` named already is not
 * looked up again: a record cannot be deleted while another refers to it (IN_USE).
 */
async function checkReferences(
  manager: EntityManager,
  dialect: Dialect,
  kind: WriteKind,
  fields: readonly InputField[],
  document: RecordDocument,
  path: readonly string[],
  previous: RecordDocument | null = null,
): Promise<UserError[]> {
  const errors: UserError[] = [];
  const known = new Set(previous ? referencesOf(kind, previous).map((ref) => `${ref.type}:${ref.key}`) : []);
  for (const ref of referencesOf(kind, document)) {
    if ((ref.type === kind.type && ref.key === document.key) || known.has(`${ref.type}:${ref.key}`)) continue;
    if (!(await recordExists(manager, dialect, ref.type, ref.key))) {
      errors.push(UserError.of([...path, ...inputPathOf(fields, ref.path)], 'NOT_FOUND', `no ${ref.type} has the ID ${toGlobalId(ref.type, ref.key)}`));
    }
  }
  if (hasParent(kind)) {
    errors.push(...(await cycleErrors(kind, document, (key) => storedParent(manager, dialect, kind, key), [...path, ...inputPathOf(fields, ['parent'])])));
  }
  return errors;
}

async function attempt(work: () => Promise<{ key: string; version: number }>): Promise<WriteResult> {
  try {
    return { ...(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { key: '', version: null, userErrors: error.userErrors };
    throw error;
  }
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
      writeWithEvents(scope, Stage.DRAFT, async (tx) => {
        const { manager } = tx;
        if ((await recordExists(manager, draft.dialect, kind.type, record.key)) || (await stateOf(manager, draft.dialect, kind.type, record.key))) {
          throw new Refused([UserError.of(['input', 'key'], 'DUPLICATE_KEY', `a ${kind.type} with the key "${record.key}" exists already`)]);
        }
        const missing = await checkReferences(manager, draft.dialect, kind, fields, record, ['input']);
        if (missing.length > 0) throw new Refused(missing);
        const version = await firstVersionOf(manager, draft.dialect, kind.type, record.key);
        await writeRecords(tx, [{ kind, document: record, previous: null, action: 'CREATE', version }]);
        await createDraftState(manager, draft.dialect, kind.type, record.key, version, record);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key: record.key, action: 'CREATE', version, changes: diff(null, record) });
        return { key: record.key, version };
      }),
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
      writeWithEvents(scope, Stage.DRAFT, async (tx) => {
        const { manager } = tx;
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
        if (Object.keys(changes).length === 0) return { key, version: state.version };
        const missing = await checkReferences(manager, draft.dialect, kind, fields, record, ['input', 'set'], state.document);
        if (missing.length > 0) throw new Refused(missing);
        const version = state.version + 1;
        await writeRecords(tx, [{ kind, document: record, previous: state.document, action: 'UPDATE', version }]);
        await updateDraftState(manager, draft.dialect, kind.type, key, version, record);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key, action: 'UPDATE', version, changes });
        return { key, version };
      }),
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
        const named = [...new Set(users)].map(globalIdOf);
        throw new Refused([UserError.of(['input', 'id'], 'IN_USE', `other records refer to ${id}; change them first: ${named.slice(0, 20).join(', ')}${named.length > 20 ? ', …' : ''}`)]);
      }
      // What the published stage has of it: its document at the published version.
      const publishedDocument =
        state.publishedVersion === null ? null : await documentAt(draft.dataSource.manager, draft.dialect, { type: kind.type, key, current: state.document, version: state.publishedVersion });
      // The drafts first, with the DELETE revision, then the published stage: a crash between
      // the two leaves a published state without a draft one, which the next start finishes
      // (finishInterruptedDeletes).
      await writeWithEvents(scope, Stage.DRAFT, async (tx) => {
        const { manager } = tx;
        await removeRecord(manager, draft.dialect, kind, key);
        tx.emit({ type: kind.type, key, action: 'DELETE', version: state.version + 1, before: state.document, after: null });
        await deleteState(manager, draft.dialect, kind.type, key);
        await addRevision(manager, draft.dialect, scope, { type: kind.type, key, action: 'DELETE', version: state.version + 1, changes: diff(state.document, null) });
      });
      if (state.publishedVersion !== null) await removePublished(scope, kind, key, publishedDocument, state.version + 1);
      return { key, version: state.version + 1 };
    });
  });
}

/** The second half of a delete: the published rows of `kind`'s record `key` (its event says `document` left the stage at `version`). */
async function removePublished(scope: Pick<WriteScope, 'published' | 'draft' | 'events'>, kind: WriteKind, key: string, document: RecordDocument | null, version: number): Promise<void> {
  const { published } = scope;
  await writeWithEvents(scope, Stage.PUBLISHED, async (tx) => {
    const { manager } = tx;
    await removeRecord(manager, published.dialect, kind, key);
    tx.emit({ type: kind.type, key, action: 'DELETE', version, before: document, after: null });
    await deleteState(manager, published.dialect, kind.type, key);
  });
}

/**
 * Finishes the deletes a crash cut in two (see deleteRecord): a record the published stage has
 * a state for while the drafts have none was deleted from the drafts, and is removed from the
 * published stage now, with what its document touched there (its fields as the DELETE revision
 * recorded them). Run once the drafts are open, before the server takes requests, with the
 * events of the stages (`events`); the number of records finished.
 */
export async function finishInterruptedDeletes(published: Database, draft: Database, events: WriteEvents): Promise<number> {
  const orphans = await publishedWithoutDraft(published.dataSource.manager, published.dialect);
  for (const orphan of orphans) {
    const [revision] = await runIn(draft.dataSource.manager, draft.dialect, "SELECT changes, version FROM revision WHERE node_type = ? AND node_id = ? AND action = 'DELETE' ORDER BY id DESC LIMIT 1", [orphan.type, orphan.key]);
    const changes = revision ? (JSON.parse(String(revision.changes)) as Record<string, { from: unknown }>) : {};
    const document = { ...Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.from])), key: orphan.key } as RecordDocument;
    // Its version: the DELETE revision's (0 where the drafts kept none).
    await serialized(published, () => removePublished({ published, draft, events }, writeKindOf(orphan.type), orphan.key, document, Number(revision?.version ?? 0)));
  }
  return orphans.length;
}
