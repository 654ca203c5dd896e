import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface PageResult {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

/** Reads a connection page by page, forwards (first/after) or backwards (last/before). */
async function walk(list: string, args: string, size: number, backward: boolean) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let total = -1;
  for (let guard = 0; guard < 200; guard++) {
    const paging: string = backward
      ? `last: ${size}${cursor ? `, before: ${JSON.stringify(cursor)}` : ''}`
      : `first: ${size}${cursor ? `, after: ${JSON.stringify(cursor)}` : ''}`;
    const data = dataOf(await app.gql(`{ page: ${list}(${paging}${args}) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`));
    const page: PageResult = data.page;
    total = page.totalCount;
    const pageIds = page.edges.map((e) => e.node.id);
    expect(page.edges.length).toBeLessThanOrEqual(size);
    if (page.edges.length > 0) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }
    if (backward) {
      ids.unshift(...pageIds);
      expect(page.pageInfo.hasNextPage).toBe(cursor !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      cursor = page.pageInfo.startCursor;
    } else {
      ids.push(...pageIds);
      expect(page.pageInfo.hasPreviousPage).toBe(cursor !== null);
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
  }
  return { ids, total };
}

async function allAtOnce(list: string, args: string): Promise<string[]> {
  const data = dataOf(await app.gql(`{ page: ${list}(first: 100${args}) { nodes { id } } }`));
  return data.page.nodes.map((n: { id: string }) => n.id);
}

describe('walking a connection page by page', () => {
  const cases: [string, string][] = [
    ['regions', ''],
    ['regions', ', orderBy: [{isoCode: DESC}]'],
    ['publications', ''],
    ['publications', ', orderBy: [{publishedAt: ASC}, {title: DESC}]'],
    ['sessions', ', orderBy: [{kind: ASC}, {date: DESC}]'],
    ['clusterEvents', ''],
    ['clusterEvents', ', orderBy: [{kind: DESC}, {startDate: DESC}, {title: ASC}]'],
    ['figures', ''],
    ['organizations', ', orderBy: [{kind: ASC}]'],
    ['forums', ', orderBy: [{edition: DESC}]'],
    ['clusters', ', orderBy: [{launchYear: ASC}, {industry: DESC}]'],
  ];

  it.each(cases)('%s%s: forwards and backwards give every row once, in the same order as one page', async (list, args) => {
    const expected = await allAtOnce(list, args);
    for (const size of [1, 3, 7]) {
      const forward = await walk(list, args, size, false);
      expect(forward.ids).toEqual(expected);
      expect(new Set(forward.ids).size).toBe(forward.total);
      const backward = await walk(list, args, size, true);
      expect(backward.ids).toEqual(expected);
    }
  });

  it('walks a nested connection page by page', async () => {
    const district = toGlobalId('FederalDistrict', 'central');
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const data: any = dataOf(await app.gql(`query($id: ID!, $after: String) { node(id: $id) { ... on FederalDistrict {
        regions(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } } } } }`, { id: district, after }));
      const regions: any = data.node.regions;
      total = regions.totalCount;
      ids.push(...regions.nodes.map((r: { id: string }) => r.id));
      after = regions.pageInfo.hasNextPage ? regions.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(18);
    expect(ids).toHaveLength(18);
    expect(new Set(ids).size).toBe(18);
  });

  it('orders Cyrillic text case-insensitively, the same on every database', async () => {
    const data = dataOf(await app.gql(`{ regions(first: 5) { nodes { name } } last: regions(last: 2) { nodes { name } } }`));
    expect(data.regions.nodes.map((r: { name: string }) => r.name)).toEqual(['Адыгея', 'Алтай', 'Алтайский', 'Амурская', 'Архангельская']);
    expect(data.last.nodes.map((r: { name: string }) => r.name)).toEqual(['Ямало-Ненецкий', 'Ярославская']);
  });

  it('sorts unknown dates last going up and first going down', async () => {
    const asc = dataOf(await app.gql(`{ forums(orderBy: [{startDate: ASC}]) { nodes { edition startDate { iso } } } }`));
    expect(asc.forums.nodes.map((f: any) => f.startDate?.iso ?? null)).toEqual(['2013-07-03', '2015-07-01', '2023-11-04', null]);
    const desc = dataOf(await app.gql(`{ forums(orderBy: [{startDate: DESC}]) { nodes { startDate { iso } } } }`));
    expect(desc.forums.nodes.map((f: any) => f.startDate?.iso ?? null)).toEqual([null, '2023-11-04', '2015-07-01', '2013-07-03']);
  });

  it('first: 0 gives an empty page that still counts', async () => {
    const data = dataOf(await app.gql(`{ regions(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage startCursor } } }`));
    expect(data.regions).toEqual({ totalCount: 86, edges: [], pageInfo: { hasNextPage: true, startCursor: null } });
  });

  it('a page after the last row is empty with an exact totalCount', async () => {
    const all = dataOf(await app.gql(`{ forums(first: 100) { pageInfo { endCursor } } }`));
    const data = dataOf(await app.gql(`query($after: String) { forums(first: 10, after: $after) { totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage } } }`, { after: all.forums.pageInfo.endCursor }));
    expect(data.forums).toEqual({ totalCount: 4, nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });

  it('without first or last a page holds 20 rows', async () => {
    const data = dataOf(await app.gql(`{ regions { totalCount nodes { id } pageInfo { hasNextPage } } }`));
    expect(data.regions.nodes).toHaveLength(20);
    expect(data.regions.pageInfo.hasNextPage).toBe(true);
  });
});

describe('paging arguments that are refused', () => {
  const refused = async (query: string, variables?: Record<string, unknown>) => {
    const response = await app.gql(query, variables);
    expect(response.data?.page ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    return response.errors![0];
  };

  it.each([
    ['first: -1', /first: expected an integer from 0 to 100; received -1/],
    ['first: 101', /first: expected an integer from 0 to 100; received 101/],
    ['last: 1000', /last: expected an integer from 0 to 100; received 1000/],
    ['first: 2, last: 2', /expected one of first or last; received both/],
    ['after: "bm9wZQ"', /after: expected a cursor from this connection's edges \(not a cursor\); received "bm9wZQ"/],
    ['before: "%%%"', /before: expected a cursor from this connection's edges \(not a cursor\)/],
    ['orderBy: [{name: ASC, isoCode: DESC}]', /orderBy\[0\]: expected exactly one field per element/],
    ['orderBy: [{}]', /orderBy\[0\]: expected exactly one field per element/],
  ])('%s is BAD_USER_INPUT with a message saying what was expected', async (args, message) => {
    const error = await refused(`{ page: regions(${args}) { nodes { id } } }`);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('a cursor made under one ordering is refused under another', async () => {
    const data = dataOf(await app.gql(`{ regions(first: 2) { pageInfo { endCursor } } }`));
    const error = await refused(`query($after: String) { page: regions(first: 2, after: $after, orderBy: [{isoCode: ASC}]) { nodes { id } } }`, { after: data.regions.pageInfo.endCursor });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/made for another ordering/);
  });

  it('a bad argument on a nested connection names its path and the server keeps serving', async () => {
    const response = await app.gql(`{ federalDistricts(first: 1) { nodes { name regions(first: 500) { totalCount } } } }`);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].path).toEqual(['federalDistricts', 'nodes', 0, 'regions']);
    const after = dataOf(await app.gql(`{ federalDistricts { totalCount } }`));
    expect(after.federalDistricts.totalCount).toBe(8);
  });
});
