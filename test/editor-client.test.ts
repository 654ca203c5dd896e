import { Client, fetchExchange } from '@urql/core';
import { toGlobalId } from '../src/shared/global-id';
import { CreateForumDraftDocument, ForumPreviewDocument, PublishRecordsDocument } from './generated/graphql';
import { type TestApp, startTestApp, tokens } from './support/app';

/**
 * The editor's flow with the typed client a frontend uses (urql and the documents GraphQL Code
 * Generator typed from test/operations/editor-flow.graphql): create a draft, preview it as DRAFT,
 * publish it, read it as a reader.
 */
let app: TestApp;
const as = (token?: string) =>
  new Client({ url: app.url, exchanges: [fetchExchange], requestPolicy: 'network-only', fetchOptions: token ? { headers: { authorization: `Bearer ${token}` } } : {} });

beforeAll(async () => {
  app = await startTestApp({ draft: true, env: { GRAPH_DEBUG: '0' } });
}, 90_000);
afterAll(() => app.close());

describe('an editorial frontend with a typed client', () => {
  it('creates, previews, publishes, and readers then see it', async () => {
    const issued = await tokens(app, 'client');
    const editor = as(issued.editor);
    const publisher = as(issued.publisher);
    const reader = as();

    const created = await editor
      .mutation(CreateForumDraftDocument, { input: { title: 'Форум типизированного клиента', city: 'Иркутск', sourceIds: [toGlobalId('Publication', 'news-main')] } })
      .toPromise();
    expect(created.error).toBeUndefined();
    expect(created.data?.createForum.userErrors).toEqual([]);
    const forum = created.data!.createForum.forum!;
    expect(forum).toMatchObject({ title: 'Форум типизированного клиента', version: 1, stage: 'DRAFT', liveSince: null });

    const preview = await editor.query(ForumPreviewDocument, { id: forum.id, stage: 'DRAFT' }).toPromise();
    expect(preview.data?.node).toMatchObject({ __typename: 'Forum', title: 'Форум типизированного клиента', stage: 'DRAFT' });
    expect((await reader.query(ForumPreviewDocument, { id: forum.id }).toPromise()).data?.node).toBeNull();
    const forbidden = await reader.query(ForumPreviewDocument, { id: forum.id, stage: 'DRAFT' }).toPromise();
    expect(forbidden.error?.graphQLErrors[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = await publisher.mutation(PublishRecordsDocument, { targets: [{ id: forum.id, expectedVersion: forum.version }] }).toPromise();
    expect(published.data?.publish).toEqual({ published: [{ id: forum.id }], userErrors: [] });

    const read = await reader.query(ForumPreviewDocument, { id: forum.id }).toPromise();
    const node = read.data?.node;
    if (node?.__typename !== 'Forum') throw new Error(`expected a Forum, got ${node?.__typename}`);
    expect(node).toMatchObject({ title: 'Форум типизированного клиента', city: 'Иркутск', version: 1, stage: 'PUBLISHED' });
    expect(node.liveSince).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
