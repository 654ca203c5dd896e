import fs from 'node:fs';
import path from 'node:path';
import { BENCH_QUERIES } from '../bench/queries';
import { EXAMPLE_FORUM_ID, EXAMPLE_SPEAKER_ID, PLAYGROUND_EXAMPLES } from '../src/playground/examples';
import { fromGlobalId, toGlobalId } from '../src/shared/global-id';
import { projectPath } from '../src/shared/paths';
import { type GraphQLResponse, type TestApp, alsoServe, captureLogger, startTestApp } from './support/app';
import { DATA_SETS, bothEngines } from './support/engines';

/**
 * The selection compiler (GRAPHQL_COMPILE, on by default) answers a whole operation with one SQL
 * statement; it must answer exactly as the resolvers do. Every query here runs on two servers over
 * the same data, one compiling and one not, and the answers must be equal to the byte; where the
 * compiler covers the operation, the compiling server must have run one statement (so the test
 * cannot pass by both servers taking the resolvers' path). The same on PostgreSQL, where the JSON
 * is built by json_build_object and json_agg.
 */
const POSTGRES = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '');

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Whether the compiler covers it (else the resolvers answer on both servers); 'postgres': only there. */
  compiled: boolean | 'postgres';
}

const SESSION_FIELDS = 'id title kind date { iso precision year month day __typename } forum { id title } parent { id } __typename';

/** Shapes the compiler handles, and shapes it must leave to the resolvers. */
const SHAPES: Case[] = [
  { name: 'aliases and __typename everywhere', compiled: true, query: `{ __typename a: forums(first: 3) { __typename totalCount n: nodes { __typename key: id t: title } } b: forums(first: 1) { nodes { title } } }` },
  {
    name: 'edges, cursors and pageInfo',
    compiled: true,
    query: `{ sessions(first: 7) { totalCount edges { __typename cursor node { ${SESSION_FIELDS} } } pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } } }`,
  },
  { name: 'nodes and edges.node with different selections', compiled: true, query: `{ clusters(first: 4) { nodes { id } edges { node { name industry launchYear } cursor } } }` },
  { name: 'an empty page and first: 0', compiled: true, query: `{ a: forums(first: 0) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } b: clusterEvents(first: 5, where: { title: { equals: "нет такого" } }) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }` },
  {
    name: 'where and orderBy as variables',
    compiled: true,
    query: `query($where: ClusterEventWhere, $order: [ClusterEventOrderBy!]) { clusterEvents(first: 20, where: $where, orderBy: $order) { totalCount nodes { id title kind startDate { iso } endDate { iso } city clusters(first: 2) { totalCount nodes { name } } organizations { name } federalDistricts { name } } pageInfo { hasNextPage endCursor } } }`,
    variables: { where: { OR: [{ kind: { in: ['OPEN_DAY'] } }, { startDate: { gte: '2024-01-01' } }] }, order: [{ startDate: 'DESC' }, { title: 'ASC' }] },
  },
  {
    name: 'nested where and orderBy',
    compiled: true,
    query: `{ forums(first: 10, orderBy: [{ title: DESC }]) { nodes { title sessions(first: 3, orderBy: [{ title: ASC }], where: { kind: { in: [DISCUSSION, OTHER] } }) { totalCount nodes { title kind } pageInfo { hasNextPage } } } } }`,
  },
  {
    name: 'relations both ways',
    compiled: true,
    query: `{ regions(first: 30) { nodes { id name isoCode federalDistrict { id name regions(first: 2) { totalCount nodes { name } } } clusters(first: 2) { totalCount nodes { name members { role organization { id name kind } cluster { name } } events(first: 2) { totalCount nodes { title parent { title } } } } } forums(first: 2) { nodes { title } } organizations(first: 2) { totalCount nodes { name } } } } }`,
  },
  {
    // Each level nests a few SQL expressions in the next; SQLite's parser has a stack of 100.
    name: 'nested deeper than SQLite parses (there the resolvers answer)',
    compiled: 'postgres',
    query: `{ regions(first: 30) { nodes { id clusters(first: 2) { nodes { name events(first: 2) { nodes { title children(first: 2) { totalCount nodes { clusters(first: 1) { nodes { name } } } } } } } } } } }`,
  },
  {
    name: 'district lists',
    compiled: true,
    query: `{ federalDistricts(first: 10) { nodes { name clusters(first: 3) { totalCount nodes { name region { name } } } clusterEvents(first: 3) { totalCount nodes { title } } } } }`,
  },
  {
    name: 'forum by node with fragments',
    compiled: true,
    query: `query($id: ID!) { node(id: $id) { __typename id ...F } } fragment F on Forum { title edition seriesTitle startDate { iso precision } endDate { iso } city venue theme organizers { id name } region { name federalDistrict { name } } sessions(first: 50) { totalCount nodes { ${SESSION_FIELDS} children(first: 5) { totalCount nodes { title } } participants { role talkTitle position speaker { id fullName organization { name } } organization { name } session { title } } quotes { text } } } }`,
    variables: { id: EXAMPLE_FORUM_ID },
  },
  { name: 'a node of another type, with a fragment on Forum', compiled: true, query: `query($id: ID!) { node(id: $id) { id __typename ... on Forum { title } } }`, variables: { id: EXAMPLE_SPEAKER_ID } },
  { name: 'a node that does not exist', compiled: true, query: `{ node(id: "${toGlobalId('Forum', 'no-such-forum')}") { id } }` },
  {
    name: '@skip and @include',
    compiled: true,
    query: `query($yes: Boolean!, $no: Boolean!) { forums(first: 3) { nodes { id title @include(if: $yes) city @include(if: $no) venue @skip(if: $yes) region @skip(if: $no) { name } } } }`,
    variables: { yes: true, no: false },
  },
  {
    name: 'event stats from the summary, every key and measure',
    compiled: true,
    query: `{ a: clusterEventStats(groupBy: [FEDERAL_DISTRICT, MONTH]) { __typename key { __typename federalDistrict { id name } month kind year region { name } parent { title } } count minStartDate { iso precision year month day } maxStartDate { iso } sumReportedClusterCount }
      b: clusterEventStats(groupBy: [KIND, YEAR]) { key { kind year } count sumReportedClusterCount } }`,
  },
  {
    name: 'event stats grouped live (where, regions, parents, no keys)',
    compiled: true,
    query: `{ a: clusterEventStats(groupBy: [REGION, PARENT], where: { kind: { in: [OPEN_DAY] } }) { key { region { name federalDistrict { name } } parent { title } } count minStartDate { iso } }
      b: clusterEventStats(groupBy: []) { key { kind } count maxStartDate { iso precision } } }`,
  },
  {
    name: 'the other stats',
    compiled: true,
    query: `{ clusterStats(groupBy: [FEDERAL_DISTRICT, INDUSTRY]) { key { federalDistrict { name } industry launchYear region { name } } count minLaunchYear maxLaunchYear }
      forumStats(groupBy: [REGION, YEAR]) { key { region { name } year } count minEdition maxEdition minStartDate { iso } maxStartDate { iso } }
      organizationStats(groupBy: [KIND, PARENT]) { key { kind parent { name } region { name } } count }
      publicationStats(groupBy: [KIND, YEAR, MONTH]) { key { kind year month } count minPublishedAt { iso } maxPublishedAt { iso precision } }
      sessionStats(groupBy: [FORUM, KIND]) { key { forum { title } kind month year } count minDate { iso } maxDate { iso } }
      speakerStats(groupBy: [ORGANIZATION]) { key { organization { name kind } } count } }`,
  },
  { name: 'figures (floats, enums, partial dates)', compiled: true, query: `{ figures(first: 50) { totalCount nodes { id metric value qualifier unit date { iso precision } } } }` },
  // Left to the resolvers:
  { name: 'a grouping refused (a key twice)', compiled: false, query: `{ clusterEventStats(groupBy: [KIND, KIND]) { count } }` },
  { name: 'a bad ID', compiled: false, query: `{ node(id: "not an id") { id } }` },
  { name: 'a page too large', compiled: false, query: `{ forums(first: 1000) { nodes { id } } }` },
  { name: 'paging backwards', compiled: false, query: `{ forums(last: 3) { nodes { id } pageInfo { hasPreviousPage } } }` },
  { name: 'the same key twice with sub-selections', compiled: false, query: `{ forums(first: 2) { nodes { region { name } region { isoCode } } } }` },
  { name: 'a field with a resolver of its own (provenance)', compiled: false, query: `{ forums(first: 2) { nodes { id sources { url } } } }` },
  { name: 'search', compiled: false, query: `{ search(query: "кадры", first: 3) { totalCount } }` },
  { name: 'only __typename', compiled: false, query: `{ __typename }` },
];

function operationsFromFiles(): Case[] {
  const dir = projectPath('test', 'operations');
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ name: `operation ${file}`, query: fs.readFileSync(path.join(dir, file), 'utf8'), variables: { id: EXAMPLE_FORUM_ID }, compiled: false }));
}

/**
 * The body as sent, without its extensions (SQL timings differ from run to run): the compiler's
 * text goes out as the database and the marks wrote it, so the bytes are compared, not a parse.
 */
async function answer(app: Pick<TestApp, 'post'>, query: string, variables?: Record<string, unknown>): Promise<{ body: string; response: GraphQLResponse }> {
  const { text, body: response } = await app.post<GraphQLResponse>({ query, variables });
  const tail = response.extensions === undefined ? '}\n' : `,"extensions":${JSON.stringify(response.extensions)}}\n`;
  expect(text.endsWith(tail)).toBe(true);
  return { body: text.slice(0, text.length - tail.length), response };
}

async function compare(compiling: Pick<TestApp, 'post'>, resolving: Pick<TestApp, 'post'>, query: string, variables?: Record<string, unknown>) {
  const [a, b] = await Promise.all([answer(compiling, query, variables), answer(resolving, query, variables)]);
  expect(a.body).toBe(b.body);
  return { statements: a.response.extensions?.sql?.statements, compiled: a.response.extensions?.sql?.compiled, response: a.response };
}

describe.each(DATA_SETS)('compiled selections answer as the resolvers do: %s', (_label, real) => {
  // Floats SQLite's JSON would write with 15 digits (0.1 + 0.2 as 0.3), and text with what JSON escapes.
  const engines = bothEngines(real, {
    generated: async (app) => {
      const figures = [
        ['synthetic-float-1', 0.1 + 0.2],
        ['synthetic-float-2', 1e21],
        ['synthetic-float-3', -2.5e-7],
      ];
      for (const [key, value] of figures) {
        await app.database.dataSource.query(
          app.database.dialect.placeholders(`INSERT INTO figure (id, metric, value, qualifier, unit) VALUES (?, ?, ?, 'EXACT', ?)`),
          [key, `Синтетика "кавычки" \\ {"$i:Forum":"x"} \n\t\u0001`, value, null],
        );
      }
    },
  });

  it.each(SHAPES.map((c) => [c.name, c] as const))('%s', async (_name, shape) => {
    const { statements, compiled, response } = await compare(engines.compiling, engines.resolving, shape.query, shape.variables);
    expect(compiled).toBe(shape.compiled === true || (shape.compiled === 'postgres' && POSTGRES));
    if (compiled) {
      expect(response.errors).toBeUndefined();
      expect(statements).toBe(1);
    }
  });

  it('the benchmark mix', async () => {
    for (const query of BENCH_QUERIES) {
      const { compiled } = await compare(engines.compiling, engines.resolving, query.query, query.variables);
      expect(compiled).toBe(query.name !== 'search');
    }
  });

  it('the Playground examples and the client operations', async () => {
    for (const example of [...PLAYGROUND_EXAMPLES.map((e) => ({ query: e.query, variables: e.variables })), ...operationsFromFiles()]) {
      await compare(engines.compiling, engines.resolving, example.query, example.variables);
    }
  });

  it('pages walked forwards with after, under three orderings', async () => {
    for (const order of ['[{ startDate: ASC }]', '[{ title: DESC }]', '[{ kind: DESC }, { startDate: ASC }]']) {
      let after: string | null = null;
      for (let page = 0; page < 6; page++) {
        const query = `query($after: String) { clusterEvents(first: 7, after: $after, orderBy: ${order}) { totalCount edges { cursor node { id title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
        const { response, compiled } = await compare(engines.compiling, engines.resolving, query, { after });
        expect(compiled).toBe(true);
        const info = response.data.clusterEvents.pageInfo;
        if (!info.hasNextPage) break;
        after = info.endCursor;
      }
    }
  });
});

describe('a statement the database refuses', () => {
  it('is answered by the resolvers, reported once, and not tried again for the same query', async () => {
    // 70 fields in one object: more arguments than json_object (SQLite, 127) or json_build_object
    // (PostgreSQL, 100) take.
    const fields = Array.from({ length: 70 }, (_, i) => `f${i}: title`).join(' ');
    const query = `{ forums(first: 2) { nodes { ${fields} } } }`;
    const { logger, lines } = captureLogger();
    const app = await startTestApp({ logger });
    const resolvers = await alsoServe(app, { graphqlCompile: false });
    try {
      for (let i = 0; i < 2; i++) {
        const [compiled, resolved] = await Promise.all([app.gql(query), resolvers.gql(query)]);
        expect(compiled.errors).toBeUndefined();
        expect(compiled.data).toEqual(resolved.data);
        expect(compiled.data.forums.nodes[0].f69).toBe(compiled.data.forums.nodes[0].f0);
        expect(compiled.extensions?.sql?.compiled).toBe(false);
      }
      expect(lines.filter((line) => line.msg === 'compiled statement failed; the resolvers answer')).toHaveLength(1);
    } finally {
      await resolvers.close();
      await app.close();
    }
  });
});

describe('observability', () => {
  it('the log line and /metrics say which operations the compiler answered', async () => {
    const { logger, lines } = captureLogger();
    const app = await startTestApp({ logger });
    try {
      await app.post({ query: 'query Listed { forums(first: 2) { nodes { title } } }' });
      await app.post({ query: 'query Searched { search(query: "форум", first: 2) { totalCount } }' });
      const listed = lines.find((line) => line.operation === 'Listed');
      const searched = lines.find((line) => line.operation === 'Searched');
      expect(listed).toMatchObject({ msg: 'graphql', compiled: true, statements: 1 });
      expect(searched?.compiled).toBeUndefined();
      const metrics = (await app.get('/metrics')).text;
      // Without METRICS_TOKEN /metrics sums over operations: Listed's one, not Searched.
      expect(metrics).toContain('graphql_compiled_operations_total 1\n');
    } finally {
      await app.close();
    }
  });
});

describe('an answer asked again', () => {
  it('comes from the same statement each time: equal while its rows are, and following their change', async () => {
    const app = await startTestApp();
    const resolvers = await alsoServe(app, { graphqlCompile: false });
    const query = `{ forums(first: 3) { nodes { id title startDate { iso precision } } pageInfo { endCursor } } }`;
    try {
      const first = await answer(app, query);
      expect(first.response.extensions?.sql?.compiled).toBe(true);
      const again = await answer(app, query);
      expect(again.body).toBe(first.body);
      expect(again.response.extensions?.sql?.statements).toBe(1);
      // The rows change under the same statement: the answer follows them, as the resolvers'.
      const forum = first.response.data.forums.nodes[0];
      await app.database.dataSource.query(app.database.dialect.placeholders(`UPDATE forum SET title = ?, start_date = ? WHERE id = ?`), [
        'Переименованный "форум"',
        '2031-05',
        fromGlobalId(forum.id).key,
      ]);
      const changed = await compare(app, resolvers, query);
      expect(changed.compiled).toBe(true);
      expect(changed.response.data.forums.nodes.find((n: { id: string }) => n.id === forum.id)).toEqual({
        id: forum.id,
        title: 'Переименованный "форум"',
        startDate: { iso: '2031-05', precision: 'MONTH' },
      });
      expect((await answer(app, query)).body).toBe((await answer(resolvers, query)).body);
    } finally {
      await resolvers.close();
      await app.close();
    }
  });
});
