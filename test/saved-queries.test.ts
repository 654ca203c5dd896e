import { createHash } from 'node:crypto';
import { createToken } from '../src/modules/auth/auth.tokens';
import { type TestApp, startTestApp } from './support/app';

/*
 * The Playground's saved queries (README, "Saved queries"): any token saves an operation under a
 * name; every token lists them with owner and last use, and opens one by its id. The app runs
 * without a draft stage: these mutations change no content, so they need neither.
 */

const SAVE = 'mutation ($name: String!, $document: String!) { saveQuery(name: $name, document: $document) { documentId name owner body operationNames lastUsedAt } }';
const LIST = '{ savedQueries { documentId name owner operationNames lastUsedAt } }';
const OPEN = 'mutation ($id: String!) { openSavedQuery(documentId: $id) { documentId name owner body lastUsedAt } }';
const DELETE = 'mutation ($id: String!) { deleteSavedQuery(documentId: $id) }';
const QUERY = 'query Sessions {\n  sessions(first: 3) {\n    totalCount\n  }\n}';
const id = `sha256:${createHash('sha256').update(QUERY).digest('hex')}`;

let app: TestApp;
let alice: string;
let bob: string;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
  alice = await createToken(app.database.dataSource, app.database.dialect, 'alice', 'READER');
  bob = await createToken(app.database.dataSource, app.database.dialect, 'bob', 'READER');
});
afterAll(() => app.close());

describe('saved queries', () => {
  it('are saved by any token, not anonymously, and only when valid', async () => {
    const anonymous = await app.gql(SAVE, { name: 'Sessions', document: QUERY });
    expect(anonymous.errors?.[0]).toMatchObject({ message: 'Mutation.saveQuery needs the role READER or higher; the request has no token (Authorization: Bearer <token>).', extensions: { code: 'FORBIDDEN' } });
    const invalid = await app.gql(SAVE, { name: 'Bad', document: '{ sessions { nope } }' }, { token: alice });
    expect(invalid.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0].message).toMatch(/^document: expected an operation valid against the schema; the document is not valid against the schema: Cannot query field "nope"/);
    const saved = await app.gql(SAVE, { name: ' Three sessions ', document: QUERY }, { token: alice });
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveQuery).toEqual({ documentId: id, name: 'Three sessions', owner: 'alice', body: QUERY, operationNames: ['Sessions'], lastUsedAt: null });
  });

  it('are listed for every token with owner and last use, and opened by id (a shared link)', async () => {
    expect((await app.gql(LIST, {}, { token: bob })).data.savedQueries).toEqual([{ documentId: id, name: 'Three sessions', owner: 'alice', operationNames: ['Sessions'], lastUsedAt: null }]);
    // A shared link opens it for anyone, token or not.
    const opened = await app.gql(OPEN, { id });
    expect(opened.data.openSavedQuery).toMatchObject({ documentId: id, name: 'Three sessions', owner: 'alice', body: QUERY });
    expect(opened.data.openSavedQuery.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await app.gql(LIST, {}, { token: bob })).data.savedQueries[0].lastUsedAt).toBe(opened.data.openSavedQuery.lastUsedAt);
    expect((await app.gql(OPEN, { id: `sha256:${'0'.repeat(64)}` }, { token: bob })).data.openSavedQuery).toBeNull();
    expect((await app.gql(OPEN, { id: 'nope' }, { token: bob })).errors?.[0].message).toBe('documentId: expected "sha256:" and 64 lower-case hex digits; received "nope"');
  });

  it('are not trusted documents: a documentId of one is unknown', async () => {
    const answer = await app.post({ documentId: id });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  it('are deleted by their owner only', async () => {
    expect((await app.gql(DELETE, { id }, { token: bob })).data.deleteSavedQuery).toBe(false);
    expect((await app.gql(DELETE, { id }, { token: alice })).data.deleteSavedQuery).toBe(true);
    expect((await app.gql(LIST, {}, { token: bob })).data.savedQueries).toEqual([]);
  });
});
