import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * What a change of a record's link records leaves in both stages: the rows it no longer has are
 * gone, and so are the search documents' words they gave other records.
 */

let app: TestApp;
let editor: string;
let publisher: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, publisher } = await tokens(app, 'rows'));
}, 90_000);
afterAll(() => app?.close());

const SOURCE = toGlobalId('Publication', 'news-main');
const MAKLINA = toGlobalId('Speaker', 'maklina-elena');
const NEUMYVAKIN = toGlobalId('Speaker', 'neumyvakin-viktor');
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { userErrors { code message } } }';
const UPDATE = 'mutation ($input: UpdateSessionInput!) { updateSession(input: $input) { session { participants { speaker { id } position } } userErrors { code message } } }';

/** The speakers a search for `word` finds in `stage`. */
async function speakersFound(word: string, stage: 'DRAFT' | 'PUBLISHED'): Promise<string[]> {
  const answer = await app.gql(`{ search(query: "${word}", types: [SPEAKER], stage: ${stage}) { nodes { node { id } } } }`, undefined, { token: editor });
  return dataOf(answer).search.nodes.map((n: { node: { id: string } }) => n.node.id);
}

describe('a session whose participants change', () => {
  it('keeps no row of a participant it dropped, in either stage, nor its position in the speaker’s search document', async () => {
    const created = dataOf(
      await app.gql(
        'mutation ($input: CreateSessionInput!) { createSession(input: $input) { session { id } userErrors { code message } } }',
        { input: { title: 'Сессия маяков', kind: 'PLENARY', forumId: toGlobalId('Forum', 'baikal-education-forum-7'), participants: [{ speakerId: MAKLINA, role: 'SPEAKER', position: 'смотритель маяков' }], sourceIds: [SOURCE] } },
        { token: editor },
      ),
    ).createSession;
    expect(created.userErrors).toEqual([]);
    const { id } = created.session;
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect(await speakersFound('смотритель', 'PUBLISHED')).toEqual([MAKLINA]);

    const updated = dataOf(await app.gql(UPDATE, { input: { id, expectedVersion: 1, set: { participants: [{ speakerId: NEUMYVAKIN, role: 'SPEAKER', position: 'лектор' }] } } }, { token: editor })).updateSession;
    expect(updated).toEqual({ session: { participants: [{ speaker: { id: NEUMYVAKIN }, position: 'лектор' }] }, userErrors: [] });
    const rows = (stage: 'draft' | 'published') => (stage === 'draft' ? app.draft! : app.database).read("SELECT speaker_id AS s, position AS p FROM participation WHERE session_id = 'sessiya-mayakov'", []);
    expect(await rows('draft')).toEqual([{ s: 'neumyvakin-viktor', p: 'лектор' }]);
    expect(await speakersFound('смотритель', 'DRAFT')).toEqual([]);
    // The published stage has the first version until it is published.
    expect(await speakersFound('смотритель', 'PUBLISHED')).toEqual([MAKLINA]);

    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect(await rows('published')).toEqual([{ s: 'neumyvakin-viktor', p: 'лектор' }]);
    expect(await speakersFound('смотритель', 'PUBLISHED')).toEqual([]);
    expect(await speakersFound('лектор', 'PUBLISHED')).toEqual([NEUMYVAKIN]);
  });

  it('leaves no position of the published version’s participants once deleted, whatever its draft names', async () => {
    const created = dataOf(
      await app.gql(
        'mutation ($input: CreateSessionInput!) { createSession(input: $input) { session { id } userErrors { code message } } }',
        { input: { title: 'Сессия звездочётов', kind: 'PLENARY', forumId: toGlobalId('Forum', 'baikal-education-forum-7'), participants: [{ speakerId: MAKLINA, role: 'SPEAKER', position: 'звездочёт' }], sourceIds: [SOURCE] } },
        { token: editor },
      ),
    ).createSession;
    const { id } = created.session;
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(UPDATE, { input: { id, expectedVersion: 1, set: { participants: [{ speakerId: NEUMYVAKIN, role: 'SPEAKER' }] } } }, { token: editor })).updateSession.userErrors).toEqual([]);
    expect(await speakersFound('звездочёт', 'PUBLISHED')).toEqual([MAKLINA]);
    const deleted = dataOf(await app.gql('mutation ($input: DeleteInput!) { deleteSession(input: $input) { deletedId userErrors { code message } } }', { input: { id, expectedVersion: 2 } }, { token: publisher }));
    expect(deleted.deleteSession).toEqual({ deletedId: id, userErrors: [] });
    expect(await speakersFound('звездочёт', 'PUBLISHED')).toEqual([]);
  });
});

describe('a speaker whose affiliations change', () => {
  it('keeps no row of an affiliation it dropped', async () => {
    const created = dataOf(
      await app.gql(
        'mutation ($input: CreateSpeakerInput!) { createSpeaker(input: $input) { speaker { id } userErrors { code message } } }',
        {
          input: {
            fullName: 'Пробова Анна',
            sourceIds: [SOURCE],
            affiliations: [
              { organizationId: toGlobalId('Organization', 'minprosveshcheniya'), position: 'советник', sourceIds: [SOURCE] },
              { organizationId: toGlobalId('Organization', 'irpo'), position: 'хранитель архива', sourceIds: [SOURCE] },
            ],
          },
        },
        { token: editor },
      ),
    ).createSpeaker;
    expect(created.userErrors).toEqual([]);
    expect(await speakersFound('хранитель', 'DRAFT')).toEqual([created.speaker.id]);
    const updated = dataOf(
      await app.gql(
        'mutation ($input: UpdateSpeakerInput!) { updateSpeaker(input: $input) { speaker { affiliations { position } } userErrors { code message } } }',
        { input: { id: created.speaker.id, expectedVersion: 1, set: { affiliations: [{ organizationId: toGlobalId('Organization', 'minprosveshcheniya'), position: 'советник', sourceIds: [SOURCE] }] } } },
        { token: editor },
      ),
    ).updateSpeaker;
    expect(updated).toEqual({ speaker: { affiliations: [{ position: 'советник' }] }, userErrors: [] });
    expect(await app.draft!.read("SELECT id FROM affiliation WHERE speaker_id = 'probova-anna'", [])).toEqual([{ id: 'probova-anna/1' }]);
    expect(await speakersFound('хранитель', 'DRAFT')).toEqual([]);
  });
});

describe('quotes in the order they were created', () => {
  const CREATE = 'mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { quote { id } userErrors { code message } } }';
  const create = async (key: string, text: string) => {
    const answer = dataOf(await app.gql(CREATE, { input: { key, text, speakerId: MAKLINA, publicationId: SOURCE, sourceIds: [SOURCE] } }, { token: editor })).createQuote;
    expect(answer.userErrors).toEqual([]);
    return answer.quote.id as string;
  };

  it('a new quote goes after every other, an edited one keeps its place, a re-created one goes last', async () => {
    const before = await app.database.read("SELECT id, ordinal FROM quote ORDER BY ordinal", []);
    expect(before.map((q) => Number(q.ordinal))).toEqual(before.map((_, i) => i));
    const first = await create('order-first', 'первая');
    await create('order-second', 'вторая');
    const rows = async () => (await app.draft!.read("SELECT id, ordinal FROM quote WHERE id LIKE 'order-%' ORDER BY ordinal", [])).map((q) => [q.id, Number(q.ordinal)]);
    expect(await rows()).toEqual([['order-first', before.length], ['order-second', before.length + 1]]);

    const edit = 'mutation ($input: UpdateQuoteInput!) { updateQuote(input: $input) { userErrors { code message } } }';
    expect(dataOf(await app.gql(edit, { input: { id: first, expectedVersion: 1, set: { text: 'первая, исправленная' } } }, { token: editor })).updateQuote.userErrors).toEqual([]);
    expect(await rows()).toEqual([['order-first', before.length], ['order-second', before.length + 1]]);

    const remove = 'mutation ($input: DeleteInput!) { deleteQuote(input: $input) { userErrors { code message } } }';
    expect(dataOf(await app.gql(remove, { input: { id: first, expectedVersion: 2 } }, { token: publisher })).deleteQuote.userErrors).toEqual([]);
    await create('order-first', 'первая снова');
    expect(await rows()).toEqual([['order-second', before.length + 1], ['order-first', before.length + 2]]);
  });
});
