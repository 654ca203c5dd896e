import fc from 'fast-check';
import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, startTestApp } from './support/app';

/**
 * A property-based fuzzer: random operations, valid and invalid, built from the schema's lists,
 * filters and paging arguments with hostile values. Whatever comes in, the answer is data or a
 * coded client error, never a server error, and the server answers a normal query afterwards.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'COST_LIMIT_EXCEEDED', 'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED', 'FIELD_LIMIT_EXCEEDED', 'QUERY_TOO_LARGE', 'VARIABLES_TOO_LARGE', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE',
]);

const LISTS: Record<string, { stringField: string; dateField?: string; nested: string }> = {
  forums: { stringField: 'title', dateField: 'startDate', nested: 'sessions(first: $n) { totalCount nodes { title } }' },
  sessions: { stringField: 'title', dateField: 'date', nested: 'speakers(first: $n) { nodes { fullName } }' },
  speakers: { stringField: 'fullName', nested: 'sessions(first: $n) { nodes { title } }' },
  organizations: { stringField: 'name', nested: 'clusters(first: $n) { nodes { name } }' },
  clusters: { stringField: 'industry', nested: 'events(first: $n) { totalCount }' },
  clusterEvents: { stringField: 'venue', dateField: 'startDate', nested: 'children(first: $n) { nodes { title } }' },
  regions: { stringField: 'name', nested: 'clusters(first: $n) { totalCount }' },
  publications: { stringField: 'title', dateField: 'publishedAt', nested: 'sources { title }' },
};

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom("' OR 1=1 --", '%', '_', '\\', '"', ';', '--', '/*', '\u0000', 'NEAR(a b)', '*', 'Ё', 'ё', '\uD800', '2024-13', '9999-99-99', '', ' '),
);
const pageSize = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 20 }), weight: 4 }, { arbitrary: fc.integer({ min: -5, max: 150 }), weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
const cursor = fc.oneof(
  { arbitrary: fc.constant(null), weight: 4 },
  { arbitrary: hostile, weight: 1 },
  { arbitrary: fc.constant(toGlobalId('Forum', 'baikal-education-forum-8')), weight: 1 },
  { arbitrary: fc.base64String({ maxLength: 60 }), weight: 1 },
);

const operation = fc.record({
  list: fc.constantFrom(...Object.keys(LISTS)),
  operator: fc.constantFrom('equals', 'contains', 'startsWith', 'in'),
  value: hostile,
  date: fc.oneof({ arbitrary: fc.constantFrom('2024', '2024-04', '2024-04-20'), weight: 4 }, { arbitrary: hostile, weight: 1 }),
  dateOperator: fc.constantFrom('equals', 'gt', 'gte', 'lt', 'lte'),
  first: pageSize,
  n: pageSize,
  after: cursor,
  negate: fc.boolean(),
  id: fc.oneof({ arbitrary: fc.constant(toGlobalId('Region', 'RU-BU')), weight: 4 }, { arbitrary: hostile, weight: 1 }),
});

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function build(input: Operation) {
  const spec = LISTS[input.list];
  const stringFilter = input.operator === 'in' ? `{ in: [$value] }` : `{ ${input.operator}: $value }`;
  const parts = [`${spec.stringField}: ${stringFilter}`];
  if (spec.dateField) parts.push(`${spec.dateField}: { ${input.dateOperator}: $date }`);
  const where = input.negate ? `{ NOT: [{ ${parts.join(', ')} }] }` : `{ ${parts.join(', ')} }`;
  const query = `query Fuzz($value: String!, $date: String!, $first: Int, $n: Int, $after: String, $id: ID!) {
    list: ${input.list}(first: $first, after: $after, where: ${where}) { totalCount nodes { id ${spec.nested} } }
    node(id: $id) { id }
  }`;
  return { query, variables: { value: input.value, date: input.date, first: input.first, n: input.n, after: input.after, id: input.id } };
}

describe('a property-based fuzzer', () => {
  it('never gets a server error, whatever the arguments', async () => {
    await fc.assert(
      fc.asyncProperty(operation, async (input) => {
        const { query, variables } = build(input);
        const response = await app.post<{ errors?: { extensions?: { code?: string } }[] }>({ query, variables });
        expect(response.status).toBeLessThan(500);
        for (const error of response.body.errors ?? []) {
          expect(CLIENT_CODES.has(String(error.extensions?.code))).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261126 },
    );
    const after = await app.gql(`{ forums { totalCount } }`);
    expect(after.data?.forums.totalCount).toBe(4);
  });

  it('never gets a server error from random query text', async () => {
    const tokens = fc.constantFrom('{', '}', '(', ')', 'forums', 'nodes', 'id', 'first:', '100', '"x"', '...', 'on', 'Forum', 'query', '$v', ':', 'fragment', '@skip', '[', ']', 'where:', 'title', '#');
    await fc.assert(
      fc.asyncProperty(fc.array(tokens, { maxLength: 40 }), async (words) => {
        const response = await app.post({ query: words.join(' ') });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
