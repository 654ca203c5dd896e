import { followWrites } from '../src/derived-data';
import { finishInterruptedDeletes, deleteRecord } from '../src/modules/writes/write-service';
import { writeKindOf } from '../src/modules/writes/write-kinds';
import { toGlobalId } from '../src/shared/global-id';
import { type GraphQLResponse, type TestApp, captureLogger, dataOf, startTestApp, tokens } from './support/app';

/*
 * The write side as an editor and a publisher use it: drafts, publishing, versions, revisions,
 * and every way a write is refused with nothing written.
 */

let app: TestApp;
let editor: string;
let publisher: string;
let reader: string;
const SOURCE = toGlobalId('Publication', 'news-main');
const BURYATIA = toGlobalId('Region', 'RU-BU');

const log = captureLogger();

beforeAll(async () => {
  app = await startTestApp({ draft: true, logger: log.logger });
  ({ editor, publisher, reader } = await tokens(app, 'writes', ['EDITOR', 'PUBLISHER', 'READER']));
}, 90_000);
afterAll(() => app?.close());

const FORUM = 'id title city version stage liveSince region { name }';
const CREATE = `mutation ($input: CreateForumInput!) { createForum(input: $input) { clientMutationId forum { ${FORUM} } userErrors { path code message } } }`;
const UPDATE = `mutation ($input: UpdateForumInput!) { updateForum(input: $input) { forum { ${FORUM} } userErrors { path code message } } }`;
const PUBLISH = `mutation ($input: PublishInput!) { publish(input: $input) { published { id } userErrors { path code message } } }`;
const UNPUBLISH = `mutation ($input: PublishInput!) { unpublish(input: $input) { published { id } userErrors { path code message } } }`;
const DELETE = `mutation ($input: DeleteInput!) { deleteForum(input: $input) { deletedId userErrors { path code message } } }`;

async function create(input: Record<string, unknown>, token = editor): Promise<GraphQLResponse> {
  return app.gql(CREATE, { input: { sourceIds: [SOURCE], ...input } }, { token });
}

describe('an editor writes a draft, a publisher publishes it', () => {
  let id: string;

  it('creates a draft that readers do not see', async () => {
    const created = dataOf(await create({ clientMutationId: 'c1', title: 'Форум мастеров Бурятии', city: 'Улан-Удэ', regionId: BURYATIA }));
    expect(created.createForum).toMatchObject({
      clientMutationId: 'c1',
      forum: { title: 'Форум мастеров Бурятии', city: 'Улан-Удэ', version: 1, stage: 'DRAFT', liveSince: null, region: { name: 'Бурятия' } },
      userErrors: [],
    });
    id = created.createForum.forum.id;
    expect(id).toBe(toGlobalId('Forum', 'forum-masterov-buryatii'));
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`))).toEqual({ node: null });
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`, undefined, { token: reader }))).toEqual({ node: null });
    const draft = dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { ... on Forum { ${FORUM} } } }`, undefined, { token: editor }));
    expect(draft.node).toMatchObject({ title: 'Форум мастеров Бурятии', version: 1, stage: 'DRAFT' });
  });

  it('says in the log who changed what', () => {
    const line = log.lines.find((l) => l.changes?.some((c: { id: string }) => c.id === id));
    expect(line).toMatchObject({ msg: 'graphql', actor: 'writes-editor', changes: [{ action: 'CREATE', id, version: 1 }] });
  });

  it('publishes it for a PUBLISHER only; then readers see it on lists, node and search', async () => {
    const refused = await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: editor });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const published = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher }));
    expect(published.publish).toEqual({ published: [{ id }], userErrors: [] });
    const read = dataOf(
      await app.gql(`{
        node(id: "${id}") { ... on Forum { title version stage liveSince } }
        forums(where: { city: { equals: "улан-удэ" } }) { nodes { id } }
        search(query: "мастеров", types: [FORUM]) { edges { node { node { id } } } }
      }`),
    );
    expect(read.node).toMatchObject({ title: 'Форум мастеров Бурятии', version: 1, stage: 'PUBLISHED' });
    expect(read.node.liveSince).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(read.forums.nodes).toContainEqual({ id });
    expect(read.search.edges.map((e: { node: { node: { id: string } } }) => e.node.node.id)).toContain(id);
  });

  it('updates the draft: readers keep the published version until it is published again', async () => {
    const updated = dataOf(await app.gql(UPDATE, { input: { id, expectedVersion: 1, set: { title: 'Форум мастеров Забайкалья', city: null } } }, { token: editor }));
    expect(updated.updateForum).toMatchObject({ forum: { title: 'Форум мастеров Забайкалья', city: null, version: 2, stage: 'DRAFT' }, userErrors: [] });
    expect(log.lines.filter((l) => l.changes?.some((c: { id: string }) => c.id === id)).at(-1)).toMatchObject({ actor: 'writes-editor', changes: [{ action: 'UPDATE', id, version: 2 }] });
    const reading = dataOf(await app.gql(`{ node(id: "${id}") { ... on Forum { title city version } } }`));
    expect(reading.node).toEqual({ title: 'Форум мастеров Бурятии', city: 'Улан-Удэ', version: 1 });
    dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher }));
    expect(dataOf(await app.gql(`{ node(id: "${id}") { ... on Forum { title city version } } }`)).node).toEqual({ title: 'Форум мастеров Забайкалья', city: null, version: 2 });
  });

  it('refuses a stale version with CONFLICT, naming the current one, and writes nothing', async () => {
    const stale = dataOf(await app.gql(UPDATE, { input: { id, expectedVersion: 1, set: { title: 'Опоздавший' } } }, { token: editor }));
    expect(stale.updateForum.forum).toBeNull();
    expect(stale.updateForum.userErrors).toEqual([{ path: ['input', 'expectedVersion'], code: 'CONFLICT', message: expect.stringContaining('at version 2') }]);
    const draft = dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { ... on Forum { title version } } }`, undefined, { token: editor }));
    expect(draft.node).toEqual({ title: 'Форум мастеров Забайкалья', version: 2 });
  });

  it('keeps every change as a revision, newest first, for editors only; no statement may change one', async () => {
    const query = `{ node(id: "${id}", stage: DRAFT) { ... on Forum { revisions(first: 10) { totalCount nodes { action version actor changes nodeId } } } } }`;
    const revisions = dataOf(await app.gql(query, undefined, { token: editor })).node.revisions;
    expect(revisions.nodes.map((r: { action: string; version: number }) => `${r.action} ${r.version}`)).toEqual(['PUBLISH 2', 'UPDATE 2', 'PUBLISH 1', 'CREATE 1']);
    expect(revisions.nodes[1].actor).toBe('writes-editor');
    expect(revisions.nodes[0].actor).toBe('writes-publisher');
    expect(JSON.parse(revisions.nodes[1].changes)).toEqual({ city: { from: 'Улан-Удэ', to: null }, title: { from: 'Форум мастеров Бурятии', to: 'Форум мастеров Забайкалья' } });
    expect(revisions.nodes[0].nodeId).toBe(id);
    const forbidden = await app.gql(`{ node(id: "${id}") { ... on Forum { revisions { totalCount } } } }`, undefined, { token: reader });
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const draft = app.draft!;
    for (const statement of ['UPDATE revision SET actor = \'mallory\'', 'DELETE FROM revision']) {
      await expect(draft.dataSource.query(statement)).rejects.toThrow(/append-only/);
    }
    const [{ n }] = await draft.dataSource.query('SELECT COUNT(*) AS n FROM revision WHERE node_id = \'forum-masterov-buryatii\'');
    expect(Number(n)).toBe(4);
  });

  it('finds a revision by its ID through node and nodes (EDITOR), with the record it changed', async () => {
    const listed = dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { ... on Forum { revisions(first: 4) { nodes { id action version } } } } }`, undefined, { token: editor }));
    const [publish, update] = listed.node.revisions.nodes;
    const byId = `query ($id: ID!, $stage: Stage) { node(id: $id, stage: $stage) { id ... on Revision { action version actor nodeId node { id ... on Forum { title } } } } }`;
    const found = dataOf(await app.gql(byId, { id: update.id, stage: 'DRAFT' }, { token: editor }));
    expect(found.node).toEqual({ id: update.id, action: 'UPDATE', version: 2, actor: 'writes-editor', nodeId: id, node: { id, title: 'Форум мастеров Забайкалья' } });
    const both = dataOf(await app.gql(`{ nodes(ids: ["${publish.id}", "${update.id}", "${id}"]) { id ... on Revision { action } } }`, undefined, { token: editor }));
    expect(both.nodes).toEqual([{ id: publish.id, action: 'PUBLISH' }, { id: update.id, action: 'UPDATE' }, { id }]);
    // A revision with no such serial is no node; a reader may not read revisions by ID either.
    const missing = Buffer.from('Revision:999999999', 'utf8').toString('base64url');
    expect(dataOf(await app.gql(byId, { id: missing }, { token: editor })).node).toBeNull();
    for (const token of [reader, undefined]) {
      const refused = await app.gql(byId, { id: update.id }, { token });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.data ?? null)).not.toContain('writes-editor');
    }
    for (const bad of ['Revision:0', 'Revision:abc', 'Revision:']) {
      const refused = await app.gql(byId, { id: Buffer.from(bad, 'utf8').toString('base64url') }, { token: editor });
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('unpublishes and deletes for a PUBLISHER; the revisions stay', async () => {
    const unpublished = dataOf(await app.gql(UNPUBLISH, { input: { targets: [{ id, expectedVersion: 2 }] } }, { token: publisher }));
    expect(unpublished.unpublish).toEqual({ published: [{ id }], userErrors: [] });
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`)).node).toBeNull();
    expect((await app.gql(DELETE, { input: { id, expectedVersion: 2 } }, { token: editor })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const deleted = dataOf(await app.gql(DELETE, { input: { id, expectedVersion: 2 } }, { token: publisher }));
    expect(deleted.deleteForum).toEqual({ deletedId: id, userErrors: [] });
    expect(dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { id } }`, undefined, { token: editor })).node).toBeNull();
    const all = dataOf(await app.gql('{ revisions(first: 3) { nodes { action nodeId node { id } } } }', undefined, { token: editor }));
    expect(all.revisions.nodes.slice(0, 2)).toEqual([
      { action: 'DELETE', nodeId: id, node: null },
      { action: 'UNPUBLISH', nodeId: id, node: null },
    ]);
  });
});

describe('refused writes: a user error with the input path, and nothing written', () => {
  async function draftCount(): Promise<number> {
    const [{ n }] = await app.draft!.dataSource.query('SELECT COUNT(*) AS n FROM forum');
    return Number(n);
  }

  it.each([
    ['a blank title', { title: '   ' }, ['input', 'title'], 'INVALID'],
    ['an invalid date', { title: 'Форум дат', startDate: '2024-13' }, ['input', 'startDate'], 'INVALID'],
    ['a title too long', { title: 'Ф'.repeat(501) }, ['input', 'title'], 'TOO_LONG'],
    ['a region that does not exist', { title: 'Форум без региона', regionId: toGlobalId('Region', 'RU-XX') }, ['input', 'regionId'], 'NOT_FOUND'],
    ['an ID of another type', { title: 'Форум не того региона', regionId: SOURCE }, ['input', 'regionId'], 'INVALID'],
    ['no source', { title: 'Форум без источника', sourceIds: [] }, ['input', 'sourceIds'], 'SOURCE_REQUIRED'],
    ['an organiser that does not exist', { title: 'Форум призраков', organizerIds: [toGlobalId('Organization', 'ghost')] }, ['input', 'organizerIds', '0'], 'NOT_FOUND'],
  ])('%s', async (_label, input, path, code) => {
    const before = await draftCount();
    const answer = dataOf(await create(input));
    expect(answer.createForum.forum).toBeNull();
    expect(answer.createForum.userErrors).toContainEqual({ path, code, message: expect.any(String) });
    expect(await draftCount()).toBe(before);
  });

  it('DUPLICATE_KEY for a key in use', async () => {
    const answer = dataOf(await create({ key: 'baikal-education-forum-8', title: 'Двойник' }));
    expect(answer.createForum.userErrors).toEqual([{ path: ['input', 'key'], code: 'DUPLICATE_KEY', message: expect.stringContaining('baikal-education-forum-8') }]);
  });

  it('SOURCE_REQUIRED for an update that leaves a record with no source', async () => {
    const created = dataOf(await create({ title: 'Форум с источником' })).createForum.forum;
    const answer = dataOf(await app.gql(UPDATE, { input: { id: created.id, expectedVersion: 1, set: { sourceIds: [] } } }, { token: editor }));
    expect(answer.updateForum.userErrors).toEqual([{ path: ['input', 'set', 'sourceIds'], code: 'SOURCE_REQUIRED', message: expect.any(String) }]);
  });

  it('IN_USE for a record others refer to, naming them', async () => {
    const answer = dataOf(await app.gql('mutation ($input: DeleteInput!) { deleteRegion(input: $input) { deletedId userErrors { path code message } } }', { input: { id: BURYATIA, expectedVersion: 1 } }, { token: publisher }));
    expect(answer.deleteRegion.deletedId).toBeNull();
    expect(answer.deleteRegion.userErrors[0]).toMatchObject({ path: ['input', 'id'], code: 'IN_USE' });
    expect(answer.deleteRegion.userErrors[0].message).toContain(toGlobalId('Forum', 'baikal-education-forum-8'));
  });

  it('NOT_FOUND for publishing a draft whose references are not published', async () => {
    const region = dataOf(
      await app.gql(
        'mutation ($input: CreateRegionInput!) { createRegion(input: $input) { region { id } userErrors { code message } } }',
        { input: { name: 'Новая', fullName: 'Новая область', kind: 'область', isoCode: 'RU-NWA', sourceIds: [SOURCE] } },
        { token: editor },
      ),
    ).createRegion;
    expect(region.userErrors).toEqual([]);
    const forum = dataOf(await create({ title: 'Форум новой области', regionId: region.region.id })).createForum.forum;
    const alone = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: forum.id, expectedVersion: 1 }] } }, { token: publisher }));
    expect(alone.publish.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(region.region.id) });
    const both = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: forum.id, expectedVersion: 1 }, { id: region.region.id, expectedVersion: 1 }] } }, { token: publisher }));
    expect(both.publish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(`{ node(id: "${forum.id}") { ... on Forum { region { name } } } }`)).node).toEqual({ region: { name: 'Новая' } });
  });
});

describe('who may write', () => {
  it('anonymous: 403 FORBIDDEN; a bad token: 401; nothing written', async () => {
    const anonymous = await app.post({ query: CREATE, variables: { input: { title: 'Аноним', sourceIds: [SOURCE] } } });
    expect(anonymous.status).toBe(403);
    const bad = await app.post({ query: CREATE, variables: { input: { title: 'Подделка', sourceIds: [SOURCE] } } }, { token: 'pgt_forged' });
    expect(bad.status).toBe(401);
    const asReader = await app.gql(CREATE, { input: { title: 'Читатель', sourceIds: [SOURCE] } }, { token: reader });
    expect(asReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ n }] = await app.draft!.dataSource.query("SELECT COUNT(*) AS n FROM forum WHERE title IN ('Аноним', 'Подделка', 'Читатель')");
    expect(Number(n)).toBe(0);
  });
});

describe('concurrent editors', () => {
  it('exactly one of many updates at the same version wins; the rest are CONFLICT', async () => {
    const forum = dataOf(await create({ title: 'Форум гонки' })).createForum.forum;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => app.gql(UPDATE, { input: { id: forum.id, expectedVersion: 1, set: { theme: `Тема ${i}` } } }, { token: editor })),
    );
    const codes = answers.map((a) => dataOf(a).updateForum.userErrors.map((e: { code: string }) => e.code).join() || 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(7);
    const draft = dataOf(await app.gql(`{ node(id: "${forum.id}", stage: DRAFT) { ... on Forum { version } } }`, undefined, { token: editor }));
    expect(draft.node.version).toBe(2);
  });
});

describe('a delete cut in two by a crash', () => {
  it('leaves the published half to the next start, which finishes it', async () => {
    const created = dataOf(await create({ title: 'Форум одной фазы', city: 'Кяхта', regionId: BURYATIA }));
    const { id } = created.createForum.forum;
    dataOf(await app.gql(PUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher }));
    const search = '{ search(query: "Кяхта", types: [FORUM]) { nodes { node { id } } } }';
    expect(dataOf(await app.gql(search)).search.nodes).toContainEqual({ node: { id } });
    // The published stage's half fails as a crash would, after the drafts' half has committed.
    const crashing = new Proxy(app.database.dataSource, {
      get: (target, property) => (property === 'createQueryRunner' || property === 'transaction' ? () => { throw new Error('crash'); } : Reflect.get(target, property)),
    });
    const scope = { published: { ...app.database, dataSource: crashing }, draft: app.draft!, actor: 'writes-publisher', events: followWrites() };
    await expect(deleteRecord(scope, writeKindOf('Forum'), id, 1)).rejects.toThrow('crash');
    expect(dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { id } }`, undefined, { token: editor })).node).toBeNull();
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`)).node).toEqual({ id });

    expect(await finishInterruptedDeletes(app.database, app.draft!, followWrites())).toBe(1);
    // Asked anew (a restart starts with no cached answers).
    expect(dataOf(await app.gql(`{ finished: node(id: "${id}") { id } }`)).finished).toBeNull();
    expect(dataOf(await app.gql(search.replace('{ search', '{ finished: search'))).finished.nodes).not.toContainEqual({ node: { id } });
    const [{ n }] = await app.database.dataSource.query("SELECT COUNT(*) AS n FROM record_state WHERE node_type = 'Forum' AND node_id = 'forum-odnoy-fazy'");
    expect(Number(n)).toBe(0);
    expect(await finishInterruptedDeletes(app.database, app.draft!, followWrites())).toBe(0);
  });

  it('finishes it for a record the published stage keeps no state for (one that came with the first drafts)', async () => {
    const [{ id: key }] = await app.database.dataSource.query('SELECT id FROM quote ORDER BY id LIMIT 1');
    const [{ n: states }] = await app.database.dataSource.query(app.database.dialect.placeholders("SELECT COUNT(*) AS n FROM record_state WHERE node_type = 'Quote' AND node_id = ?"), [key]);
    expect(Number(states)).toBe(0);
    const id = toGlobalId('Quote', key);
    const crashing = new Proxy(app.database.dataSource, {
      get: (target, property) => (property === 'createQueryRunner' || property === 'transaction' ? () => { throw new Error('crash'); } : Reflect.get(target, property)),
    });
    const scope = { published: { ...app.database, dataSource: crashing }, draft: app.draft!, actor: 'writes-publisher', events: followWrites() };
    await expect(deleteRecord(scope, writeKindOf('Quote'), id, 1)).rejects.toThrow('crash');
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`)).node).toEqual({ id });
    expect(await finishInterruptedDeletes(app.database, app.draft!, followWrites())).toBe(1);
    expect(dataOf(await app.gql(`{ again: node(id: "${id}") { id } }`)).again).toBeNull();
    expect(await finishInterruptedDeletes(app.database, app.draft!, followWrites())).toBe(0);
  });
});

describe('every entity type is written the same way', () => {
  const id = (type: Parameters<typeof toGlobalId>[0], key: string) => toGlobalId(type, key);
  const sourceIds = [SOURCE];
  const CASES: [type: string, input: Record<string, unknown>, set: Record<string, unknown>, field: string][] = [
    ['FederalDistrict', { name: 'Пробный федеральный округ', sourceIds }, { name: 'Пробный округ' }, 'name'],
    ['Region', { name: 'Пробная', fullName: 'Пробная область', kind: 'область', isoCode: 'RU-PRB', sourceIds }, { fullName: 'Пробная обл.' }, 'fullName'],
    ['Publication', { kind: 'ARTICLE', title: 'Пробная статья', publishedAt: '2025-03' }, { title: 'Пробная статья, исправленная' }, 'title'],
    ['Organization', { name: 'Пробный колледж', kind: 'COLLEGE', regionId: BURYATIA, sourceIds }, { name: 'Пробный техникум' }, 'name'],
    [
      'Speaker',
      { fullName: 'Пробов Пётр', sourceIds, affiliations: [{ organizationId: id('Organization', 'minprosveshcheniya'), position: 'советник', sourceIds }] },
      { fullName: 'Пробов Пётр Петрович' },
      'fullName',
    ],
    ['Forum', { title: 'Пробный форум', edition: 2, startDate: '2025-06-01', sourceIds }, { title: 'Пробный форум II' }, 'title'],
    [
      'Session',
      { title: 'Пробная сессия', kind: 'PLENARY', forumId: id('Forum', 'baikal-education-forum-7'), participants: [{ speakerId: id('Speaker', 'neumyvakin-viktor'), role: 'SPEAKER', talkTitle: 'О пробах' }], sourceIds },
      { title: 'Пробная сессия, пленарная' },
      'title',
    ],
    ['Quote', { text: 'Пробовать надо.', speakerId: id('Speaker', 'neumyvakin-viktor'), sourceIds }, { text: 'Пробовать нужно.' }, 'text'],
    ['Cluster', { name: 'Пробный кластер', industry: 'пробы', members: [{ organizationId: id('Organization', 'minprosveshcheniya'), role: 'OTHER' }], sourceIds }, { industry: 'испытания' }, 'industry'],
    ['ClusterEvent', { title: 'Пробный день', kind: 'OPEN_DAY', startDate: '2025-04-19', federalDistrictIds: [id('FederalDistrict', 'central')], sourceIds }, { title: 'Пробный день открытых дверей' }, 'title'],
    ['Figure', { metric: 'пробных кластеров', value: 3, qualifier: 'EXACT', subjectId: id('Forum', 'baikal-education-forum-7'), sourceIds }, { value: 4 }, 'value'],
  ];

  it.each(CASES)('%s: create, update, publish, delete', async (type, input, set, field) => {
    const name = type.charAt(0).toLowerCase() + type.slice(1);
    const created = dataOf(
      await app.gql(`mutation ($input: Create${type}Input!) { create${type}(input: $input) { ${name} { id version stage } userErrors { path code message } } }`, { input }, { token: editor }),
    )[`create${type}`];
    expect(created.userErrors).toEqual([]);
    expect(created[name]).toMatchObject({ version: 1, stage: 'DRAFT' });
    const nodeId = created[name].id;
    const updated = dataOf(
      await app.gql(`mutation ($input: Update${type}Input!) { update${type}(input: $input) { ${name} { id version ${field} } userErrors { path code message } } }`, { input: { id: nodeId, expectedVersion: 1, set } }, { token: editor }),
    )[`update${type}`];
    expect(updated).toEqual({ [name]: { id: nodeId, version: 2, [field]: Object.values(set)[0] }, userErrors: [] });
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: nodeId, expectedVersion: 2 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    const read = dataOf(await app.gql(`{ node(id: "${nodeId}") { id ... on ${type} { ${field} version } } }`));
    expect(read.node).toEqual({ id: nodeId, [field]: Object.values(set)[0], version: 2 });
    const deleted = dataOf(await app.gql(`mutation ($input: DeleteInput!) { delete${type}(input: $input) { deletedId userErrors { code message } } }`, { input: { id: nodeId, expectedVersion: 2 } }, { token: publisher }))[`delete${type}`];
    expect(deleted).toEqual({ deletedId: nodeId, userErrors: [] });
    expect(dataOf(await app.gql(`{ node(id: "${nodeId}") { id } }`)).node).toBeNull();
    expect(dataOf(await app.gql(`{ node(id: "${nodeId}", stage: DRAFT) { id } }`, undefined, { token: editor })).node).toBeNull();
  });
});

describe('records that refer to each other, published in one call', () => {
  it('writes the publication a new district cites before the district', async () => {
    const publication = dataOf(
      await app.gql('mutation ($input: CreatePublicationInput!) { createPublication(input: $input) { publication { id } userErrors { code message } } }', { input: { kind: 'ARTICLE', title: 'Статья об округе' } }, { token: editor }),
    ).createPublication;
    expect(publication.userErrors).toEqual([]);
    const district = dataOf(
      await app.gql('mutation ($input: CreateFederalDistrictInput!) { createFederalDistrict(input: $input) { federalDistrict { id } userErrors { code message } } }', { input: { name: 'Округ одной статьи', sourceIds: [publication.publication.id] } }, { token: editor }),
    ).createFederalDistrict;
    expect(district.userErrors).toEqual([]);
    const targets = [district.federalDistrict.id, publication.publication.id].map((id) => ({ id, expectedVersion: 1 }));
    const published = dataOf(await app.gql(PUBLISH, { input: { targets } }, { token: publisher })).publish;
    // In the order they were written: the publication first.
    expect(published).toEqual({ published: [{ id: publication.publication.id }, { id: district.federalDistrict.id }], userErrors: [] });
    const read = dataOf(await app.gql(`{ node(id: "${district.federalDistrict.id}") { ... on FederalDistrict { name publications { nodes { id } } } } }`));
    expect(read.node).toEqual({ name: 'Округ одной статьи', publications: { nodes: [{ id: publication.publication.id }] } });
  });
});

describe('the revisions export', () => {
  it('says who changed what, for editors only', async () => {
    for (const token of [undefined, reader]) {
      expect((await app.get('/export/revisions.csv', { token })).status).toBe(403);
    }
    const response = await app.get('/export/revisions.csv', { token: editor });
    expect(response.status).toBe(200);
    const { text } = response;
    const [header, ...rows] = text.trim().split(/\r\n/);
    expect(header).toBe('id,node_id,action,version,actor,at,changes');
    expect(rows.length).toBe(Number(response.headers.get('x-total-count')));
    expect(rows.some((row) => row.includes(',CREATE,1,writes-editor,'))).toBe(true);
    expect(rows.some((row) => row.includes(',PUBLISH,') && row.includes('writes-publisher'))).toBe(true);
  });
});
