import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('node and nodes', () => {
  it('resolves every kind of node by its global ID', async () => {
    const ids = {
      Forum: toGlobalId('Forum', 'baikal-education-forum-8'),
      Session: toGlobalId('Session', 'baikal-8-closing-discussion'),
      Speaker: toGlobalId('Speaker', 'maklina-elena'),
      Organization: toGlobalId('Organization', 'irpo'),
      Cluster: toGlobalId('Cluster', 'tkpst-transport'),
      ClusterEvent: toGlobalId('ClusterEvent', 'professionaly-final-2024'),
      FederalDistrict: toGlobalId('FederalDistrict', 'ural'),
      Region: toGlobalId('Region', 'RU-TYU'),
      Publication: toGlobalId('Publication', 'dadata-regions'),
      Quote: toGlobalId('Quote', 'maklina-project-analytic-session-architecture'),
      Figure: toGlobalId('Figure', 'clusters-2025-08'),
    };
    const data = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: Object.values(ids) }));
    expect(data.nodes).toEqual(Object.entries(ids).map(([type, id]) => ({ __typename: type, id })));
  });

  it('IDs are stable: derived from the type and the natural key, the same on every load and database', async () => {
    expect(toGlobalId('Forum', 'baikal-education-forum-8')).toBe('Rm9ydW06YmFpa2FsLWVkdWNhdGlvbi1mb3J1bS04');
    const data = dataOf(await app.gql(`{ forums { nodes { id edition } } }`));
    expect(data.forums.nodes.find((f: { edition: number }) => f.edition === 8).id).toBe('Rm9ydW06YmFpa2FsLWVkdWNhdGlvbi1mb3J1bS04');
  });

  it('an unknown key of a known type gives null', async () => {
    const data = dataOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('Forum', 'no-such-forum') }));
    expect(data.node).toBeNull();
    const many = dataOf(await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [toGlobalId('Region', 'RU-BU'), toGlobalId('Region', 'RU-XX')] }));
    expect(many.nodes).toEqual([{ id: toGlobalId('Region', 'RU-BU') }, null]);
  });

  it.each([
    ['not base64', '%%%'],
    ['base64 of no type', Buffer.from('hello').toString('base64url')],
    ['an unknown type', Buffer.from('Planet:mars').toString('base64url')],
    ['an empty key', Buffer.from('Forum:').toString('base64url')],
    ['an empty string', ''],
    ["SQL in an ID", "' OR 1=1 --"],
  ])('a malformed ID (%s) is BAD_USER_INPUT saying what an ID is', async (_name, id) => {
    const response = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/^id: expected a global ID as returned by this API .*; received /);
  });

  it('nodes names the bad index and refuses more than 100 IDs', async () => {
    const bad = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [toGlobalId('Region', 'RU-BU'), 'nope!'] });
    expect(bad.errors?.[0].message).toMatch(/^ids\[1\]: expected a global ID/);
    const many = await app.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill(toGlobalId('Region', 'RU-BU')) });
    expect(many.errors?.[0]).toMatchObject({ message: 'ids: expected at most 100 IDs; received 101', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
