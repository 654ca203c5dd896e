import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { Client, type Exchange, fetchExchange, makeOperation, mapExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { type DocumentNode, Kind, parse } from 'graphql';
import { runDocumentsCli } from '../src/documents-cli';
import { toGlobalId } from '../src/shared/global-id';
import { createToken } from '../src/modules/auth/auth.tokens';
import { type TestApp, alsoServe, startTestApp } from './support/app';

/*
 * A frontend as README's "Trusted documents" has it: GraphQL Code Generator's client preset
 * writes the manifest of test/operations/*.graphql, the CLI registers it, and urql sends each
 * operation by its documentId, by POST and by GET, under TRUSTED_DOCUMENTS=enforce.
 */

let app: TestApp;
let dir: string;
let manifest: Record<string, string>;

/** A generated document as the client preset writes it: the operation, and its hash in `__meta__`. */
function generated(hash: string): DocumentNode {
  return Object.assign(parse(manifest[hash]), { __meta__: { hash } });
}

/**
 * What @urql/exchange-persisted does with such a document, in a few lines: the operation goes out
 * with no definitions and its `documentId` beside them, which @urql/core sends instead of the text.
 */
const byDocumentId: Exchange = mapExchange({
  onOperation: (operation) => {
    const hash = (operation.query as { __meta__?: { hash: string } }).__meta__?.hash;
    if (!hash) return operation;
    return makeOperation(operation.kind, { ...operation, query: { kind: Kind.DOCUMENT, definitions: [], documentId: `sha256:${hash}` } as DocumentNode }, operation.context);
  },
});

function hashOf(operationName: string): string {
  const found = Object.entries(manifest).find(([, text]) => text.startsWith(`query ${operationName}`));
  if (!found) throw new Error(`expected an operation ${operationName} in the manifest; received ${Object.values(manifest).map((t) => t.slice(0, 30)).join(', ')}`);
  return found[0];
}

beforeAll(async () => {
  app = await startTestApp({ env: { GRAPH_DEBUG: '0' } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-client-'));
  await generate(
    {
      schema: 'schema/schema.graphql',
      documents: 'test/operations/*.graphql',
      silent: true,
      generates: { [`${dir}/`]: { preset: 'client', presetConfig: { persistedDocuments: { hashAlgorithm: 'sha256' }, fragmentMasking: false } } },
    },
    true,
  );
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'persisted-documents.json'), 'utf8'));
  const database = app.config.database;
  const env = { DATABASE_URL: database.kind === 'postgres' ? database.url : `sqlite:${database.path}`, NODE_ENV: 'test' };
  const err: string[] = [];
  expect(await runDocumentsCli(['register', path.join(dir, 'persisted-documents.json'), '--app', 'site', '--version', '2.0.0'], () => undefined, (l) => err.push(l), env)).toBe(0);
  expect(err).toEqual([`Registered ${Object.keys(manifest).length} documents for site 2.0.0 (${Object.keys(manifest).length} new).`]);
}, 60_000);
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('urql with the client preset\'s persisted documents', () => {
  it('answers each query by documentId, by POST and by GET, as it answers its text', async () => {
    const enforce = await alsoServe(app, { trustedDocuments: 'enforce' });
    try {
      const sent: { url: string; body: unknown }[] = [];
      const recording: typeof fetch = (url, init) => {
        sent.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : null });
        return fetch(url, init);
      };
      const post = new Client({ url: enforce.url, exchanges: [byDocumentId, fetchExchange], requestPolicy: 'network-only', fetch: recording });
      const get = new Client({
        url: enforce.url,
        exchanges: [byDocumentId, fetchExchange],
        requestPolicy: 'network-only',
        preferGetMethod: 'force',
        fetchOptions: { headers: { 'apollo-require-preflight': '1' } },
        fetch: recording,
      });
      const variables = { id: toGlobalId('Forum', 'baikal-education-forum-8') };
      const hash = hashOf('ForumPage');
      const byPost = await post.query(generated(hash), variables).toPromise();
      const byGet = await get.query(generated(hash), variables).toPromise();
      const asText = await new Client({ url: app.url, exchanges: [fetchExchange], requestPolicy: 'network-only' }).query(parse(manifest[hash]), variables).toPromise();
      expect(byPost.error).toBeUndefined();
      expect(byPost.data.node.title).toBe('VIII Байкальский образовательный форум');
      expect(byPost.data).toEqual(asText.data);
      expect(byGet.error).toBeUndefined();
      expect(byGet.data).toEqual(asText.data);
      // The ids went out, never the text.
      expect(sent[0].body).toEqual({ documentId: `sha256:${hash}`, variables });
      const params = new URL(sent[1].url).searchParams;
      expect([params.get('documentId'), params.get('query'), sent[1].body]).toEqual([`sha256:${hash}`, null, null]);
    } finally {
      await enforce.close();
    }
  });

  it('answers @urql/exchange-persisted, which sends the hash alone (enforcePersistedQueries)', async () => {
    const enforce = await alsoServe(app, { trustedDocuments: 'enforce' });
    try {
      const sent: { extensions?: unknown; query?: unknown }[] = [];
      const recording: typeof fetch = (url, init) => {
        sent.push(init?.body ? JSON.parse(String(init.body)) : {});
        return fetch(url, init);
      };
      const persisted = persistedExchange({
        enforcePersistedQueries: true,
        // The client preset's hash of the document, as its docs pair the exchange with it.
        generateHash: async (_text, document) => (document as { __meta__?: { hash: string } }).__meta__!.hash,
      });
      const client = new Client({
        url: enforce.url,
        exchanges: [persisted, fetchExchange],
        requestPolicy: 'network-only',
        fetchOptions: { headers: { 'apollo-require-preflight': '1' } },
        fetch: recording,
      });
      const variables = { id: toGlobalId('Forum', 'baikal-education-forum-8') };
      const hash = hashOf('ForumPage');
      const answer = await client.query(generated(hash), variables).toPromise();
      expect(answer.error).toBeUndefined();
      expect(answer.data.node.title).toBe('VIII Байкальский образовательный форум');
      expect(sent).toHaveLength(1);
      expect(sent[0].extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: hash } });
      expect(sent[0].query).toBeUndefined();
      // A hash nobody registered is refused, not answered from a text the client never sent.
      const unknown = await client.query(Object.assign(parse('query Unregistered { __typename }'), { __meta__: { hash: 'f'.repeat(64) } }), {}).toPromise();
      expect(unknown.data).toBeUndefined();
      expect(unknown.error).toBeDefined();
    } finally {
      await enforce.close();
    }
  });

  it('under enforce, a reader\'s text that is not registered is refused, an editor\'s runs', async () => {
    const enforce = await alsoServe(app, { trustedDocuments: 'enforce' });
    const reader = await createToken(app.database.dataSource, app.database.dialect, 'client-reader', 'READER');
    const editor = await createToken(app.database.dataSource, app.database.dialect, 'client-editor', 'EDITOR');
    try {
      const as = (token: string) => new Client({ url: enforce.url, exchanges: [fetchExchange], requestPolicy: 'network-only', fetchOptions: { headers: { authorization: `Bearer ${token}` } } });
      const ad = parse('query Adhoc { forums(first: 1) { totalCount } }');
      const refused = await as(reader).query(ad, {}).toPromise();
      expect(refused.error?.response?.status).toBe(403);
      expect(refused.error?.graphQLErrors[0].extensions.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
      const allowed = await as(editor).query(ad, {}).toPromise();
      expect(allowed.error).toBeUndefined();
      expect(allowed.data.forums.totalCount).toBeGreaterThan(0);
    } finally {
      await enforce.close();
    }
  });
});
