import { createHash } from 'node:crypto';
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, parse, specifiedRules, validate } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { BadUserInputError, describeValue } from '../../shared/errors';

/*
 * The registry of trusted documents: an app version's operations, checked against the schema
 * before any is stored (all or none), answered by id (`sha256:<hex>`), retired by app version.
 * The CLI (src/documents-cli.ts) and the ADMIN mutations (documents.resolver.ts) share it; the
 * server's cache of prepared documents (src/execution/trusted-documents.ts) reads it.
 */

/** A trusted document's id: `sha256:` and the lower-case hex SHA-256 of its text (the GraphQL-over-HTTP convention). */
export const DOCUMENT_ID = /^sha256:[0-9a-f]{64}$/;

/** App names and versions: what a build tool writes, and nothing that needs quoting in a log line. */
const APP_NAME = /^[\w.@/+-]{1,100}$/;

/** The id of a document's text. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** One document refused, by the hash the manifest gave it. */
export interface DocumentFailure {
  hash: string;
  message: string;
}

/** A document that passed: its id, text, and the names of its operations ('' for an anonymous one). */
export interface CheckedDocument {
  id: string;
  text: string;
  document: DocumentNode;
  operationNames: string[];
}

/** The manifest held documents that cannot be registered: nothing was stored, and each failure is named. */
export class DocumentsRefusedError extends GraphQLError {
  constructor(readonly failures: readonly DocumentFailure[], total: number) {
    super(
      `${failures.length} of ${total} documents cannot be registered, so none was: ${failures.map((f) => `${f.hash}: ${f.message}`).join('; ')}`,
      { extensions: { code: 'BAD_USER_INPUT', argument: 'documents', failures } },
    );
  }
}

/**
 * Reads a persisted-documents manifest as GraphQL Code Generator's client preset writes it
 * (`persistedDocuments: true`, sha256): a JSON object from each document's hash (hex, or
 * `sha256:<hex>`) to its text.
 */
export function readManifest(json: string): Record<string, unknown> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(json);
  } catch (error) {
    throw new BadUserInputError(`documents: expected a persisted-documents manifest, a JSON object { "<sha256 hex>": "<document>" }; received text that is not JSON (${(error as Error).message})`, 'documents');
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new BadUserInputError(`documents: expected a JSON object { "<sha256 hex>": "<document>" }; received ${describeValue(manifest)}`, 'documents');
  }
  if (Object.keys(manifest).length === 0) throw new BadUserInputError('documents: expected at least one document; received an empty manifest', 'documents');
  return manifest as Record<string, unknown>;
}

/**
 * Checks every document of a manifest: its hash is its text's SHA-256, it parses, and it
 * validates against `schema` (graphql-js's rules, as every request is validated). Resolves the
 * documents, or throws {@link DocumentsRefusedError} naming every failure.
 */
export function checkManifest(schema: GraphQLSchema, manifest: Record<string, unknown>): CheckedDocument[] {
  const checked: CheckedDocument[] = [];
  const failures: DocumentFailure[] = [];
  for (const [hash, text] of Object.entries(manifest)) {
    const fail = (message: string) => failures.push({ hash, message });
    if (typeof text !== 'string') {
      fail(`expected the document's text, a string; received ${describeValue(text)}`);
      continue;
    }
    const id = documentIdOf(text);
    const given = hash.startsWith('sha256:') ? hash : `sha256:${hash}`;
    if (!DOCUMENT_ID.test(given)) {
      // The client preset hashes with SHA-1 unless told otherwise.
      const sha1 = /^[0-9a-f]{40}$/.test(hash) ? " (a SHA-1: set the client preset's persistedDocuments: { hashAlgorithm: 'sha256' })" : '';
      fail(`expected a hash of 64 lower-case hex digits (optionally after "sha256:"), the SHA-256 of the text ${id.slice(7)}; received "${hash}"${sha1}`);
      continue;
    }
    if (given !== id) {
      fail(`expected the SHA-256 of the text, ${id.slice(7)}; received ${given.slice(7)}`);
      continue;
    }
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      fail(`the text does not parse: ${(error as Error).message}`);
      continue;
    }
    const errors = validate(schema, document, specifiedRules, { maxErrors: 10 });
    if (errors.length > 0) {
      fail(`the document is not valid against the schema: ${errors.map((e) => e.message).join(' ')}`);
      continue;
    }
    const operationNames = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? ''] : []));
    if (operationNames.length === 0) {
      fail('expected at least one operation; received fragments only');
      continue;
    }
    checked.push({ id, text, document, operationNames });
  }
  if (failures.length > 0) throw new DocumentsRefusedError(failures, Object.keys(manifest).length);
  return checked;
}

function checkApp(app: string, version: string): void {
  if (!APP_NAME.test(app)) throw new BadUserInputError(`app: expected 1 to 100 letters, digits or . _ @ / + -; received ${describeValue(app)}`, 'app');
  if (!APP_NAME.test(version)) throw new BadUserInputError(`version: expected 1 to 100 letters, digits or . _ @ / + -; received ${describeValue(version)}`, 'version');
}

/** What a registration did. */
export interface Registration {
  app: string;
  version: string;
  /** Every id of the manifest, in its order. */
  ids: string[];
  /** How many of them this app version did not have live before. */
  added: number;
}

/**
 * Registers a manifest's documents for an app version, in one transaction, once every one has
 * passed {@link checkManifest}. Registering a version again is harmless: its documents are live
 * again (a retired version is brought back), and the count of added ones says what changed.
 */
export async function registerDocuments(
  dataSource: DataSource,
  dialect: Dialect,
  schema: GraphQLSchema,
  input: { app: string; version: string; manifest: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Registration> {
  checkApp(input.app, input.version);
  const documents = checkManifest(schema, input.manifest);
  const at = now.toISOString();
  let added = 0;
  await dataSource.transaction(async (manager) => {
    for (const document of documents) {
      const rows: { retired_at: string | null }[] = await manager.query(
        dialect.placeholders('SELECT retired_at FROM trusted_document WHERE id = ? AND app_name = ? AND app_version = ?'),
        [document.id, input.app, input.version],
      );
      if (rows.length === 0) {
        await manager.query(
          dialect.placeholders(
            'INSERT INTO trusted_document (id, app_name, app_version, body, operation_names, registered_at, retired_at, last_used_at, owner, name) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)',
          ),
          [document.id, input.app, input.version, document.text, document.operationNames.join(','), at],
        );
        added += 1;
      } else if (rows[0].retired_at !== null) {
        await manager.query(dialect.placeholders('UPDATE trusted_document SET retired_at = NULL, registered_at = ? WHERE id = ? AND app_name = ? AND app_version = ?'), [
          at,
          document.id,
          input.app,
          input.version,
        ]);
        added += 1;
      }
    }
  });
  return { app: input.app, version: input.version, ids: documents.map((d) => d.id), added };
}

/**
 * Retires an app version's documents: a document no other live version has is unknown from then
 * on. Resolves with the ids retired (empty when the version had none live).
 */
export async function retireDocuments(dataSource: DataSource, dialect: Dialect, app: string, version: string, now: Date = new Date()): Promise<string[]> {
  checkApp(app, version);
  return dataSource.transaction(async (manager) => {
    const rows: { id: string }[] = await manager.query(
      dialect.placeholders('SELECT id FROM trusted_document WHERE app_name = ? AND app_version = ? AND retired_at IS NULL ORDER BY id'),
      [app, version],
    );
    await manager.query(dialect.placeholders('UPDATE trusted_document SET retired_at = ? WHERE app_name = ? AND app_version = ? AND retired_at IS NULL'), [
      now.toISOString(),
      app,
      version,
    ]);
    return rows.map((r) => r.id);
  });
}

/** The text of the live registered document with this id; null when none is registered (or all its versions are retired). */
export async function liveDocumentText(read: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>, id: string): Promise<string | null> {
  // Saved queries (an owner's) are not trusted: any token may save one.
  const rows = await read('SELECT body FROM trusted_document WHERE id = ? AND retired_at IS NULL AND owner IS NULL LIMIT 1', [id]);
  return rows.length > 0 ? String(rows[0].body) : null;
}

/** Records that the document with this id was answered now (every live row of it). */
export async function touchDocument(dataSource: DataSource, dialect: Dialect, id: string, now: Date = new Date()): Promise<void> {
  await dataSource.query(dialect.placeholders('UPDATE trusted_document SET last_used_at = ? WHERE id = ? AND retired_at IS NULL'), [now.toISOString(), id]);
}

/** One app version's registered documents, for the CLI's list. */
export async function listApps(dataSource: DataSource): Promise<{ app: string; version: string; live: number; retired: number; lastUsedAt: string | null }[]> {
  const rows: { app_name: string; app_version: string; live: string | number; retired: string | number; last_used_at: string | null }[] = await dataSource.query(
    `SELECT app_name, app_version,
       SUM(CASE WHEN retired_at IS NULL THEN 1 ELSE 0 END) AS live,
       SUM(CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END) AS retired,
       MAX(last_used_at) AS last_used_at
     FROM trusted_document WHERE owner IS NULL GROUP BY app_name, app_version ORDER BY app_name, app_version`,
  );
  return rows.map((r) => ({ app: r.app_name, version: r.app_version, live: Number(r.live), retired: Number(r.retired), lastUsedAt: r.last_used_at }));
}
