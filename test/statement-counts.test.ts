import type { TestApp } from './support/app';
import { startSmallAndLarge } from './support/synthetic';

/**
 * The number of SQL statements depends on the shape of the query, never on the number of rows:
 * the same query runs the same statements over 2 rows and over 100, nested pages included.
 * These are the resolvers' statements (the selection compiler is off): an operation the compiler
 * covers is one statement whatever its shape, which test/compiled.test.ts checks.
 */
describe('SQL statements per request', () => {
  let small: TestApp;
  let large: TestApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ small, large, close } = await startSmallAndLarge({ GRAPHQL_COMPILE: '0' }));
  });
  afterAll(() => close());

  const statements = async (app: TestApp, query: string) => {
    const response = await app.gql(query);
    expect(response.errors).toBeUndefined();
    return { statements: response.extensions!.sql!.statements, data: response.data };
  };

  const SESSIONS = `{ sessions(first: 100) { totalCount nodes { title forum { title organizers { name } }
      participants { role organization { name } speaker { fullName organization { name parent { name } } } } } } }`;

  it('lists 100 sessions with forum, participants, speakers and organisations in as many statements as 2', async () => {
    const few = await statements(small, SESSIONS.replace('first: 100', 'first: 2'));
    const many = await statements(large, SESSIONS);
    expect(few.data.sessions.nodes).toHaveLength(2);
    expect(many.data.sessions.nodes).toHaveLength(100);
    expect(many.statements).toBe(few.statements);
    // sessions, forums, organizers, participants, speakers, organisations (one loader for all
    // organisation look-ups in a tick), parents: nothing per row.
    expect(many.statements).toBeLessThanOrEqual(8);
  });

  const FORUMS = `{ forums(first: 100) { totalCount nodes { title
      sessions(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { title speakers(first: 1) { totalCount nodes { fullName } } } }
      speakers(first: 3) { totalCount nodes { fullName } } } } }`;

  it('batches nested connections with per-parent first and totalCount: one statement per level', async () => {
    const few = await statements(small, FORUMS);
    const many = await statements(large, FORUMS);
    const withSessions = many.data.forums.nodes.filter((f: any) => f.title.startsWith('Синтетический'));
    expect(withSessions).toHaveLength(10);
    for (const forum of withSessions) {
      expect(forum.sessions.totalCount).toBe(10);
      expect(forum.sessions.nodes).toHaveLength(5);
      expect(forum.sessions.pageInfo.hasNextPage).toBe(true);
      expect(forum.speakers.totalCount).toBe(20);
      for (const session of forum.sessions.nodes) expect(session.speakers.totalCount).toBe(2);
    }
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBe(4);
  });

  it('pages nested connections from a cursor for every parent in one statement', async () => {
    const first = await statements(large, `{ forums(first: 100) { nodes { sessions(first: 3) { pageInfo { endCursor } } } } }`);
    const cursor = first.data.forums.nodes.find((f: any) => f.sessions.pageInfo.endCursor)?.sessions.pageInfo.endCursor;
    const next = await statements(large, `{ forums(first: 100) { nodes { title sessions(first: 3, after: ${JSON.stringify(cursor)}) { totalCount pageInfo { hasPreviousPage } nodes { title } } } } }`);
    expect(next.statements).toBe(2);
  });

  it('cluster events with their clusters, regions and members stay flat', async () => {
    const query = `{ clusterEvents(first: 100) { nodes { title clusters(first: 5) { totalCount nodes { name region { name federalDistrict { name } } members { organization { name } } } } } } }`;
    const few = await statements(small, query);
    const many = await statements(large, query);
    const linked = many.data.clusterEvents.nodes.filter((e: any) => e.clusters.totalCount > 0);
    expect(linked.length).toBeGreaterThan(50);
    for (const event of linked) expect(event.clusters.nodes).toHaveLength(3);
    expect(many.statements).toBe(few.statements);
  });

  it('a cluster lists its events and the event its clusters (the synthetic links)', async () => {
    const response = await statements(large, `{ clusters(where: { name: { equals: "Синтетический кластер 0" } }) { nodes { name events(first: 10) { totalCount nodes { clusters(first: 10) { nodes { name } } } } } } }`);
    const cluster = response.data.clusters.nodes.find((c: any) => c.name === 'Синтетический кластер 0');
    expect(cluster.events.totalCount).toBe(3);
    for (const event of cluster.events.nodes) {
      expect(event.clusters.nodes.map((c: any) => c.name)).toContain('Синтетический кластер 0');
    }
  });
});
