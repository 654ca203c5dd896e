import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentNode } from 'graphql';
import { runDocumentsCli } from '../src/documents-cli';
import { trustedDocumentStore } from '../src/execution/trusted-documents';
import { createToken } from '../src/modules/auth/auth.tokens';
import { type ManualClock, type TestApp, alsoServe, captureLogger, manualClock, request, startTestApp } from './support/app';

/*
 * Trusted documents (README, "Trusted documents"): a GraphQL Code Generator manifest registered
 * by the CLI and the ADMIN mutation, answered by documentId (POST and GET), and
 * TRUSTED_DOCUMENTS=audit|enforce. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */

const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const idOf = (text: string) => `sha256:${hex(text)}`;

// As the client preset prints them: normalized, no trailing newline.
const FORUMS = 'query Forums($first: Int!) {\n  forums(first: $first) {\n    totalCount\n    nodes {\n      id\n      title\n    }\n  }\n}';
const VIEWER = 'query Viewer {\n  viewer {\n    name\n    role\n  }\n}';
const RETIRE = 'mutation Retire {\n  retireTrustedDocuments(app: "nobody", version: "0")\n}';
const MANIFEST = { [hex(FORUMS)]: FORUMS, [hex(VIEWER)]: VIEWER, [hex(RETIRE)]: RETIRE };
const PLAIN = '{ forums(first: 1) { totalCount } }';

let app: TestApp;
let clock: ManualClock;
let dir: string;
let reader: string;
let editor: string;
let admin: string;

function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const database = app.config.database;
  const env = { DATABASE_URL: database.kind === 'postgres' ? database.url : `sqlite:${database.path}`, NODE_ENV: 'test' };
  return runDocumentsCli(args, (l) => out.push(l), (l) => err.push(l), env).then((code) => ({ code, out, err }));
}

function manifestFile(name: string, manifest: Record<string, unknown>): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
  return file;
}

async function rows(): Promise<number> {
  const [row] = await app.database.dataSource.query('SELECT COUNT(*) AS n FROM trusted_document');
  return Number(row.n);
}

const getUrl = (params: Record<string, string>) => `${app.url}?${new URLSearchParams(params)}`;
// Apollo's CSRF prevention lets a GET through with a header a browser form cannot send.
const GET_HEADERS = { 'apollo-require-preflight': '1' };

beforeAll(async () => {
  clock = manualClock(Date.now());
  app = await startTestApp({ clock, draft: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
  reader = await createToken(app.database.dataSource, app.database.dialect, 'trusted-reader', 'READER');
  editor = await createToken(app.database.dataSource, app.database.dialect, 'trusted-editor', 'EDITOR');
  admin = await createToken(app.database.dataSource, app.database.dialect, 'trusted-admin', 'ADMIN');
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('registering a manifest', () => {
  it('refuses the whole manifest when one document is wrong, naming each failure', async () => {
    const badField = 'query Bad {\n  forums(first: 1) {\n    totals\n  }\n}';
    const file = manifestFile('bad.json', { ...MANIFEST, [hex(badField)]: badField, [hex('{ viewer { name } }')]: '{ viewer { role } }' });
    const { code, err } = await cli(['register', file, '--app', 'web', '--version', '1.0.0']);
    expect(code).toBe(1);
    expect(err[0]).toBe('2 documents cannot be registered, so none was:');
    expect(err).toContain(`  ${hex(badField)}: the document is not valid against the schema: Cannot query field "totals" on type "ForumConnection".`);
    expect(err).toContain(`  ${hex('{ viewer { name } }')}: expected the SHA-256 of the text, ${hex('{ viewer { role } }')}; received ${hex('{ viewer { name } }')}`);
    expect(await rows()).toBe(0);
    const sha1 = createHash('sha1').update(VIEWER).digest('hex');
    const preset = await cli(['register', manifestFile('sha1.json', { [sha1]: VIEWER }), '--app', 'web', '--version', '1.0.0']);
    expect(preset.err[1]).toBe(
      `  ${sha1}: expected a hash of 64 lower-case hex digits (optionally after "sha256:"), the SHA-256 of the text ${hex(VIEWER)}; received "${sha1}" (a SHA-1: set the client preset's persistedDocuments: { hashAlgorithm: 'sha256' })`,
    );
  });

  it('registers a valid manifest and prints the ids clients send', async () => {
    const { code, out, err } = await cli(['register', manifestFile('web.json', MANIFEST), '--app', 'web', '--version', '1.0.0']);
    expect(err).toEqual(['Registered 3 documents for web 1.0.0 (3 new).']);
    expect(code).toBe(0);
    expect(out).toEqual([idOf(FORUMS), idOf(VIEWER), idOf(RETIRE)]);
    const again = await cli(['register', manifestFile('web.json', MANIFEST), '--app', 'web', '--version', '1.0.0']);
    expect(again.err).toEqual(['Registered 3 documents for web 1.0.0 (0 new).']);
    const [row] = await app.database.dataSource.query(`SELECT app_name, app_version, body, operation_names, retired_at FROM trusted_document WHERE id = '${idOf(FORUMS)}'`);
    expect(row).toEqual({ app_name: 'web', app_version: '1.0.0', body: FORUMS, operation_names: 'Forums', retired_at: null });
  });

  it('refuses a usage error and a manifest that is not one, saying what it expected', async () => {
    expect((await cli(['register', '--app', 'web'])).code).toBe(2);
    const notJson = await cli(['register', manifestFile('list.json', [FORUMS] as unknown as Record<string, unknown>), '--app', 'web', '--version', '2']);
    expect(notJson.code).toBe(1);
    expect(notJson.err[0]).toContain('documents: expected a JSON object { "<sha256 hex>": "<document>" }; received ["query Forums');
  });
});

describe('answering by documentId', () => {
  it('answers a POST by documentId as it answers the same text', async () => {
    const variables = { first: 2 };
    const plain = await app.post({ query: FORUMS, variables });
    const byId = await app.post({ documentId: idOf(FORUMS), variables, operationName: 'Forums' });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toEqual(plain.body.data);
    expect(byId.body.data.forums.nodes).toHaveLength(2);
    expect(byId.body.errors).toBeUndefined();
  });

  it('answers a GET by documentId as it answers the same text by GET', async () => {
    const variables = JSON.stringify({ first: 3 });
    const plain = await request(getUrl({ query: FORUMS, variables }), { headers: GET_HEADERS });
    const byId = await request(getUrl({ documentId: idOf(FORUMS), variables }), { headers: GET_HEADERS });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toEqual(plain.body.data);
    expect(byId.body.data.forums.nodes).toHaveLength(3);
  });

  it('answers an automatic persisted query\'s hash alone when it is a registered document\'s (as urql\'s persisted exchange sends)', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: hex(FORUMS) } };
    const post = await app.post({ extensions, variables: { first: 1 } });
    expect(post.status).toBe(200);
    expect(post.body.data.forums.nodes).toHaveLength(1);
    const get = await request(getUrl({ variables: JSON.stringify({ first: 2 }), extensions: JSON.stringify(extensions) }), { headers: GET_HEADERS });
    expect(get.body.data.forums.nodes).toHaveLength(2);
    // A hash registered nowhere is still Apollo's to answer.
    const unknown = await app.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hex('{ viewer { role } }') } } });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('keeps the parsed, validated document, which Apollo finds in its store instead of parsing', async () => {
    await app.post({ documentId: idOf(FORUMS), variables: { first: 1 } });
    const parsed = app.server.trustedDocuments.parsed(hex(FORUMS));
    expect(parsed?.definitions[0]).toMatchObject({ kind: 'OperationDefinition', name: { value: 'Forums' } });
    expect(app.server.trustedDocuments.parsed(hex(PLAIN))).toBeUndefined();
    // Apollo asks its store under `<schema hash>:<query hash>`: the kept document itself, else the store's own.
    const inner = { get: async () => 'inner' as unknown as DocumentNode, set: async () => undefined, delete: async () => true };
    const store = trustedDocumentStore(inner, app.server.trustedDocuments);
    expect(await store.get(`schemahash:${hex(FORUMS)}`)).toBe(parsed);
    expect(await store.get(`schemahash:${hex(PLAIN)}`)).toBe('inner');
  });

  it('refuses an unknown id and a malformed one, saying what it expected', async () => {
    const unknown = await app.post({ documentId: idOf('{ __typename }') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        message: `No live trusted document has the id "${idOf('{ __typename }')}": expected the id of a document registered for a live app version (npm run documents -- register); it may have been retired.`,
        extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' },
      },
    ]);
    const malformed = await request(getUrl({ documentId: 'md5:abc' }), { headers: GET_HEADERS });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toEqual({
      message: 'documentId: expected "sha256:" and the 64 lower-case hex digits of the document\'s SHA-256; received "md5:abc".',
      extensions: { code: 'DOCUMENT_ID_INVALID' },
    });
    const both = await app.post({ documentId: idOf(FORUMS), query: FORUMS });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('refuses a mutation by GET with 405 and Allow: POST, and runs nothing', async () => {
    const answer = await request(getUrl({ documentId: idOf(RETIRE) }), { headers: GET_HEADERS });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(answer.body.errors[0].message).toBe('GET requests only support query operations, not mutation operations');
  });
});

describe('the ADMIN mutations', () => {
  const REGISTER = 'mutation ($app: String!, $version: String!, $documents: String!) { registerTrustedDocuments(app: $app, version: $version, documents: $documents) { app version ids added } }';
  const RETIRE_VERSION = 'mutation ($app: String!, $version: String!) { retireTrustedDocuments(app: $app, version: $version) }';
  const DOC = 'query Mobile {\n  viewer {\n    role\n  }\n}';

  it('is for ADMIN tokens only', async () => {
    const answer = await app.gql(REGISTER, { app: 'mobile', version: '1', documents: JSON.stringify({ [hex(DOC)]: DOC }) }, { token: editor });
    expect(answer.errors?.[0]).toMatchObject({
      message: 'Mutation.registerTrustedDocuments needs the role ADMIN or higher; the token "trusted-editor" has the role EDITOR.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('registers all or none, naming each failure, and retiring makes the documents unknown at once', async () => {
    const refused = await app.gql(REGISTER, { app: 'mobile', version: '1', documents: JSON.stringify({ [hex(DOC)]: DOC, [hex('{ x }')]: '{ x }' }) }, { token: admin });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'documents',
      failures: [{ hash: hex('{ x }'), message: 'the document is not valid against the schema: Cannot query field "x" on type "Query".' }],
    });
    expect((await app.post({ documentId: idOf(DOC) })).status).toBe(400);
    const registered = await app.gql(REGISTER, { app: 'mobile', version: '1', documents: JSON.stringify({ [hex(DOC)]: DOC }) }, { token: admin });
    expect(registered.data.registerTrustedDocuments).toEqual({ app: 'mobile', version: '1', ids: [idOf(DOC)], added: 1 });
    expect((await app.post({ documentId: idOf(DOC) }, { token: reader })).body.data).toEqual({ viewer: { role: 'READER' } });
    const retired = await app.gql(RETIRE_VERSION, { app: 'mobile', version: '1' }, { token: admin });
    expect(retired.data.retireTrustedDocuments).toEqual([idOf(DOC)]);
    const after = await app.post({ documentId: idOf(DOC) }, { token: reader });
    expect(after.status).toBe(400);
    expect(after.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });
});

describe('TRUSTED_DOCUMENTS', () => {
  it('audit: runs every operation and logs an unregistered one by its id, never the token', async () => {
    const { logger, lines } = captureLogger();
    const audit = await alsoServeWith({ trustedDocuments: 'audit' }, logger);
    try {
      expect((await audit.post({ query: PLAIN }, { token: reader })).body.data.forums.totalCount).toBeGreaterThan(0);
      expect((await audit.post({ query: FORUMS, variables: { first: 1 } })).status).toBe(200);
      const logged = lines.filter((line) => line.msg === 'unregistered operation (TRUSTED_DOCUMENTS=audit)');
      expect(logged).toEqual([expect.objectContaining({ documentId: idOf(PLAIN), client: 'token:trusted-reader', role: 'READER' })]);
      expect(JSON.stringify(lines)).not.toContain(reader);
    } finally {
      await audit.close();
    }
  });

  it('enforce: refuses an unregistered operation to anonymous and READER requests, runs it for an EDITOR', async () => {
    const enforce = await alsoServeWith({ trustedDocuments: 'enforce' });
    try {
      for (const token of [undefined, reader]) {
        const refused = await enforce.post({ query: PLAIN }, { token });
        expect(refused.status).toBe(403);
        expect(refused.body.errors[0].extensions).toEqual({ code: 'TRUSTED_DOCUMENT_REQUIRED' });
        expect(refused.body.errors[0].message).toContain(`received an operation whose id "${idOf(PLAIN)}" is not registered`);
        // The registered document runs, by id and as its text.
        expect((await enforce.post({ documentId: idOf(FORUMS), variables: { first: 1 } }, { token })).body.data.forums.nodes).toHaveLength(1);
        expect((await enforce.post({ query: FORUMS, variables: { first: 1 } }, { token })).status).toBe(200);
      }
      expect((await enforce.post({ query: PLAIN }, { token: editor })).body.data.forums.totalCount).toBeGreaterThan(0);
      // The Playground: its page, and the introspection it starts with, under an EDITOR token.
      expect((await enforce.get('/graphql', { headers: { accept: 'text/html' } })).status).toBe(200);
      const schema = await enforce.post({ query: '{ __schema { queryType { name } } }' }, { token: editor });
      expect(schema.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await enforce.close();
    }
  });
});

describe('retiring by the CLI', () => {
  it('makes an app version\'s documents unknown (within the server\'s 10 s recheck)', async () => {
    expect((await app.post({ documentId: idOf(VIEWER) })).status).toBe(200);
    const { code, out } = await cli(['retire', '--app', 'web', '--version', '1.0.0']);
    expect(code).toBe(0);
    expect(out).toEqual([idOf(FORUMS), idOf(RETIRE), idOf(VIEWER)].sort());
    clock.advance(10_001);
    const answer = await app.post({ documentId: idOf(VIEWER) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    const list = await cli(['list']);
    expect(list.out).toEqual([
      expect.stringMatching(/^mobile\t1\t0 live\t1 retired\tlast used \d{4}-/),
      expect.stringMatching(/^web\t1\.0\.0\t0 live\t3 retired\tlast used \d{4}-/),
    ]);
  });
});

async function alsoServeWith(settings: Partial<TestApp['config']>, logger?: ReturnType<typeof captureLogger>['logger']) {
  return alsoServe(app, settings, { clock, logger });
}
