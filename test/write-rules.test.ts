import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * The rules every write obeys before anything is stored (content.schema.ts): numbers in their
 * type's range, texts without NUL or lone surrogates, each ID once in a list, no record its own
 * ancestor, dates that exist and in order. Mutations, imports and their dry runs refuse alike,
 * with a user error at the field; the database never sees the value. On SQLite and, with
 * TEST_DATABASE_URL, on PostgreSQL.
 */

let app: TestApp;
let editor: string;
let publisher: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor, publisher } = await tokens(app, 'rules'));
}, 90_000);
afterAll(() => app?.close());

const SOURCE = toGlobalId('Publication', 'news-main');
const MINISTRY = toGlobalId('Organization', 'minprosveshcheniya');
const ERRORS = 'userErrors { path code message }';
const IMPORT = `mutation ($input: ImportInput!) { importContent(input: $input) { dryRun counts { type created updated unchanged } ${ERRORS} } }`;
const PUBLISH = `mutation ($input: PublishInput!) { publish(input: $input) { published { id } ${ERRORS} } }`;

/** createX or updateX of `type` as the editor: its payload (the record's id and version, the user errors). */
async function write(action: 'create' | 'update', type: string, input: Record<string, unknown>) {
  const name = type.charAt(0).toLowerCase() + type.slice(1);
  const argument = action === 'create' ? `Create${type}Input` : `Update${type}Input`;
  const answer = await app.gql(`mutation ($input: ${argument}!) { ${action}${type}(input: $input) { ${name} { id version } ${ERRORS} } }`, { input }, { token: editor });
  expect(answer.errors).toBeUndefined();
  const payload = dataOf(answer)[`${action}${type}`];
  return { record: payload[name] as { id: string; version: number } | null, userErrors: payload.userErrors as { path: string[]; code: string; message: string }[] };
}

/** importContent of a JSON text, with or without dryRun: its payload. */
async function importJson(data: string, dryRun = false) {
  const answer = await app.gql(IMPORT, { input: { format: 'JSON', data, dryRun } }, { token: editor });
  expect(answer.errors).toBeUndefined();
  return dataOf(answer).importContent as { dryRun: boolean; counts: unknown[]; userErrors: { path: string[]; code: string; message: string }[] };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await app.draft!.dataSource.query(app.draft!.dialect.placeholders(sql), params);
  return Number(n);
}

/** Imports `data` as a dry run and for real: both answer `expected` first, and nothing is stored. */
async function refusedByImport(data: string, expected: { path: string[]; code: string; message?: string }): Promise<void> {
  const before = await count('SELECT COUNT(*) AS n FROM revision');
  for (const dryRun of [true, false]) {
    const answer = await importJson(data, dryRun);
    expect(answer.counts).toEqual([]);
    expect(answer.userErrors[0]).toEqual({ path: expected.path, code: expected.code, message: expect.stringContaining(expected.message ?? '') });
  }
  expect(await count('SELECT COUNT(*) AS n FROM revision')).toBe(before);
}

describe('numbers: within the GraphQL type and the field', () => {
  it.each([
    ['1e300', '1e300'],
    ['3000000000', '3000000000'],
    ['9007199254740993', '9007199254740993'],
    ['-2147483649', '-2147483649'],
  ])('an Int past 2^31 is OUT_OF_RANGE, not stored: edition %s in an import and its dry run', async (_label, literal) => {
    const data = `{"forums": [{"key": "huge-edition", "title": "Огромный выпуск", "edition": ${literal}, "sources": ["news-main"]}]}`;
    await refusedByImport(data, { path: ['input', 'data', 'forums', '0', 'edition'], code: 'OUT_OF_RANGE', message: 'field "edition": expected an integer from' });
    expect(await count("SELECT COUNT(*) AS n FROM forum WHERE id = 'huge-edition'")).toBe(0);
  });

  it('an Int past 2^31 in a mutation is refused by the Int type itself (400 BAD_USER_INPUT), not a 500', async () => {
    const answer = await app.gql('mutation ($input: CreateForumInput!) { createForum(input: $input) { userErrors { code } } }', { input: { title: 'Огромный', edition: 3_000_000_000, sourceIds: [SOURCE] } }, { token: editor });
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].message).toContain('Int cannot represent non 32-bit signed integer value: 3000000000');
  });

  it.each([
    ['edition 0', 'Forum', { title: 'Нулевой выпуск', edition: 0 }, ['input', 'edition'], 'expected an integer from 1 to 2147483647; received 0'],
    ['a negative count', 'ClusterEvent', { title: 'Минус кластеры', kind: 'OPEN_DAY', reportedClusterCount: -1 }, ['input', 'reportedClusterCount'], 'expected an integer from 0 to 100000; received -1'],
    ['a launch year past 2100', 'Cluster', { name: 'Кластер из будущего', launchYear: 2200 }, ['input', 'launchYear'], 'expected an integer from 1990 to 2100; received 2200'],
    ['a reported count whose sum would pass Int in the stats', 'ClusterEvent', { title: 'Миллиард кластеров', kind: 'OPEN_DAY', reportedClusterCount: 2_000_000_000 }, ['input', 'reportedClusterCount'], 'expected an integer from 0 to 100000; received 2000000000'],
  ])('a number outside its field’s range is OUT_OF_RANGE in a mutation: %s', async (_label, type, input, path, message) => {
    const answer = await write('create', type, { ...input, sourceIds: [SOURCE] });
    expect(answer).toEqual({ record: null, userErrors: [{ path, code: 'OUT_OF_RANGE', message }] });
  });

  it('a figure value that is not finite is OUT_OF_RANGE in an import (YAML .inf)', async () => {
    const answer = await app.gql(IMPORT, { input: { format: 'YAML', data: 'figures:\n  - { key: endless, metric: бесконечность, value: .inf, qualifier: EXACT, sources: [news-main] }' } }, { token: editor });
    expect(dataOf(answer).importContent.userErrors).toEqual([
      { path: ['input', 'data', 'figures', '0', 'value'], code: 'OUT_OF_RANGE', message: 'input.data: figures record "endless" (#1), field "value": expected a finite number; received Infinity' },
    ]);
  });
});

describe('texts: no NUL, no lone surrogate', () => {
  it.each([
    ['NUL', 'Форум\u0000с нулём', 'expected text without NUL (U+0000); received one at character 6'],
    ['a lone surrogate', 'Форум \uD800 без пары', 'expected well-formed Unicode text; received a lone surrogate U+D800 at character 7'],
  ])('%s in a text is refused on both databases, in mutations and imports', async (_label, title, message) => {
    const created = await write('create', 'Forum', { key: 'bad-text', title, sourceIds: [SOURCE] });
    expect(created).toEqual({ record: null, userErrors: [{ path: ['input', 'title'], code: 'INVALID', message }] });
    const existing = toGlobalId('Forum', 'baikal-education-forum-8');
    const updated = await write('update', 'Forum', { id: existing, expectedVersion: 1, set: { theme: title } });
    expect(updated.userErrors).toEqual([{ path: ['input', 'set', 'theme'], code: 'INVALID', message }]);
    await refusedByImport(JSON.stringify({ forums: [{ key: 'bad-text', title, sources: ['news-main'] }] }), { path: ['input', 'data', 'forums', '0', 'title'], code: 'INVALID', message });
    expect(await count("SELECT COUNT(*) AS n FROM forum WHERE id = 'bad-text'")).toBe(0);
  });
});

describe('texts: within their columns', () => {
  it('a text longer than its column is TOO_LONG in an import and its dry run, not a database error', async () => {
    await refusedByImport(JSON.stringify({ forums: [{ key: 'long-city', title: 'Форум длинного города', city: 'я'.repeat(201), sources: ['news-main'] }] }), {
      path: ['input', 'data', 'forums', '0', 'city'],
      code: 'TOO_LONG',
      message: 'field "city": expected at most 200 characters; received 201',
    });
  });

  it('a link record’s text longer than its column is TOO_LONG at the link record’s field, in a mutation and an import', async () => {
    const speaker = toGlobalId('Speaker', 'neumyvakin-viktor');
    const answer = await write('create', 'Session', { title: 'Сессия длинного доклада', kind: 'PLENARY', participants: [{ speakerId: speaker, role: 'SPEAKER', talkTitle: 'д'.repeat(1001) }], sourceIds: [SOURCE] });
    expect(answer.userErrors).toEqual([{ path: ['input', 'participants', '0', 'talkTitle'], code: 'TOO_LONG', message: 'expected at most 1000 characters; received 1001' }]);
    await refusedByImport(
      JSON.stringify({ sessions: [{ key: 'long-talk', title: 'Сессия', kind: 'PLENARY', participants: [{ speaker: 'neumyvakin-viktor', role: 'SPEAKER', talkTitle: 'д'.repeat(1001) }], sources: ['news-main'] }] }),
      { path: ['input', 'data', 'sessions', '0', 'participants', '0', 'talkTitle'], code: 'TOO_LONG' },
    );
  });
});

describe('lists: each ID once', () => {
  it('organizerIds [A, A] is DUPLICATE in mutations, imports and dry runs', async () => {
    const created = await write('create', 'Forum', { title: 'Форум двойников', organizerIds: [MINISTRY, MINISTRY], sourceIds: [SOURCE] });
    expect(created).toEqual({
      record: null,
      userErrors: [{ path: ['input', 'organizerIds', '1'], code: 'DUPLICATE', message: 'expected each entry once in the list; received "minprosveshcheniya" at 0 and again at 1' }],
    });
    await refusedByImport(JSON.stringify({ forums: [{ key: 'twins', title: 'Двойники', organizers: ['minprosveshcheniya', 'minprosveshcheniya'], sources: ['news-main'] }] }), {
      path: ['input', 'data', 'forums', '0', 'organizers', '1'],
      code: 'DUPLICATE',
    });
  });

  it.each([
    ['Cluster', { name: 'Кластер двойников', members: [{ organizationId: MINISTRY, role: 'OTHER' }, { organizationId: MINISTRY, role: 'ENTERPRISE' }] }, ['input', 'members', '1', 'organizationId']],
    ['ClusterEvent', { title: 'День двойников', kind: 'OPEN_DAY', federalDistrictIds: [toGlobalId('FederalDistrict', 'central'), toGlobalId('FederalDistrict', 'central')] }, ['input', 'federalDistrictIds', '1']],
    ['Organization', { name: 'Колледж двух источников', kind: 'COLLEGE', sourceIds: [SOURCE, SOURCE] }, ['input', 'sourceIds', '1']],
  ])('a link given twice is DUPLICATE, not a UNIQUE failure: %s', async (type, input, path) => {
    const answer = await write('create', type, { sourceIds: [SOURCE], ...input });
    expect(answer.record).toBeNull();
    expect(answer.userErrors).toEqual([{ path, code: 'DUPLICATE', message: expect.stringContaining('expected each') }]);
  });

  it('a participant twice in one role is DUPLICATE', async () => {
    const speaker = toGlobalId('Speaker', 'neumyvakin-viktor');
    const answer = await write('create', 'Session', { title: 'Сессия эха', kind: 'PLENARY', participants: [{ speakerId: speaker, role: 'SPEAKER' }, { speakerId: speaker, role: 'SPEAKER' }], sourceIds: [SOURCE] });
    expect(answer.userErrors).toEqual([{ path: ['input', 'participants', '1', 'speakerId'], code: 'DUPLICATE', message: expect.stringContaining('expected each speaker once') }]);
  });
});

describe('parents: no record its own ancestor', () => {
  it('a record cannot be its own parent', async () => {
    const self = toGlobalId('Organization', 'narcissus');
    const created = await write('create', 'Organization', { key: 'narcissus', name: 'Нарцисс', kind: 'COLLEGE', parentId: self, sourceIds: [SOURCE] });
    expect(created).toEqual({ record: null, userErrors: [{ path: ['input', 'parentId'], code: 'CYCLE', message: 'expected a parent other than the record itself; received "narcissus"' }] });
    const updated = await write('update', 'Organization', { id: MINISTRY, expectedVersion: 1, set: { parentId: MINISTRY } });
    expect(updated.userErrors).toEqual([{ path: ['input', 'set', 'parentId'], code: 'CYCLE', message: 'expected a parent other than the record itself; received "minprosveshcheniya"' }]);
    await refusedByImport(JSON.stringify({ clusterEvents: [{ key: 'ouroboros', title: 'Уроборос', kind: 'OPEN_DAY', parent: 'ouroboros', sources: ['news-main'] }] }), {
      path: ['input', 'data', 'clusterEvents', '0', 'parent'],
      code: 'CYCLE',
    });
  });

  it('a two-record parent cycle is CYCLE across drafts, and nothing unpublishable is left behind', async () => {
    const a = await write('create', 'ClusterEvent', { key: 'cycle-a', title: 'Цикл А', kind: 'OPEN_DAY', sourceIds: [SOURCE] });
    const b = await write('create', 'ClusterEvent', { key: 'cycle-b', title: 'Цикл Б', kind: 'OPEN_DAY', parentId: a.record!.id, sourceIds: [SOURCE] });
    expect(b.userErrors).toEqual([]);
    const closing = await write('update', 'ClusterEvent', { id: a.record!.id, expectedVersion: 1, set: { parentId: b.record!.id } });
    expect(closing).toEqual({
      record: null,
      userErrors: [{ path: ['input', 'set', 'parentId'], code: 'CYCLE', message: 'expected a parent that is not among the record\'s descendants; received "cycle-b", whose parents lead back to it: "cycle-a" → "cycle-b" → "cycle-a"' }],
    });
    const published = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: a.record!.id, expectedVersion: 1 }, { id: b.record!.id, expectedVersion: 1 }] } }, { token: publisher }));
    expect(published.publish.userErrors).toEqual([]);
    expect(dataOf(await app.gql(`{ node(id: "${a.record!.id}") { ... on ClusterEvent { children { nodes { id } } parent { id } } } }`)).node).toEqual({ children: { nodes: [{ id: b.record!.id }] }, parent: null });
  });

  it('a two-record parent cycle is CYCLE within one import, and between an import and the drafts', async () => {
    const within = JSON.stringify({
      organizations: [
        { key: 'loop-one', name: 'Петля один', kind: 'COLLEGE', parent: 'loop-two', sources: ['news-main'] },
        { key: 'loop-two', name: 'Петля два', kind: 'COLLEGE', parent: 'loop-one', sources: ['news-main'] },
      ],
    });
    for (const dryRun of [true, false]) {
      const answer = await importJson(within, dryRun);
      expect(answer.userErrors.map((e) => [e.path.join('.'), e.code]).sort()).toEqual([
        ['input.data.organizations.0.parent', 'CYCLE'],
        ['input.data.organizations.1.parent', 'CYCLE'],
      ]);
      expect(answer.userErrors.map((e) => e.message)).toContainEqual(expect.stringContaining('"loop-one" → "loop-two" → "loop-one"'));
    }
    expect(await count("SELECT COUNT(*) AS n FROM organization WHERE id LIKE 'loop-%'")).toBe(0);
    // minprosveshcheniya-dgp-spo's parent is minprosveshcheniya in the drafts.
    const across = JSON.stringify({ organizations: [{ key: 'minprosveshcheniya', name: 'Минпросвещения', kind: 'MINISTRY', parent: 'minprosveshcheniya-dgp-spo', sources: ['news-main'] }] });
    await refusedByImport(across, { path: ['input', 'data', 'organizations', '0', 'parent'], code: 'CYCLE', message: '"minprosveshcheniya" → "minprosveshcheniya-dgp-spo" → "minprosveshcheniya"' });
  });
});

describe('publishing: no parent cycle in the published stage either', () => {
  it('a draft whose new parent is still its child as published is CYCLE on publish, alone; together they publish', async () => {
    const p = (await write('create', 'Organization', { key: 'swap-p', name: 'Обмен П', kind: 'COLLEGE', sourceIds: [SOURCE] })).record!;
    const q = (await write('create', 'Organization', { key: 'swap-q', name: 'Обмен К', kind: 'COLLEGE', parentId: p.id, sourceIds: [SOURCE] })).record!;
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: p.id, expectedVersion: 1 }, { id: q.id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
    expect((await write('update', 'Organization', { id: q.id, expectedVersion: 1, set: { parentId: null } })).userErrors).toEqual([]);
    expect((await write('update', 'Organization', { id: p.id, expectedVersion: 1, set: { parentId: q.id } })).userErrors).toEqual([]);
    const alone = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: p.id, expectedVersion: 2 }] } }, { token: publisher })).publish;
    expect(alone).toEqual({
      published: [],
      userErrors: [{ path: ['input', 'targets', '0', 'id'], code: 'CYCLE', message: 'expected a parent that is not among the record\'s descendants; received "swap-q", whose parents lead back to it: "swap-p" → "swap-q" → "swap-p"' }],
    });
    const both = dataOf(await app.gql(PUBLISH, { input: { targets: [{ id: p.id, expectedVersion: 2 }, { id: q.id, expectedVersion: 2 }] } }, { token: publisher })).publish;
    expect(both.userErrors).toEqual([]);
    expect(dataOf(await app.gql(`{ node(id: "${p.id}") { ... on Organization { parent { id } } } }`)).node).toEqual({ parent: { id: q.id } });
  });
});

describe('dates: that exist, in order, in 1900..2100', () => {
  it.each([
    ['the year 0000', { startDate: '0000-01-01' }, ['input', 'startDate'], 'OUT_OF_RANGE', 'expected a year from 1900 to 2100; received "0000-01-01"'],
    ['a year past 2100', { endDate: '2101' }, ['input', 'endDate'], 'OUT_OF_RANGE', 'expected a year from 1900 to 2100; received "2101"'],
    ['30 February', { startDate: '2024-02-30' }, ['input', 'startDate'], 'INVALID', 'expected a date like "2024", "2024-04" or "2024-04-20"; received "2024-02-30"'],
    ['an end before the start', { startDate: '2024-05-10', endDate: '2024-05-09' }, ['input', 'endDate'], 'INVALID', 'expected endDate on or after startDate "2024-05-10"; received "2024-05-09"'],
    ['an end year before the start', { startDate: '2024-05', endDate: '2023' }, ['input', 'endDate'], 'INVALID', 'expected endDate on or after startDate "2024-05"; received "2023"'],
  ])('%s is refused at its field', async (_label, dates, path, code, message) => {
    const answer = await write('create', 'Forum', { title: 'Форум дат', ...dates, sourceIds: [SOURCE] });
    expect(answer).toEqual({ record: null, userErrors: [{ path, code, message }] });
  });

  it('an end date in the start’s year or month is in order (partial dates cover their span)', async () => {
    const answer = await write('create', 'Forum', { key: 'partial-span', title: 'Форум частичных дат', startDate: '2024-05-10', endDate: '2024', sourceIds: [SOURCE] });
    expect(answer.userErrors).toEqual([]);
  });

  it('an affiliation that ends before it begins is refused at its until, in a mutation and an import', async () => {
    const answer = await write('create', 'Speaker', { fullName: 'Обратный Пётр', affiliations: [{ organizationId: MINISTRY, since: '2020', until: '2019-12', sourceIds: [SOURCE] }], sourceIds: [SOURCE] });
    expect(answer.userErrors).toEqual([{ path: ['input', 'affiliations', '0', 'until'], code: 'INVALID', message: 'expected until on or after since "2020"; received "2019-12"' }]);
    await refusedByImport(
      JSON.stringify({ speakers: [{ key: 'backwards', fullName: 'Обратный Пётр', affiliations: [{ organization: 'minprosveshcheniya', since: '2020', until: '2019-12', sources: ['news-main'] }], sources: ['news-main'] }] }),
      { path: ['input', 'data', 'speakers', '0', 'affiliations', '0', 'until'], code: 'INVALID' },
    );
  });
});
