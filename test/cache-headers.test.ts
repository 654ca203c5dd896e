import { type HttpAnswer, type TestApp, startTestApp, tokens } from './support/app';

/**
 * What a shared cache in front of the server may keep: an anonymous query of the published stage
 * answered without errors, and nothing else, whatever RESPONSE_CACHE_SECONDS says.
 */

const FORUMS = '{ forums(first: 1) { totalCount } }';

/** A query as a GET (the requests a CDN may keep). */
const get = (app: TestApp, query: string, token?: string) =>
  app.get(`/graphql?${new URLSearchParams({ query })}`, { token, headers: { 'apollo-require-preflight': '1', accept: 'application/json' } });

const post = (app: TestApp, query: string, token?: string) => app.post({ query }, { token });

/** The request headers an answer says it varies by, lower-cased. */
function varied(response: HttpAnswer): string[] {
  return (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
}

describe.each([
  ['with RESPONSE_CACHE_SECONDS=60', '60', 'public, max-age=60, s-maxage=60, stale-while-revalidate=30'],
  ['without the response cache', '0', 'no-store'],
])('cache-control %s', (_name, seconds, anonymousPolicy) => {
  let app: TestApp;
  let editor: string;
  let reader: string;
  beforeAll(async () => {
    app = await startTestApp({ draft: true, env: { RESPONSE_CACHE_SECONDS: seconds, RATE_LIMIT_POINTS: '0' } });
    ({ editor, reader } = await tokens(app, 'cache', ['EDITOR', 'READER']));
  }, 60_000);
  afterAll(() => app?.close());

  it(`an anonymous published query says ${anonymousPolicy}, and Vary names Accept and Authorization`, async () => {
    for (const response of [await get(app, FORUMS), await post(app, FORUMS)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(anonymousPolicy);
      expect(varied(response)).toEqual(expect.arrayContaining(['accept', 'authorization']));
    }
  });

  it('a GET with a token is private, no-store: a CDN never serves it to another viewer', async () => {
    for (const token of [reader, editor]) {
      const response = await get(app, FORUMS, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(varied(response)).toEqual(expect.arrayContaining(['accept', 'authorization']));
    }
    const viewer = await get(app, '{ viewer { name role } }', editor);
    expect(viewer.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a DRAFT read and revisions are private, no-store', async () => {
    const draft = await get(app, '{ forums(stage: DRAFT, first: 1) { totalCount } }', editor);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('cache-control')).toBe('private, no-store');
    const revisions = await post(app, '{ revisions(first: 1) { totalCount } }', editor);
    expect(revisions.status).toBe(200);
    expect(revisions.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a mutation is private, no-store, even one that fails', async () => {
    const response = await post(app, 'mutation { deleteForum(input: { id: "Rm9ydW06bm9uZQ", expectedVersion: 1 }) { userErrors { code } } }', editor);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const anonymous = await post(app, 'mutation { deleteForum(input: { id: "Rm9ydW06bm9uZQ", expectedVersion: 1 }) { userErrors { code } } }');
    expect(anonymous.headers.get('cache-control')).toBe('private, no-store');
  });

  it('the calendar revalidates for readers, and is private, no-store for a token or the drafts', async () => {
    const anonymous = await app.get('/calendar.ics');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('no-cache');
    const drafts = await app.get('/calendar.ics?stage=DRAFT', { token: editor });
    expect(drafts.status).toBe(200);
    expect(drafts.headers.get('cache-control')).toBe('private, no-store');
    expect(varied(drafts)).toContain('authorization');
  });

  it('an answer with errors is private, no-store', async () => {
    const response = await post(app, '{ forums(first: -1) { totalCount } }');
    expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });
});
