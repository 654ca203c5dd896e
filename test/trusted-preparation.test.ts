import { createHash } from 'node:crypto';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { CacheHints } from '../src/execution/cache-hints';
import { HEAP_BYTES_PER_CHARACTER } from '../src/execution/document-store';
import { TrustedDocuments } from '../src/execution/trusted-documents';
import type { Database } from '../src/db/data-source';
import { createToken } from '../src/modules/auth/auth.tokens';
import { createSchema } from '../src/schema';
import { systemClock } from '../src/shared/clock';
import { type TestApp, alsoServe, startTestApp } from './support/app';

/*
 * A registered document is prepared once, before any request asks for it: when the ADMIN mutation
 * registers it, or when a server starts on a registry that holds it. Its requests then read what
 * was decided (cache policy and root list tags, cost, stage) instead of deciding it again.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */

const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const idOf = (text: string) => `sha256:${hex(text)}`;

const TOP = 'query Top {\n  forums(first: 2) {\n    nodes {\n      id\n      title\n    }\n  }\n}';
const PAGE = 'query Page($first: Int!) {\n  forums(first: $first) {\n    nodes {\n      id\n    }\n  }\n}';
const ONE = 'query One($id: ID!) {\n  node(id: $id) {\n    id\n  }\n}';
const DRAFTS = 'query Drafts {\n  forums(first: 1, stage: DRAFT) {\n    totalCount\n  }\n}';
const STAGED = 'query Staged($stage: Stage!) {\n  forums(first: 1, stage: $stage) {\n    totalCount\n  }\n}';
const OLD = 'query Old {\n  forums(first: 1) {\n    totalCount\n  }\n}';
const SPEAKERS = 'query Speakers {\n  speakers(first: 2) {\n    nodes {\n      id\n    }\n  }\n}';

const REGISTER = 'mutation ($app: String!, $version: String!, $documents: String!) { registerTrustedDocuments(app: $app, version: $version, documents: $documents) { added } }';
const RETIRE = 'mutation ($app: String!, $version: String!) { retireTrustedDocuments(app: $app, version: $version) }';

let app: TestApp;
let admin: string;

const manifest = (...texts: string[]) => JSON.stringify(Object.fromEntries(texts.map((text) => [hex(text), text])));

/** The prepared operation of a kept document, by the node Apollo would run; undefined when the document is not held. */
function preparedOf(trusted: TrustedDocuments, text: string) {
  const operation = trusted.parsed(hex(text))?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operation && trusted.preparedOperation(operation);
}

async function register(app: string, version: string, ...texts: string[]): Promise<void> {
  const answer = await appGql(REGISTER, { app, version, documents: manifest(...texts) });
  expect(answer.errors).toBeUndefined();
}

const appGql = (query: string, variables: Record<string, unknown>) => app.gql(query, variables, { token: admin });

beforeAll(async () => {
  app = await startTestApp({ draft: true, env: { RESPONSE_CACHE_SECONDS: '60', RATE_LIMIT_POINTS: '0', GRAPH_DEBUG: '0' } });
  admin = await createToken(app.database.dataSource, app.database.dialect, 'prepare-admin', 'ADMIN');
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app.close();
});
afterEach(() => jest.restoreAllMocks());

describe('registering by the ADMIN mutation', () => {
  it('prepares the documents before the mutation answers: a request by documentId reads nothing from the registry', async () => {
    expect(app.server.trustedDocuments.parsed(hex(TOP))).toBeUndefined();
    await register('web', '1', TOP, PAGE, ONE, DRAFTS, STAGED);
    const trusted = app.server.trustedDocuments;
    expect(preparedOf(trusted, TOP)).toEqual({ kind: 'query', policy: { maxAge: 60, tagged: true }, rootListTags: ['list:Forum'], cost: 3, stage: 'PUBLISHED' });
    // A cost by `first: $first` is the variables' to decide; a required `$id` does not change one.
    expect(preparedOf(trusted, PAGE)).toMatchObject({ cost: null, stage: 'PUBLISHED' });
    expect(preparedOf(trusted, ONE)).toMatchObject({ cost: 1, rootListTags: [] });
    expect(preparedOf(trusted, DRAFTS)).toMatchObject({ stage: 'DRAFT' });
    expect(preparedOf(trusted, STAGED)).toMatchObject({ stage: null });

    const load = jest.spyOn(TrustedDocuments.prototype as unknown as { load: () => Promise<unknown> }, 'load');
    const answer = await app.post({ documentId: idOf(TOP) });
    expect(answer.body.data.forums.nodes).toHaveLength(2);
    expect(answer.body.extensions.cost.requested).toBe(3);
    expect(load).not.toHaveBeenCalled();
  });

  it('answers a prepared document with the cache policy decided then, without walking the document again', async () => {
    await register('web', '1', SPEAKERS);
    const walk = jest.spyOn(CacheHints.prototype as unknown as { walk: () => unknown }, 'walk');
    const trusted = await app.post({ documentId: idOf(SPEAKERS) });
    expect(trusted.body.data.speakers.nodes).toHaveLength(2);
    expect(trusted.headers.get('cache-control')).toMatch(/^public, max-age=60\b/);
    expect(trusted.headers.get('surrogate-key')?.split(' ')).toContain('list:Speaker');
    expect(walk).not.toHaveBeenCalled();
    // The same question as a text no one registered is walked once, when first answered.
    const plain = await app.post({ query: '{ forums(first: 2) { nodes { id title } } }' });
    expect(plain.headers.get('cache-control')).toMatch(/^public, max-age=60\b/);
    expect(walk).toHaveBeenCalledTimes(1);
  });

  it('keeps the stage decided then: a DRAFT document is refused to an anonymous request, a variable stage is decided per request', async () => {
    const drafts = await app.post({ documentId: idOf(DRAFTS) });
    expect(drafts.status).toBe(403);
    expect(drafts.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const published = await app.post({ documentId: idOf(STAGED), variables: { stage: 'PUBLISHED' } });
    expect(published.body.data.forums.totalCount).toBeGreaterThan(0);
    expect((await app.post({ documentId: idOf(STAGED), variables: { stage: 'DRAFT' } })).status).toBe(403);
  });

  it('forgets a retired document, which is refused as before, and keeps one another live version still has', async () => {
    await register('mobile', '1', TOP);
    expect((await appGql(RETIRE, { app: 'web', version: '1' })).data.retireTrustedDocuments).toHaveLength(6);
    expect(app.server.trustedDocuments.parsed(hex(PAGE))).toBeUndefined();
    expect(preparedOf(app.server.trustedDocuments, TOP)).toMatchObject({ cost: 3 });
    const refused = await app.post({ documentId: idOf(PAGE), variables: { first: 1 } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    expect((await app.post({ documentId: idOf(TOP) })).body.data.forums.nodes).toHaveLength(2);
  });
});

describe('starting a server', () => {
  it('prepares every live registered document before the first request, and none retired', async () => {
    await register('web', '2', PAGE, OLD);
    await register('web', '3', ONE);
    await appGql(RETIRE, { app: 'web', version: '3' });
    const load = jest.spyOn(TrustedDocuments.prototype as unknown as { load: () => Promise<unknown> }, 'load');
    const other = await alsoServe(app, {});
    try {
      const trusted = other.server.trustedDocuments;
      expect(preparedOf(trusted, TOP)).toMatchObject({ cost: 3, rootListTags: ['list:Forum'] });
      expect(preparedOf(trusted, PAGE)).toMatchObject({ cost: null });
      expect(preparedOf(trusted, OLD)).toMatchObject({ cost: 1 });
      expect(trusted.parsed(hex(ONE))).toBeUndefined();
      expect(trusted.parsed(hex(DRAFTS))).toBeUndefined();
      expect((await other.post({ documentId: idOf(PAGE), variables: { first: 1 } })).body.data.forums.nodes).toHaveLength(1);
      expect(load).not.toHaveBeenCalled();
      expect((await other.post({ documentId: idOf(ONE), variables: { id: 'x' } })).body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
    } finally {
      await other.close();
    }
  });

  it('prepares the most recently used documents that fit the heap the kept documents may take', async () => {
    await app.database.dataSource.query(`UPDATE trusted_document SET last_used_at = '2000-01-01T00:00:00.000Z' WHERE id = '${idOf(OLD)}'`);
    const trusted = new TrustedDocuments(app.database, await createSchema(), {
      clock: systemClock,
      hints: null,
      withinLimits: () => true,
      onError: (error) => {
        throw error;
      },
      // TOP, PAGE and OLD are live: any two fit, all three do not.
      keptBytes: (TOP.length + PAGE.length + OLD.length - 1) * HEAP_BYTES_PER_CHARACTER,
    });
    expect(await trusted.prepareAll()).toBe(2);
    expect([TOP, PAGE, OLD].map((text) => trusted.parsed(hex(text)) !== undefined)).toEqual([true, true, false]);
  });

  it('starts on a registry it cannot read, saying why (each document is then read when first asked for)', async () => {
    const failing = { ...app.database, read: async () => Promise.reject(new Error('no such table: trusted_document')) } as Database;
    const errors: string[] = [];
    const trusted = new TrustedDocuments(failing, await createSchema(), {
      clock: systemClock,
      hints: null,
      withinLimits: () => true,
      onError: (_error, what) => errors.push(what),
    });
    expect(await trusted.prepareAll()).toBe(0);
    expect(errors).toEqual(['could not read the registered documents at start-up; each is read when first asked for']);
  });
});
