import { toGlobalId } from '../../src/shared/global-id';
import { type TestApp, dataOf } from './app';

/*
 * Forums written through the mutations, for the suites of what follows a write (the outbox and
 * its pruning, the subscriptions, the outbox signal): the mutations, and a draft forum or its
 * publication in one call.
 */

/** A publication of the real data set: what a new record cites as its source. */
export const NEWS_SOURCE = toGlobalId('Publication', 'news-main');
export const BURYATIA = toGlobalId('Region', 'RU-BU');

/** The forum mutations, each answering the record's id (and version) and its userErrors. */
export const FORUM_MUTATIONS = {
  create: 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id version } userErrors { code message } } }',
  update: 'mutation ($input: UpdateForumInput!) { updateForum(input: $input) { forum { id version } userErrors { code message } } }',
  publish: 'mutation ($input: PublishInput!) { publish(input: $input) { published { id } userErrors { code message } } }',
  unpublish: 'mutation ($input: PublishInput!) { unpublish(input: $input) { published { id } userErrors { code message } } }',
  delete: 'mutation ($input: DeleteInput!) { deleteForum(input: $input) { deletedId userErrors { code message } } }',
} as const;

/** Creates a draft forum titled `title` in Buryatia, citing the news page, as `token` (an EDITOR): its global ID. */
export async function createDraftForum(app: Pick<TestApp, 'gql'>, token: string, title: string): Promise<string> {
  const created = dataOf(await app.gql(FORUM_MUTATIONS.create, { input: { title, regionId: BURYATIA, sourceIds: [NEWS_SOURCE] } }, { token })).createForum;
  expect(created.userErrors).toEqual([]);
  return created.forum.id;
}

/** Publishes (or unpublishes) version `version` of record `id` as `token` (a PUBLISHER), expecting no userErrors. */
export async function publishRecord(app: Pick<TestApp, 'gql'>, token: string, id: string, version: number, mutation: 'publish' | 'unpublish' = 'publish'): Promise<void> {
  const answer = dataOf(await app.gql(FORUM_MUTATIONS[mutation], { input: { targets: [{ id, expectedVersion: version }] } }, { token }));
  expect(answer[mutation].userErrors).toEqual([]);
}
