import { EXAMPLE_FORUM_ID } from '../src/playground/examples';
import type { GraphQLResponse, TestApp } from './support/app';
import { DATA_SETS, bothEngines } from './support/engines';

/**
 * A field the selection compiler does not compile (a field with a resolver of its own: version,
 * liveSince, Figure.subject, Publication.mentions ...) under a Node no longer sends its whole
 * root field to the resolvers: the statement answers the rest and marks where the field goes,
 * and the fields of all marks are resolved in one execution after it (src/compiler/resolved.ts).
 * The answer must be the resolvers' to the byte, and the resolution batched: its statements do
 * not grow with the rows.
 */

interface Sql {
  statements: number;
  compiled: boolean | 'partial';
}

async function answer(app: Pick<TestApp, 'post'>, query: string, variables?: Record<string, unknown>): Promise<{ body: string; response: GraphQLResponse; sql: Sql }> {
  const { text, body: response } = await app.post<GraphQLResponse>({ query, variables });
  // The body as sent, without its extensions (SQL timings differ from run to run).
  const tail = response.extensions === undefined ? '}\n' : `,"extensions":${JSON.stringify(response.extensions)}}\n`;
  expect(text.endsWith(tail)).toBe(true);
  return { body: text.slice(0, text.length - tail.length), response, sql: response.extensions!.sql as Sql };
}

const CASES: { name: string; query: string; variables?: Record<string, unknown>; real?: boolean }[] = [
  { name: 'version and liveSince under a top-level list', query: `{ forums(first: 5) { totalCount nodes { id title version liveSince } } }` },
  {
    name: 'resolved fields at several depths, under lists, relations and connections',
    query: `{ forums(first: 5) { nodes { id title version region { name federalDistrict { name version } } sessions(first: 3) { nodes { title stage participants { role speaker { fullName v: version } } } } } } }`,
  },
  {
    name: 'a field of an interface type, with fragments and variables',
    query: `query($first: Int!) { figures(first: $first) { nodes { id value subject { __typename id ...S } } } } fragment S on Forum { title version sessions(first: 2) { totalCount } }`,
    variables: { first: 30 },
    real: true,
  },
  { name: 'lists of Nodes (provenance)', query: `{ publications(first: 5) { nodes { title mentions { __typename id } sources { id title } } } }` },
  { name: 'under node(id:)', query: `query($id: ID!) { node(id: $id) { id ... on Forum { title version sessions(first: 4) { nodes { title version } } } } }`, variables: { id: EXAMPLE_FORUM_ID }, real: true },
  { name: 'beside a root field left to the resolvers', query: `{ forums(first: 3) { nodes { title liveSince } } search(query: "форум", first: 2) { totalCount } }` },
];

describe.each(DATA_SETS)('fields left to their resolvers under a compiled root field: %s', (label, real) => {
  const engines = bothEngines(real);
  const figures: string[] = [];
  afterAll(() => process.stdout.write(`resolved fields (${label}), statements compiled+resolved / resolvers alone:\n${figures.join('\n')}\n`));

  // The generated data has no figures, and not the example forum.
  it.each(CASES.filter((c) => real || !c.real).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [compiled, resolved] = await Promise.all([answer(engines.compiling, c.query, c.variables), answer(engines.resolving, c.query, c.variables)]);
    expect(compiled.body).toBe(resolved.body);
    expect(compiled.response.errors).toBeUndefined();
    // One statement, then the resolution: the root field is no longer the resolvers'.
    expect(compiled.sql.compiled).toBe('partial');
    figures.push(`  ${String(compiled.sql.statements).padStart(3)} / ${String(resolved.sql.statements).padStart(3)}  ${c.name}`);
  });

  it('resolves a field of N rows in the same statements as of one', async () => {
    const counts: number[] = [];
    for (const first of [1, 5, 40]) {
      const query = `{ sessions(first: ${first}) { nodes { id title version liveSince forum { title version } } } }`;
      const [compiled, resolved] = await Promise.all([answer(engines.compiling, query), answer(engines.resolving, query)]);
      expect(compiled.body).toBe(resolved.body);
      expect(compiled.sql.compiled).toBe('partial');
      counts.push(compiled.sql.statements);
    }
    // The statement; the sessions and the forums read by key (for node(id:)); their states.
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    expect(counts[0]).toBeLessThanOrEqual(5);
  });

  it('leaves a root field to the resolvers where a field under it needs a role', async () => {
    const query = `{ forums(first: 2) { nodes { title revisions(first: 1) { totalCount } } } }`;
    const [compiled, resolved] = await Promise.all([answer(engines.compiling, query), answer(engines.resolving, query)]);
    expect(compiled.body).toBe(resolved.body);
    expect(compiled.response.errors?.[0]).toMatchObject({ path: ['forums', 'nodes', 0, 'revisions'], extensions: { code: 'FORBIDDEN' } });
    expect(compiled.sql.compiled).toBe(false);
  });
});
