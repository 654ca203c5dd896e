import { createToken } from '../src/modules/auth/auth.tokens';
import { MORE_SHAPES, TABLE_SHAPES, fragmentTree, nestedObject } from '../bench/hostile';
import { REFUSED_OPERATION_COST } from '../src/limits/rate-limit';
import { type TestApp, dataOf, manualClock, startTestApp } from './support/app';

/**
 * Hostile documents under the size limits: each is refused (or answered) with a 4xx and a code,
 * as GraphQL JSON, before graphql-js validates it where validating would be the expensive part,
 * and the server answers a normal query right after.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Answer = { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[]; extensions?: { sql?: { statements: number } } };

const stillServes = async (target: TestApp = app) => {
  expect(dataOf(await target.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
};

describe('the shapes of the issue, each refused with its code', () => {
  const expected: Record<string, { status: number; code: string }> = {
    'one field repeated 6,500 times in a selection': { status: 400, code: 'TOKEN_LIMIT_EXCEEDED' },
    '480 aliases of the same name': { status: 400, code: 'ALIAS_LIMIT_EXCEEDED' },
    '12 fragments of 250 fields each, spread side by side': { status: 400, code: 'FIELD_LIMIT_EXCEEDED' },
    'fragment tree, 18 deep': { status: 400, code: 'FIELD_LIMIT_EXCEEDED' },
    'fragment tree, 20 deep': { status: 400, code: 'FIELD_LIMIT_EXCEEDED' },
    'fragment tree, 24 deep': { status: 400, code: 'FIELD_LIMIT_EXCEEDED' },
    'variables nested 2,500 deep': { status: 400, code: 'INPUT_DEPTH_LIMIT_EXCEEDED' },
  };
  it.each(TABLE_SHAPES.map((shape) => [shape.name, shape] as const))('%s', async (name, shape) => {
    const response = await app.post<Answer>({ query: shape.query, variables: shape.variables });
    expect({ status: response.status, code: response.body.errors?.[0].extensions.code }).toEqual(expected[name]);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await stillServes();
  });

  it('a fragment tree is refused by the size it would have, without expanding it', async () => {
    const response = await app.post<Answer>({ query: fragmentTree(24) });
    expect(response.body.errors?.[0]).toEqual({
      message: 'The operation selects 16777216 fields (fragments counted where they are spread); the limit is 1000.',
      extensions: { code: 'FIELD_LIMIT_EXCEEDED', fields: 16_777_216, limit: 1000 },
    });
    // 3^40 fields from 42 definitions (within MAX_DEFINITIONS): past what a double counts exactly.
    const astronomical = await app.post<Answer>({ query: fragmentTree(40, 3) });
    expect(astronomical.body.errors?.[0].extensions).toEqual({ code: 'FIELD_LIMIT_EXCEEDED', fields: null, limit: 1000 });
    expect(astronomical.body.errors?.[0].message).toMatch(/^The operation selects more than 9007199254740991 fields/);
  });
});

describe('each class the search covers', () => {
  const expected: Record<string, { status: number; code: string }> = {
    'literal nested 200 deep': { status: 400, code: 'INPUT_DEPTH_LIMIT_EXCEEDED' },
    'literal nested 2,400 deep': { status: 400, code: 'NESTING_LIMIT_EXCEEDED' },
    'selection nested 1,600 deep': { status: 400, code: 'NESTING_LIMIT_EXCEEDED' },
    'a directive repeated 700 times': { status: 400, code: 'DIRECTIVE_LIMIT_EXCEEDED' },
    '1,000 unused fragments': { status: 413, code: 'QUERY_TOO_LARGE' },
    '400 fragments spread side by side': { status: 400, code: 'DEFINITION_LIMIT_EXCEEDED' },
    '500 operations': { status: 400, code: 'DEFINITION_LIMIT_EXCEEDED' },
    'a fragment diamond, 3 wide and 12 deep': { status: 400, code: 'FIELD_LIMIT_EXCEEDED' },
    'same field, arguments differ': { status: 400, code: 'FIELD_REPEAT_LIMIT_EXCEEDED' },
    'one argument repeated 1,500 times': { status: 400, code: 'ARGUMENT_LIMIT_EXCEEDED' },
    'one variable defined 1,000 times': { status: 400, code: 'ARGUMENT_LIMIT_EXCEEDED' },
    'a string of 19,000 characters': { status: 200, code: 'BAD_USER_INPUT' },
  };
  it.each(MORE_SHAPES.map((shape) => [shape.name, shape] as const))('%s', async (name, shape) => {
    const response = await app.post<Answer>({ query: shape.query, variables: shape.variables });
    expect({ status: response.status, code: response.body.errors?.[0].extensions.code }).toEqual(expected[name]);
    await stillServes();
  });

  it('a field repeated under one response path, fragments merged, past the limit of 20', async () => {
    const fragments = Array.from({ length: 7 }, (_, i) => `fragment R${i} on Forum { id title }`).join(' ');
    const query = `{ forums { nodes { id ${Array.from({ length: 7 }, (_, i) => `...R${i}`).join(' ')} ... on Forum { ${'id '.repeat(13)}} } } } ${fragments}`;
    const response = await app.post<Answer>({ query });
    expect(response.body.errors?.[0]).toEqual({
      message: 'The operation selects "forums.nodes.id" 21 times (fragments counted where they are spread); the limit is 20 for one response name.',
      extensions: { code: 'FIELD_REPEAT_LIMIT_EXCEEDED', path: 'forums.nodes.id', repeats: 21, limit: 20 },
    });
    const within = await app.post<Answer>({ query: query.replace('id '.repeat(13), 'id '.repeat(12)) });
    expect(within.body.errors).toBeUndefined();
  });

  it('fields of one name repeated at every level of a deep selection: the comparisons validation would make', async () => {
    // 15 copies of forums → nodes → (sessions → nodes → forum) × 4, each under the limit of 20 repeats.
    const one = `forums(first: 1) { nodes { ${'sessions(first: 1) { nodes { forum { '.repeat(4)}title${' } } }'.repeat(4)} } }`;
    const response = await app.post<Answer>({ query: `{ ${`${one} `.repeat(15)}}` });
    // 105 pairs at each of 15 levels, the level's depth times: 105 × (1 + 2 + … + 15).
    expect(response.body.errors?.[0]).toEqual({
      message: 'Validating the operation would compare 12600 pairs of fields of one response name (each pair counted once per level above it); the limit is 5000. Select each field once where you can.',
      extensions: { code: 'FIELD_COMPARISON_LIMIT_EXCEEDED', comparisons: 12_600, limit: 5000 },
    });
    const within = await app.post<Answer>({ query: `{ ${`${one} `.repeat(5)}}` });
    expect(within.body.errors).toBeUndefined();
  });

  it('a filter of more conditions than the limit, on both engines', async () => {
    // 220 empty objects: 222 conditions, 222 values (within MAX_INPUT_VALUES).
    const where = `{ AND: [${Array(220).fill('{}').join(', ')}] }`;
    const response = await app.post<Answer>({ query: `{ forums(where: ${where}) { totalCount } }` });
    expect(response.status).toBe(200);
    expect(response.body.errors?.[0]).toMatchObject({
      message: 'where.AND[198]: the filter holds more than 200 conditions (filter objects and the fields they test); the limit is 200.',
      extensions: { code: 'BAD_USER_INPUT', argument: 'where.AND[198]' },
    });
    const within = await app.post<Answer>({ query: `{ forums(where: { AND: [${Array(60).fill('{ title: { contains: "а" } }').join(', ')}] }) { totalCount } }` });
    expect(within.body.errors).toBeUndefined();
  });

  it('literals and variables holding more values than the limit', async () => {
    const literal = await app.post<Answer>({ query: `{ forums(where: { AND: [${Array(600).fill('{}').join(', ')}] }) { totalCount } }` });
    expect(literal.body.errors?.[0]).toEqual({
      message: 'The arguments of the operation hold 602 values (each scalar, list item and object field); the limit is 250.',
      extensions: { code: 'INPUT_VALUE_LIMIT_EXCEEDED', values: 602, limit: 250 },
    });
    const query = 'query($w: ForumWhere) { forums(where: $w) { totalCount } }';
    const variables = await app.post<Answer>({ query, variables: { w: { AND: Array(600).fill({}) } } });
    expect(variables.body.errors?.[0]).toEqual({
      message: 'The variables hold 602 values (each scalar, list item and object field); the limit is 250.',
      extensions: { code: 'INPUT_VALUE_LIMIT_EXCEEDED', values: 602, limit: 250 },
    });
    expect((await app.post<Answer>({ query, variables: { w: { AND: Array(100).fill({}) } } })).body.errors).toBeUndefined();
  });

  it('fragments spread more than 500 times', async () => {
    const query = `{ forums { nodes { ...A } } } fragment A on Forum { ${'...B '.repeat(30)} } fragment B on Forum { ${'...C '.repeat(20)} } fragment C on Forum { id }`;
    const response = await app.post<Answer>({ query });
    // 1 + 30 + 30 × 20 spreads for 600 fields: within the field limit, past the spreads'.
    expect(response.body.errors?.[0].extensions).toEqual({ code: 'SPREAD_LIMIT_EXCEEDED', spreads: 631, limit: 500 });
  });

  it('fragments that only spread one another, used by no operation, are a cycle', async () => {
    const response = await app.post<Answer>({ query: '{ __typename } fragment A on Query { ...B } fragment B on Query { ...A }' });
    expect(response.body.errors?.[0]).toEqual({ message: 'Cannot spread fragment "A" within itself via "B".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('variables nested past the limit, as a JSON string in a GET too', async () => {
    const query = 'query($w: ForumWhere) { forums(where: $w) { totalCount } }';
    const deep = await app.post<Answer>({ query, variables: { w: nestedObject(25) } });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]).toEqual({ message: 'The variables nest lists and objects more than 20 deep; the limit is 20.', extensions: { code: 'INPUT_DEPTH_LIMIT_EXCEEDED', limit: 20 } });
    const get = await app.get<Answer>(`/graphql?${new URLSearchParams({ query, variables: JSON.stringify({ w: nestedObject(25) }) })}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(get.body.errors?.[0].extensions.code).toBe('INPUT_DEPTH_LIMIT_EXCEEDED');
  });

  it('the token limit', async () => {
    const response = await app.post<Answer>({ query: `{ ${'a '.repeat(5001)}}` });
    expect(response.body.errors?.[0]).toEqual({ message: 'The query has more than 5000 tokens; the limit is 5000.', extensions: { code: 'TOKEN_LIMIT_EXCEEDED', limit: 5000 } });
  });

  it('a refusal touches no data and is not cached', async () => {
    const response = await app.post<Answer>({ query: fragmentTree(20) });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(response.body.data).toBeUndefined();
  });
});

describe('refusals and the rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    // The clock stands at the start of an hour: the window is the whole hour, whatever the test's pace.
    limited = await startTestApp({ env: { RATE_LIMIT_POINTS: String(3 * REFUSED_OPERATION_COST), RATE_LIMIT_WINDOW_SECONDS: '3600' }, clock: manualClock() });
  });
  afterAll(() => limited.close());

  it('each refused operation costs a flat charge; once the window is spent, 429 with Retry-After', async () => {
    const key = { 'x-api-key': await createToken(limited.database.dataSource, limited.database.dialect, 'flooder', 'READER') };
    const statuses: number[] = [];
    // Refused before Apollo (a fragment tree), in Apollo's validation (an unknown field), and a syntax error.
    for (const query of [fragmentTree(20), '{ noSuchField }', '{ forums {']) statuses.push((await limited.post<Answer>({ query }, { headers: key })).status);
    expect(statuses).toEqual([400, 400, 400]);
    const guard = await limited.post<Answer>({ query: fragmentTree(20) }, { headers: key });
    expect(guard.status).toBe(429);
    expect(guard.headers.get('retry-after')).toBe('3600');
    expect(guard.body.errors?.[0]).toEqual({
      message: 'Rate limit: this refused operation costs 1000 points and 0 of 3000 remain until 2030-01-01T01:00:00.000Z; retry after 3600 s.',
      extensions: { code: 'RATE_LIMITED', retryAfter: 3600, refused: 'FIELD_LIMIT_EXCEEDED' },
    });
    const validation = await limited.post<Answer>({ query: '{ noSuchField }' }, { headers: key });
    expect(validation.status).toBe(429);
    expect(validation.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Another client is not throttled by the flooder's refusals.
    const reader = await createToken(limited.database.dataSource, limited.database.dialect, 'reader', 'READER');
    expect((await limited.post<Answer>({ query: '{ forums { totalCount } }' }, { headers: { 'x-api-key': reader } })).status).toBe(200);
  });

  it('a client whose window could not pay for a refusal is refused at once, its documents unread, until the window resets', async () => {
    // The window is cut by a clock the test moves: it resets when the test says, not after a wait.
    const clock = manualClock();
    const short = await startTestApp({ env: { RATE_LIMIT_POINTS: String(REFUSED_OPERATION_COST), RATE_LIMIT_WINDOW_SECONDS: '2' }, clock });
    try {
      const key = { 'x-api-key': await createToken(short.database.dataSource, short.database.dialect, 'flooder', 'READER') };
      expect((await short.post<Answer>({ query: fragmentTree(20) }, { headers: key })).status).toBe(400);
      const spent = await short.post<Answer>({ query: fragmentTree(20) }, { headers: key });
      expect(spent.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', refused: 'FIELD_LIMIT_EXCEEDED' });
      // A valid query and a hostile one alike: 429 without being measured (no refusal code).
      for (const query of ['{ __typename }', fragmentTree(24)]) {
        const blocked = await short.post<Answer>({ query }, { headers: key });
        expect(blocked.status).toBe(429);
        expect(blocked.body.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', refused: null });
        expect(blocked.body.errors?.[0].message).toMatch(/^Rate limit: this window was spent on refused operations \(1000 points each\)/);
      }
      expect(spent.headers.get('retry-after')).toBe('2');
      // A millisecond before the window resets the client is still refused, and told to retry in a second.
      clock.advance(1_999);
      const last = await short.post<Answer>({ query: '{ __typename }' }, { headers: key });
      expect([last.status, last.headers.get('retry-after')]).toEqual([429, '1']);
      clock.advance(1);
      const after = await short.post<Answer>({ query: '{ __typename }' }, { headers: key });
      expect(after.status).toBe(200);
      expect(after.body.data).toEqual({ __typename: 'Query' });
    } finally {
      await short.close();
    }
  });
});

describe('without introspection', () => {
  let closed: TestApp;
  beforeAll(async () => {
    closed = await startTestApp({ env: { INTROSPECTION: '0' } });
  });
  afterAll(() => closed.close());

  it('validation does not suggest field or type names', async () => {
    const response = await closed.post<Answer>({ query: '{ forumz { totalCount } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].message).toBe('Cannot query field "forumz" on type "Query".');
    const open = await app.post<Answer>({ query: '{ forumz { totalCount } }' });
    expect(open.body.errors?.[0].message).toMatch(/Did you mean "forum/);
  });
});

describe('errors that reach Express', () => {
  it('are GraphQL JSON, never its HTML page', async () => {
    const response = await app.get(`/graphql?query=${'%E0%A4%A'}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    await stillServes();
  });
});
