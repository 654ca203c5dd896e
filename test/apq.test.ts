import { createHash } from 'node:crypto';
import { type TestApp, startTestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
});
afterAll(async () => {
  await app.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const QUERY = '{ __typename }';

describe('automatic persisted queries', () => {
  it('registers a query under its hash, then answers the hash alone', async () => {
    const hash = sha256(QUERY);
    const unknown = await app.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await app.post({ query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(registered.status).toBe(200);
    expect(registered.body.data).toEqual({ __typename: 'Query' });
    const byHash = await app.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.body.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a hash that is not the query\'s, by POST, as a client error naming both hashes', async () => {
    const wrong = sha256('{ other }');
    const answer = await app.post({ query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          message: `The persisted query's sha256Hash must be the SHA-256 of its query: expected "${sha256(QUERY)}"; received "${wrong}".`,
          extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' },
        },
      ],
    });
  });

  it('refuses a wrong hash by GET too, and a hash that is not a string', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'abc' } });
    const answer = await app.get(`/graphql?query=${encodeURIComponent(QUERY)}&extensions=${encodeURIComponent(extensions)}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(answer.body.errors[0].message).toContain(`expected "${sha256(QUERY)}"; received "abc"`);
    const numeric = await app.post({ query: QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 42 } } });
    expect(numeric.status).toBe(400);
    expect(numeric.body.errors[0].message).toContain('received 42.');
  });
});
