import { type TestApp, startTestApp } from './support/app';

/** Every route answers JSON errors with a code: never Express's HTML "Cannot POST". */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ seed: false });
});
afterAll(() => app.close());

/** What a route answered, as the tests below compare it. */
async function call(method: string, path: string) {
  const response = await app.get(path, { method });
  return { status: response.status, type: response.headers.get('content-type'), allow: response.headers.get('allow'), body: response.body };
}

describe('a method a route does not take', () => {
  it.each([
    ['POST', '/export/forums.csv'],
    ['DELETE', '/export'],
    ['PUT', '/calendar.ics'],
  ])('%s %s is 405 METHOD_NOT_ALLOWED with Allow, in the exports\' JSON shape', async (method, path) => {
    expect(await call(method, path)).toEqual({
      status: 405,
      type: 'application/json; charset=utf-8',
      allow: 'GET, HEAD',
      body: { error: { code: 'METHOD_NOT_ALLOWED', message: `${method} ${path}: expected one of GET, HEAD; received ${method}` } },
    });
  });

  it('POST /healthz is 405 METHOD_NOT_ALLOWED in GraphQL\'s error shape', async () => {
    expect(await call('POST', '/healthz')).toEqual({
      status: 405,
      type: 'application/json; charset=utf-8',
      allow: 'GET, HEAD',
      body: { errors: [{ message: 'POST /healthz: expected one of GET, HEAD; received POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }] },
    });
  });

  it('PUT /graphql is Apollo Server\'s 405, JSON with Allow', async () => {
    const response = await app.post({ query: '{ __typename }' }, { method: 'PUT' });
    expect([response.status, response.headers.get('allow'), response.body.errors[0].extensions.code]).toEqual([405, 'GET, POST', 'BAD_REQUEST']);
  });
});

describe('a path no route answers', () => {
  it.each(['/nothing-here', '/export/forums.csv/extra', '/graphql-v2'])('GET %s is 404 NOT_FOUND as JSON', async (path) => {
    const answer = await call('GET', path);
    expect([answer.status, answer.type, answer.allow]).toEqual([404, 'application/json; charset=utf-8', null]);
    const error = answer.body.errors?.[0] ?? answer.body.error;
    expect(error.extensions?.code ?? error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(new RegExp(`^No route GET ${path}: expected a path this server answers`));
  });
});
