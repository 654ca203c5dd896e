import type { GraphQLObjectType } from 'graphql';
import { EDGE_KINDS } from '../src/modules/graph/graph.edges';
import { createSchema } from '../src/schema';
import { NODE_TYPES } from '../src/modules/catalog';
import { fromGlobalId, toGlobalId } from '../src/shared/global-id';
import { type GraphQLResponse, type TestApp, dataOf, startTestApp } from './support/app';
import { startSmallAndLarge } from './support/synthetic';

/**
 * Relation exploration over the real data set: `neighbors` and `path`, their caps and errors,
 * and the number of statements they run, which depends on the depth, never on the graph's size.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const SPEAKER = toGlobalId('Speaker', 'neumyvakin-viktor');
const SESSION = toGlobalId('Session', 'baikal-8-strategic-session');
const FORUM = toGlobalId('Forum', 'baikal-education-forum-8');
const TELEGRAM = toGlobalId('Publication', 'ref-telegram-baikal-forum-8');
const AGREEMENTS = toGlobalId('ClusterEvent', 'championship-partner-agreements-2024-04-16');
const OPEN_DAY = toGlobalId('ClusterEvent', 'open-day-2024-04-20');

const NEIGHBORS = `query ($id: ID!, $depth: Int, $types: [NodeKind!], $first: Int, $limit: Int) {
  neighbors(id: $id, depth: $depth, types: $types, first: $first, limit: $limit) {
    origin { id } depth totalCount visited truncated limit
    nodes { depth node { __typename id } via { relation direction from { id } to { id } } }
  } }`;

const PATH = `query ($from: ID!, $to: ID!, $maxDepth: Int, $limit: Int) {
  path(from: $from, to: $to, maxDepth: $maxDepth, limit: $limit) {
    maxDepth visited truncated limit
    path { length nodes { __typename id } edges { relation direction from { id } to { id } } }
  } }`;

/** "Type:key" of a global ID, for readable expectations. */
const name = (id: string) => {
  const { type, key } = fromGlobalId(id);
  return `${type}:${key}`;
};

/** A neighbour as "depth Type:key <- relation DIRECTION Type:key", in the order of the answer. */
const lines = (neighborhood: any) =>
  neighborhood.nodes.map((n: any) => `${n.depth} ${name(n.node.id)} <- ${n.via.relation} ${n.via.direction} ${name(n.via.from.id)}`);

/** A path as "Type:key -relation DIRECTION-> Type:key" per edge. */
const chain = (path: any) => path.edges.map((e: any) => `${name(e.from.id)} -${e.relation} ${e.direction}-> ${name(e.to.id)}`);

function badInput(response: GraphQLResponse, argument: string, message: RegExp) {
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(response.errors![0].extensions?.argument).toBe(argument);
  expect(response.errors![0].message).toMatch(message);
}

describe('neighbors', () => {
  it('lists the direct neighbours of a speaker with the edge that reached each, in a fixed order', async () => {
    const response = await app.gql(NEIGHBORS, { id: SPEAKER });
    const { neighbors } = dataOf(response);
    expect(lines(neighbors)).toEqual([
      '1 Publication:news-main <- Publication.mentions IN Speaker:neumyvakin-viktor',
      '1 Publication:ref-news-mail-67966173 <- Publication.mentions IN Speaker:neumyvakin-viktor',
      '1 Quote:neumyvakin-base-organization-status <- Quote.speaker IN Speaker:neumyvakin-viktor',
      '1 Quote:neumyvakin-opc-human-capital-centres <- Quote.speaker IN Speaker:neumyvakin-viktor',
      '1 Organization:minprosveshcheniya-dgp-spo <- Speaker.organization OUT Speaker:neumyvakin-viktor',
      '1 Session:baikal-8-strategic-session <- Speaker.sessions OUT Speaker:neumyvakin-viktor',
    ]);
    for (const n of neighbors.nodes) expect(n.via.to.id).toBe(n.node.id);
    expect(neighbors).toMatchObject({ origin: { id: SPEAKER }, depth: 1, totalCount: 6, visited: 7, truncated: false, limit: 2000 });
    // the start, one level, then the nodes by type: Publication, Quote, Organization, Session.
    expect(response.extensions!.sql!.statements).toBe(6);
  });

  it('reaches the forum at depth 2 through the session, and walks relations backwards (IN)', async () => {
    const { neighbors } = dataOf(await app.gql(NEIGHBORS, { id: SPEAKER, depth: 2 }));
    const found = lines(neighbors);
    expect(found.slice(0, 6).every((line: string) => line.startsWith('1 '))).toBe(true);
    expect(found).toContain('2 Forum:baikal-education-forum-8 <- Session.forum OUT Session:baikal-8-strategic-session');
    expect(found).toContain('2 Organization:minprosveshcheniya <- Organization.parent OUT Organization:minprosveshcheniya-dgp-spo');
    expect(found).toContain('2 Speaker:maklina-elena <- Publication.mentions OUT Publication:news-main');
    expect(neighbors).toMatchObject({ totalCount: 16, visited: 17, truncated: false });

    const forum = dataOf(await app.gql(NEIGHBORS, { id: FORUM }));
    expect(lines(forum.neighbors).map((line: string) => line.replace(/ Forum:baikal-education-forum-8$/, ''))).toEqual([
      '1 Organization:minprosveshcheniya <- Forum.organizers OUT',
      '1 Region:RU-BU <- Forum.region OUT',
      '1 Publication:news-main <- Publication.mentions IN',
      '1 Publication:ref-novosti-saratova-383003 <- Publication.mentions IN',
      '1 Publication:ref-telegram-baikal-forum-8 <- Publication.mentions IN',
      '1 Session:baikal-8-closing-discussion <- Session.forum IN',
      '1 Session:baikal-8-project-session-quality-assessment <- Session.forum IN',
      '1 Session:baikal-8-project-session-regional-ecosystem <- Session.forum IN',
      '1 Session:baikal-8-project-session-teaching-staff <- Session.forum IN',
      '1 Session:baikal-8-strategic-session <- Session.forum IN',
    ]);
  });

  it('`types` picks what is listed; the walk still crosses every type', async () => {
    const { neighbors } = dataOf(await app.gql(NEIGHBORS, { id: SPEAKER, depth: 2, types: ['FORUM', 'ORGANIZATION'] }));
    expect(lines(neighbors)).toEqual([
      '1 Organization:minprosveshcheniya-dgp-spo <- Speaker.organization OUT Speaker:neumyvakin-viktor',
      '2 Organization:minprosveshcheniya <- Organization.parent OUT Organization:minprosveshcheniya-dgp-spo',
      '2 Organization:irpo <- Publication.mentions OUT Publication:news-main',
      '2 Organization:irpo-regional-spo-programmes-centre <- Publication.mentions OUT Publication:news-main',
      '2 Forum:baikal-education-forum-8 <- Session.forum OUT Session:baikal-8-strategic-session',
    ]);
    expect(neighbors).toMatchObject({ totalCount: 5, visited: 17 });
  });

  it('depth 0 lists nothing; `first` cuts the list but not totalCount', async () => {
    const zero = await app.gql(NEIGHBORS, { id: SPEAKER, depth: 0 });
    expect(dataOf(zero).neighbors).toMatchObject({ nodes: [], totalCount: 0, visited: 1, truncated: false });
    expect(zero.extensions!.sql!.statements).toBe(1);
    const dataset = dataOf(await app.gql(NEIGHBORS, { id: toGlobalId('Publication', 'dadata-regions'), first: 3 }));
    expect(lines(dataset.neighbors).map((line: string) => line.split(' ')[1])).toEqual([
      'FederalDistrict:central',
      'FederalDistrict:far-eastern',
      'FederalDistrict:north-caucasian',
    ]);
    expect(dataset.neighbors).toMatchObject({ totalCount: 94, visited: 95, truncated: false });
  });

  it('stops at the visited cap and says so, keeping the same nodes on every run', async () => {
    const { neighbors } = dataOf(await app.gql(NEIGHBORS, { id: SPEAKER, depth: 3, limit: 4 }));
    expect(lines(neighbors)).toEqual([
      '1 Quote:neumyvakin-base-organization-status <- Quote.speaker IN Speaker:neumyvakin-viktor',
      '1 Organization:minprosveshcheniya-dgp-spo <- Speaker.organization OUT Speaker:neumyvakin-viktor',
      '1 Session:baikal-8-strategic-session <- Speaker.sessions OUT Speaker:neumyvakin-viktor',
    ]);
    expect(neighbors).toMatchObject({ visited: 4, truncated: true, limit: 4 });
    const hub = dataOf(await app.gql(NEIGHBORS, { id: toGlobalId('Publication', 'dadata-regions'), limit: 50 }));
    expect(hub.neighbors).toMatchObject({ totalCount: 49, visited: 50, truncated: true });
  });

  it('gives null for an unknown ID of a known type', async () => {
    const response = await app.gql(NEIGHBORS, { id: toGlobalId('Speaker', 'no-such-speaker'), depth: 3 });
    expect(dataOf(response).neighbors).toBeNull();
    expect(response.extensions!.sql!.statements).toBe(1);
  });

  it('refuses bad arguments with BAD_USER_INPUT saying what was expected', async () => {
    badInput(await app.gql(NEIGHBORS, { id: SPEAKER, depth: 4 }), 'depth', /^depth: expected an integer from 0 to 3; received 4$/);
    badInput(await app.gql(NEIGHBORS, { id: SPEAKER, depth: -1 }), 'depth', /received -1/);
    badInput(await app.gql(NEIGHBORS, { id: SPEAKER, limit: 2001 }), 'limit', /^limit: expected an integer from 1 to 2000; received 2001$/);
    badInput(await app.gql(NEIGHBORS, { id: SPEAKER, first: 1001 }), 'first', /from 0 to 1000/);
    badInput(await app.gql(NEIGHBORS, { id: SPEAKER, types: [] }), 'types', /expected at least one type/);
    badInput(await app.gql(NEIGHBORS, { id: 'not an id' }), 'id', /expected a global ID/);
  });
});

describe('path', () => {
  it('finds speaker → session → forum → publication', async () => {
    const response = await app.gql(PATH, { from: SPEAKER, to: TELEGRAM });
    const { path } = dataOf(response);
    expect(path.path.length).toBe(3);
    expect(path.path.nodes.map((n: any) => n.id)).toEqual([SPEAKER, SESSION, FORUM, TELEGRAM]);
    expect(path.path.nodes.map((n: any) => n.__typename)).toEqual(['Speaker', 'Session', 'Forum', 'Publication']);
    expect(chain(path.path)).toEqual([
      'Speaker:neumyvakin-viktor -Speaker.sessions OUT-> Session:baikal-8-strategic-session',
      'Session:baikal-8-strategic-session -Session.forum OUT-> Forum:baikal-education-forum-8',
      'Forum:baikal-education-forum-8 -Publication.mentions IN-> Publication:ref-telegram-baikal-forum-8',
    ]);
    expect(path).toMatchObject({ maxDepth: 4, truncated: false, limit: 2000 });
    // both ends (two types), three levels, then Session, Forum (the ends are cached).
    expect(response.extensions!.sql!.statements).toBe(2 + 3 + 2);

    const back = dataOf(await app.gql(PATH, { from: TELEGRAM, to: SPEAKER })).path.path;
    expect(back.nodes.map((n: any) => n.id)).toEqual([TELEGRAM, FORUM, SESSION, SPEAKER]);
    expect(back.edges.map((e: any) => e.direction)).toEqual(['OUT', 'IN', 'IN']);
  });

  it('reaches a cluster event: the article mentions ИРПО, which signed the agreements', async () => {
    const { path } = dataOf(await app.gql(PATH, { from: SPEAKER, to: AGREEMENTS }));
    expect(chain(path.path)).toEqual([
      'Speaker:neumyvakin-viktor -Publication.mentions IN-> Publication:news-main',
      'Publication:news-main -Publication.mentions OUT-> Organization:irpo',
      'Organization:irpo -ClusterEvent.organizations IN-> ClusterEvent:championship-partner-agreements-2024-04-16',
    ]);
  });

  it('a node is at distance 0 from itself', async () => {
    const { path } = dataOf(await app.gql(PATH, { from: SPEAKER, to: SPEAKER }));
    expect(path.path).toEqual({ length: 0, nodes: [{ __typename: 'Speaker', id: SPEAKER }], edges: [] });
  });

  it('gives null beyond maxDepth, and the path once maxDepth allows it', async () => {
    const short = dataOf(await app.gql(PATH, { from: SPEAKER, to: OPEN_DAY, maxDepth: 4 })).path;
    expect(short).toMatchObject({ path: null, maxDepth: 4, truncated: false });
    const long = dataOf(await app.gql(PATH, { from: SPEAKER, to: OPEN_DAY, maxDepth: 5 })).path;
    expect(long.path.length).toBe(5);
    expect(long.path.nodes).toHaveLength(6);
    long.path.edges.forEach((edge: any, i: number) => {
      expect(edge.from.id).toBe(long.path.nodes[i].id);
      expect(edge.to.id).toBe(long.path.nodes[i + 1].id);
    });
  });

  it('stops at the visited cap and says so', async () => {
    const { path } = dataOf(await app.gql(PATH, { from: SPEAKER, to: OPEN_DAY, maxDepth: 6, limit: 10 }));
    expect(path).toMatchObject({ path: null, visited: 10, truncated: true, limit: 10 });
  });

  it('gives a null path for an unknown ID of a known type', async () => {
    const { path } = dataOf(await app.gql(PATH, { from: SPEAKER, to: toGlobalId('Forum', 'no-such-forum') }));
    expect(path).toMatchObject({ path: null, visited: 0, truncated: false });
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    badInput(await app.gql(PATH, { from: SPEAKER, to: FORUM, maxDepth: 7 }), 'maxDepth', /^maxDepth: expected an integer from 1 to 6; received 7$/);
    badInput(await app.gql(PATH, { from: SPEAKER, to: FORUM, maxDepth: 0 }), 'maxDepth', /received 0/);
    badInput(await app.gql(PATH, { from: SPEAKER, to: FORUM, limit: 1 }), 'limit', /from 2 to 2000/);
    badInput(await app.gql(PATH, { from: SPEAKER, to: 'Zm9v' }), 'to', /expected a global ID/);
  });
});

describe('statements per walk', () => {
  let small: TestApp;
  let large: TestApp;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ small, large, close } = await startSmallAndLarge());
  });
  afterAll(() => close());

  const run = async (target: TestApp, query: string, variables: Record<string, unknown>) => {
    const response = await target.gql(query, variables);
    return { data: dataOf(response), statements: response.extensions!.sql!.statements };
  };
  /** The brief's bound: the start, a statement per level for every relation and direction, a load per node type. */
  const bound = (levels: number) => 1 + levels * EDGE_KINDS.length * 2 + NODE_TYPES.length;

  it('depth-3 neighbours of a forum: one statement per level, one load per type, at any size', async () => {
    const variables = { id: toGlobalId('Forum', 'synthetic-forum-0'), depth: 3, first: 1000 };
    const few = await run(small, NEIGHBORS, variables);
    const many = await run(large, NEIGHBORS, variables);
    expect(few.data.neighbors.visited).toBe(1 + 2 + 4 + 4);
    expect(many.data.neighbors.visited).toBe(1 + 10 + 20 + 20);
    // the start, three levels, then Session, Speaker and Organization.
    expect(few.statements).toBe(7);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(bound(3));
  });

  it('depth-3 neighbours of ИРПО, a member of every synthetic cluster, cost the same over 3 clusters or 100', async () => {
    const variables = { id: toGlobalId('Organization', 'irpo'), depth: 3, first: 1000 };
    const few = await run(small, NEIGHBORS, variables);
    const many = await run(large, NEIGHBORS, variables);
    expect(many.data.neighbors.visited).toBeGreaterThan(few.data.neighbors.visited + 100);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(bound(3));
  });

  it('a path costs its length in levels, at any size', async () => {
    const variables = { from: toGlobalId('ClusterEvent', 'synthetic-event-0'), to: SPEAKER, maxDepth: 6 };
    const few = await run(small, PATH, variables);
    const many = await run(large, PATH, variables);
    expect(chain(few.data.path.path)).toEqual(chain(many.data.path.path));
    expect(few.data.path.path.length).toBe(4);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(2 + 4 + NODE_TYPES.length);
  });
});

describe('the edges, as the domains declare them', () => {
  it('name, as each reverse, a field of the type the edge reaches', async () => {
    const schema = await createSchema();
    const fieldsOf = (type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields());
    for (const kind of EDGE_KINDS) {
      expect(fieldsOf(kind.source)).toContain(kind.name.split('.')[1]);
      if (kind.reverse === null) continue;
      const [type, field] = kind.reverse.split('.');
      if (type === 'X') {
        expect(NODE_TYPES.filter((t) => fieldsOf(t).includes(field)).length).toBeGreaterThan(1);
      } else {
        expect(type).toBe(kind.target);
        expect(fieldsOf(type)).toContain(field);
      }
    }
  });
});
