import { Client, type OperationResult, fetchExchange } from '@urql/core';
import { toGlobalId } from '../src/shared/global-id';
import { ClusterMapDocument, EventCalendarDocument, type EventCalendarQuery, ForumPageDocument } from './generated/graphql';
import { type TestApp, startTestApp } from './support/app';

/**
 * The API as a frontend team uses it: urql with the documents that GraphQL Code Generator typed
 * from test/operations/*.graphql against schema/schema.graphql.
 */
let app: TestApp;
let client: Client;
beforeAll(async () => {
  app = await startTestApp({ env: { GRAPH_DEBUG: '0' } });
  client = new Client({ url: app.url, exchanges: [fetchExchange], requestPolicy: 'network-only' });
});
afterAll(() => app.close());

describe('a frontend with a typed GraphQL client', () => {
  it('renders the forum page', async () => {
    const result = await client.query(ForumPageDocument, { id: toGlobalId('Forum', 'baikal-education-forum-8') }).toPromise();
    expect(result.error).toBeUndefined();
    const forum = result.data?.node;
    if (forum?.__typename !== 'Forum') throw new Error(`expected a Forum, got ${forum?.__typename}`);
    expect(forum.title).toBe('VIII Байкальский образовательный форум');
    expect(forum.startDate).toBeNull();
    expect(forum.organizers.map((o) => o.name)).toEqual(['Минпросвещения России']);
    const strategic = forum.sessions.nodes.find((s) => s.kind === 'STRATEGIC_SESSION');
    expect(strategic?.participants[0].speaker.fullName).toBe('Виктор Неумывакин');
    expect(strategic?.quotes).toHaveLength(2);
  });

  it('pages through the event calendar with cursors', async () => {
    const titles: string[] = [];
    let after: string | null | undefined = null;
    let total = 0;
    do {
      const result: OperationResult<EventCalendarQuery> = await client.query(EventCalendarDocument, { first: 5, after }).toPromise();
      expect(result.error).toBeUndefined();
      const events: EventCalendarQuery['clusterEvents'] = result.data!.clusterEvents;
      total = events.totalCount;
      titles.push(...events.edges.map((e) => e.node.title));
      after = events.pageInfo.hasNextPage ? events.pageInfo.endCursor : null;
    } while (after);
    expect(titles).toHaveLength(total);
    expect(total).toBe(18);
    expect(titles[0]).toBe('Финал чемпионата «Профессионалы»');
  });

  it('draws the cluster map', async () => {
    const result = await client.query(ClusterMapDocument, {}).toPromise();
    expect(result.error).toBeUndefined();
    const districts = result.data!.federalDistricts.nodes;
    expect(districts).toHaveLength(8);
    const counts = Object.fromEntries(districts.map((d) => [d.name, d.clusters.totalCount]));
    expect(counts).toMatchObject({ Сибирский: 2, Центральный: 4, Уральский: 6 });
    const kaluga = districts.flatMap((d) => d.clusters.nodes).find((c) => c.region?.isoCode === 'RU-KLU');
    expect(kaluga?.members).toEqual([{ role: 'BASE_COLLEGE', organization: { name: 'Калужский технический колледж', kind: 'COLLEGE' } }]);
  });

  it('sees a refused argument as a typed error', async () => {
    const result = await client.query(EventCalendarDocument, { first: 1000 }).toPromise();
    expect(result.error?.graphQLErrors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
