import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { BadUserInputError, describeValue } from '../../shared/errors';
import { DOCUMENT_ID, checkManifest, documentIdOf } from './documents.registry';

/*
 * The Playground's saved queries: an operation stored by any token under a name, in the registry
 * of trusted documents (app_name '' and app_version its owner's token name, which no registered
 * app can have), listed for every token with its owner and last use, and opened by its id. They
 * are not trusted: TRUSTED_DOCUMENTS=enforce still asks for an EDITOR token to run one.
 */

/** One saved query as the Playground lists it. */
export interface SavedQueryRow {
  id: string;
  name: string;
  owner: string;
  body: string;
  operationNames: string[];
  savedAt: string;
  lastUsedAt: string | null;
}

const SAVED_APP = '';
const COLUMNS = 'id, name, owner, body, operation_names, registered_at, last_used_at';

function rowOf(r: Record<string, unknown>): SavedQueryRow {
  return {
    id: String(r.id),
    name: String(r.name),
    owner: String(r.owner),
    body: String(r.body),
    operationNames: String(r.operation_names).split(','),
    savedAt: String(r.registered_at),
    lastUsedAt: r.last_used_at === null ? null : String(r.last_used_at),
  };
}

/**
 * Saves `text` as `owner`'s query named `name`, once it parses and validates against the
 * schema; saving the same text again renames it. Resolves with the saved query.
 */
export async function saveQuery(dataSource: DataSource, dialect: Dialect, schema: GraphQLSchema, input: { owner: string; name: string; text: string }, now = new Date()): Promise<SavedQueryRow> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw new BadUserInputError(`name: expected 1 to 200 characters; received ${describeValue(input.name)}`, 'name');
  const id = documentIdOf(input.text);
  let checked;
  try {
    [checked] = checkManifest(schema, { [id.slice('sha256:'.length)]: input.text });
  } catch (error) {
    const failure = (error as { failures?: { message: string }[] }).failures?.[0];
    if (!failure) throw error;
    throw new BadUserInputError(`document: expected an operation valid against the schema; ${failure.message}`, 'document');
  }
  const at = now.toISOString();
  await dataSource.transaction(async (manager) => {
    const key = [id, SAVED_APP, input.owner];
    const existing: unknown[] = await manager.query(dialect.placeholders('SELECT id FROM trusted_document WHERE id = ? AND app_name = ? AND app_version = ?'), key);
    if (existing.length > 0) {
      await manager.query(dialect.placeholders('UPDATE trusted_document SET name = ?, retired_at = NULL, registered_at = ? WHERE id = ? AND app_name = ? AND app_version = ?'), [name, at, ...key]);
    } else {
      await manager.query(
        dialect.placeholders(
          'INSERT INTO trusted_document (id, app_name, app_version, body, operation_names, registered_at, retired_at, last_used_at, owner, name) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
        ),
        [id, SAVED_APP, input.owner, input.text, checked.operationNames.join(','), at, input.owner, name],
      );
    }
  });
  return { id, name, owner: input.owner, body: input.text, operationNames: checked.operationNames, savedAt: at, lastUsedAt: null };
}

/** Every live saved query, most recently saved first. */
export async function listSavedQueries(read: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>): Promise<SavedQueryRow[]> {
  const rows = await read(`SELECT ${COLUMNS} FROM trusted_document WHERE app_name = ? AND retired_at IS NULL ORDER BY registered_at DESC, name`, [SAVED_APP]);
  return rows.map(rowOf);
}

/**
 * The saved query with this id (any owner's; the most recently saved), for a shared link; its
 * last use becomes now. Null when none is saved under it.
 */
export async function openSavedQuery(dataSource: DataSource, dialect: Dialect, id: string, now = new Date()): Promise<SavedQueryRow | null> {
  if (!DOCUMENT_ID.test(id)) throw new BadUserInputError(`documentId: expected "sha256:" and 64 lower-case hex digits; received ${describeValue(id)}`, 'documentId');
  const rows: Record<string, unknown>[] = await dataSource.query(
    dialect.placeholders(`SELECT ${COLUMNS} FROM trusted_document WHERE id = ? AND app_name = ? AND retired_at IS NULL ORDER BY registered_at DESC`),
    [id, SAVED_APP],
  );
  if (rows.length === 0) return null;
  await dataSource.query(dialect.placeholders('UPDATE trusted_document SET last_used_at = ? WHERE id = ? AND app_name = ? AND retired_at IS NULL'), [now.toISOString(), id, SAVED_APP]);
  return { ...rowOf(rows[0]), lastUsedAt: now.toISOString() };
}

/** Takes `owner`'s saved query with this id off the list; false when `owner` has none under it. */
export async function deleteSavedQuery(dataSource: DataSource, dialect: Dialect, owner: string, id: string, now = new Date()): Promise<boolean> {
  const key = [id, SAVED_APP, owner];
  const live: unknown[] = await dataSource.query(dialect.placeholders('SELECT id FROM trusted_document WHERE id = ? AND app_name = ? AND app_version = ? AND retired_at IS NULL'), key);
  if (live.length === 0) return false;
  await dataSource.query(dialect.placeholders('UPDATE trusted_document SET retired_at = ? WHERE id = ? AND app_name = ? AND app_version = ?'), [now.toISOString(), ...key]);
  return true;
}
