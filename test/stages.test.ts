import { rebuildAfterWritesNow } from '../src/derived-data';
import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, alsoServe, dataOf, startTestApp, tokens } from './support/app';

/*
 * The two stages: a record that exists only as a draft, and the draft of a published record, are
 * seen by an editor who asks for DRAFT, and by no reader on any path.
 */

let app: TestApp;
let editor: string;
let reader: string;
const MARK = `Черновикзапретный${Date.now().toString(36)}`;
const KEY = 'draft-only-forum';
const ID = toGlobalId('Forum', KEY);

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, reader } = await tokens(app, 'stage', ['EDITOR', 'READER']));
  // A new record that exists only as a draft, and a published record whose draft differs.
  const created = await app.gql(
    'mutation ($input: CreateForumInput!) { createForum(input: $input) { userErrors { message } } }',
    { input: { key: KEY, title: `Форум ${MARK}`, edition: 99, startDate: '2024-05-20', city: MARK, regionId: toGlobalId('Region', 'RU-BU'), theme: MARK, organizerIds: [toGlobalId('Organization', 'minprosveshcheniya')], sourceIds: [toGlobalId('Publication', 'news-main')] } },
    { token: editor },
  );
  expect(created.data?.createForum.userErrors).toEqual([]);
  const edited = await app.gql(
    'mutation ($input: UpdateForumInput!) { updateForum(input: $input) { userErrors { message } } }',
    { input: { id: toGlobalId('Forum', 'baikal-education-forum-8'), expectedVersion: 1, set: { title: `Байкальский ${MARK}`, theme: MARK, city: MARK } } },
    { token: editor },
  );
  expect(edited.data?.updateForum.userErrors).toEqual([]);
  await rebuildAfterWritesNow(app.draft!, app.database);
}, 90_000);
afterAll(() => app?.close());

const DRAFT_LIST = `{ forums(stage: DRAFT, where: { edition: { equals: 99 } }) { totalCount nodes { id title } } }`;

describe('reading the DRAFT stage', () => {
  it('is FORBIDDEN without a token and for a READER: 403, nothing read', async () => {
    for (const token of [undefined, reader]) {
      const answer = await app.post({ query: DRAFT_LIST }, { token });
      expect(answer.status).toBe(403);
      const { body } = answer;
      expect(body.data).toBeUndefined();
      expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(answer.text).not.toContain(MARK);
    }
  });

  it('is FORBIDDEN however the stage is given: a variable, a fragment, an alias', async () => {
    const shapes = [
      { query: 'query ($s: Stage!) { forums(stage: $s) { totalCount } }', variables: { s: 'DRAFT' } },
      { query: '{ ...F } fragment F on Query { forums(stage: DRAFT) { totalCount } }' },
      { query: '{ ... on Query { x: search(query: "форум", stage: DRAFT) { totalCount } } }' },
      { query: `{ node(id: "${ID}", stage: DRAFT) { id } }` },
      { query: `{ neighbors(id: "${toGlobalId('Region', 'RU-BU')}", stage: DRAFT) { totalCount } }` },
      { query: '{ forumStats(groupBy: [YEAR], stage: DRAFT) { count } }' },
    ];
    for (const shape of shapes) {
      const answer = await app.post(shape, { token: reader });
      expect({ shape, status: answer.status }).toEqual({ shape, status: 403 });
    }
  });

  it('reads the stage a variable\'s default gives: never PUBLISHED for an editor who asked DRAFT', async () => {
    const query = 'query ($s: Stage = DRAFT) { forums(stage: $s, where: { edition: { equals: 99 } }) { totalCount nodes { id } } }';
    const asEditor = await app.post({ query }, { token: editor });
    expect(asEditor.status).toBe(200);
    expect(asEditor.body.data).toEqual({ forums: { totalCount: 1, nodes: [{ id: ID }] } });
    // And, being a DRAFT read, it needs EDITOR like any other.
    for (const token of [undefined, reader]) {
      const answer = await app.post({ query }, { token });
      expect(answer.status).toBe(403);
      expect(answer.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(answer.text).not.toContain(MARK);
    }
    // A variable given overrides its default, as graphql-js executes it.
    const published = await app.post({ query, variables: { s: 'PUBLISHED' } });
    expect(published.body.data).toEqual({ forums: { totalCount: 0, nodes: [] } });
  });

  it('refuses an operation that mixes the stages', async () => {
    const answer = await app.post({ query: '{ a: forums(stage: DRAFT) { totalCount } b: forums { totalCount } }' }, { token: editor });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.text).not.toContain(MARK);
  });

  it('gives an EDITOR the drafts on every read path', async () => {
    const data = dataOf(
      await app.gql(
        `query ($id: ID!, $region: ID!) {
          list: forums(stage: DRAFT, where: { city: { equals: "${MARK}" } }) { totalCount nodes { id title } }
          node(id: $id, stage: DRAFT) { ... on Forum { title region { name } } }
          nodes(ids: [$id], stage: DRAFT) { id }
          search(query: "${MARK}", stage: DRAFT) { totalCount edges { node { highlight node { id } } } }
          forumStats(groupBy: [YEAR], where: { edition: { equals: 99 } }, stage: DRAFT) { count key { year } }
          neighbors(id: $region, depth: 1, types: [FORUM], first: 1000, stage: DRAFT) { nodes { node { id } } }
        }`,
        { id: ID, region: toGlobalId('Region', 'RU-BU') },
        { token: editor },
      ),
    );
    expect(data.list.totalCount).toBe(2);
    expect(data.list.nodes).toContainEqual({ id: ID, title: `Форум ${MARK}` });
    expect(data.list.nodes).toContainEqual({ id: toGlobalId('Forum', 'baikal-education-forum-8'), title: `Байкальский ${MARK}` });
    expect(data.node).toEqual({ title: `Форум ${MARK}`, region: { name: 'Бурятия' } });
    expect(data.nodes).toEqual([{ id: ID }]);
    expect(data.search.totalCount).toBe(2);
    expect(data.search.edges[0].node.highlight.toLowerCase()).toContain(`<b>${MARK.toLowerCase()}</b>`);
    expect(data.forumStats).toEqual([{ count: 1, key: { year: 2024 } }]);
    expect(data.neighbors.nodes.map((n: { node: { id: string } }) => n.node.id)).toContain(ID);
  });
});

describe('a draft reaches no reader', () => {
  const READS = `query ($id: ID!, $region: ID!) {
    forums(first: 100) { totalCount nodes { id title city theme } }
    byEdition: forums(where: { edition: { equals: 99 } }) { totalCount }
    byCity: forums(where: { city: { contains: "${MARK}" } }) { totalCount }
    node(id: $id) { id }
    nodes(ids: [$id]) { id }
    search(query: "${MARK}") { totalCount edges { node { highlight } } }
    wide: search(query: "форум") { totalCount edges { node { highlight node { id } } } }
    forumStats(groupBy: [YEAR, REGION]) { count key { year region { name } } }
    neighbors(id: $region, depth: 2, first: 1000) { totalCount nodes { node { id } } }
    path(from: $region, to: $id) { path { length } }
    regionForums: node(id: $region) { ... on Region { forums(first: 100) { totalCount nodes { id title } } } }
  }`;

  async function sweep(server: Pick<TestApp, 'post'>, token?: string): Promise<string> {
    const { body, text } = await server.post({ query: READS, variables: { id: ID, region: toGlobalId('Region', 'RU-BU') } }, { token });
    expect(body.errors).toBeUndefined();
    return text;
  }

  it('by any read of the API, compiled or resolved, with or without a READER token', async () => {
    const resolving = await alsoServe(app, { graphqlCompile: false });
    const jit = await alsoServe(app, { graphqlCompile: false, graphqlJit: true, graphqlJitAfter: 1 });
    try {
      for (const server of [app, resolving, jit]) {
        for (const token of [undefined, reader]) {
          const text = await sweep(server, token);
          expect(text).not.toContain(MARK);
          expect(text).not.toContain(ID);
          expect(text).not.toContain(MARK.toLowerCase());
        }
      }
    } finally {
      await resolving.close();
      await jit.close();
    }
  });

  it('by the response cache, after an editor read the drafts through it', async () => {
    const cached = await alsoServe(app, { responseCacheSeconds: 60 });
    try {
      const draftRead = await cached.post({ query: DRAFT_LIST }, { token: editor });
      expect(draftRead.text).toContain(MARK);
      const anonymous = await cached.post({ query: DRAFT_LIST });
      expect(anonymous.status).toBe(403);
      expect(anonymous.text).not.toContain(MARK);
      for (let i = 0; i < 2; i += 1) expect(await sweep(cached)).not.toContain(MARK);
    } finally {
      await cached.close();
    }
  });

  it('by the exports and the calendar', async () => {
    for (const path of ['/export/forums.csv', '/export/forums.json', '/calendar.ics']) {
      for (const token of [undefined, editor]) {
        const response = await app.get(path, { token });
        expect(response.status).toBe(200);
        const { text } = response;
        expect(text.length).toBeGreaterThan(100);
        expect(text).not.toContain(MARK);
        expect(text).not.toContain(KEY);
      }
    }
  });

  it('by the exports and the calendar of the DRAFT stage, which need an EDITOR', async () => {
    for (const path of ['/export/forums.csv?stage=DRAFT', '/calendar.ics?stage=DRAFT']) {
      for (const token of [undefined, reader]) {
        const response = await app.get(path, { token });
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
        expect(response.body.error.code).toBe('FORBIDDEN');
        expect(response.text).not.toContain(MARK);
      }
      const draft = await app.get(path, { token: editor });
      expect(draft.status).toBe(200);
      expect(draft.text).toContain(MARK);
    }
    const bad = await app.get('/export/forums.csv?stage=drafts', { token: editor });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'stage', message: 'stage: expected PUBLISHED or DRAFT; received "drafts"' });
  });
});
