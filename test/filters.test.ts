import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** The names (or titles) of a list under a filter, in the list's order. */
async function names(list: string, where: string, field = 'name', extra = ''): Promise<string[]> {
  const data = dataOf(await app.gql(`{ list: ${list}(first: 100, where: ${where}${extra}) { totalCount nodes { ${field} } } }`));
  expect(data.list.totalCount).toBe(data.list.nodes.length);
  return data.list.nodes.map((n: Record<string, string>) => n[field]);
}

async function refused(query: string, variables?: Record<string, unknown>) {
  const response = await app.gql(query, variables);
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}

describe('string filters', () => {
  it('are case-insensitive in Cyrillic and Latin', async () => {
    const expected = ['VIII Байкальский образовательный форум'];
    for (const contains of ['байкальский', 'БАЙКАЛЬСКИЙ', 'БаЙкАлЬсКиЙ']) {
      expect(await names('forums', `{ title: { contains: "${contains}" }, edition: { equals: 8 } }`, 'title')).toEqual(expected);
    }
    expect(await names('forums', `{ title: { startsWith: "viii" } }`, 'title')).toEqual(expected);
    expect(await names('forums', `{ title: { equals: "viii байкальский ОБРАЗОВАТЕЛЬНЫЙ форум" } }`, 'title')).toEqual(expected);
  });

  it('read ё as е, both ways', async () => {
    const expected = ['Педагогические кадры СПО новой формации'];
    expect(await names('sessions', `{ title: { startsWith: "пёдагогические" } }`, 'title')).toEqual(expected);
    expect(await names('sessions', `{ title: { contains: "кАдры спо нОвой" } }`, 'title')).toEqual(expected);
    expect(await names('regions', `{ name: { startsWith: "ор" } }`)).toEqual(['Оренбургская', 'Орловская']);
  });

  it('in takes several values', async () => {
    expect(await names('regions', `{ isoCode: { in: ["ru-bu", "RU-KEM", "RU-XX"] } }`, 'isoCode', ', orderBy: [{isoCode: ASC}]')).toEqual(['RU-BU', 'RU-KEM']);
  });

  it('match %, _ and \\ literally, and SQL as text', async () => {
    for (const hostile of ['%', '_', '\\\\', "' OR 1=1 --", '%%', '"; DROP TABLE region; --']) {
      const data = dataOf(await app.gql(`query($s: String!) { regions(where: { name: { contains: $s } }) { totalCount } }`, { s: hostile }));
      expect({ hostile, n: data.regions.totalCount }).toEqual({ hostile, n: 0 });
    }
    const percent = dataOf(await app.gql(`{ figures(first: 100) { nodes { unit } } }`));
    expect(percent.figures.nodes.some((f: { unit: string }) => f.unit === '%')).toBe(true);
    expect(dataOf(await app.gql(`{ regions { totalCount } }`)).regions.totalCount).toBe(86);
  });
});

describe('int, enum and id filters', () => {
  it('compare integers', async () => {
    expect(await names('forums', `{ edition: { gte: 7 } }`, 'edition', ', orderBy: [{edition: ASC}]')).toEqual([7, 8]);
    expect(await names('forums', `{ edition: { gt: 5, lt: 8 } }`, 'edition')).toEqual([7]);
    expect(await names('forums', `{ edition: { lte: 5 } }`, 'edition')).toEqual([5]);
    expect(await names('forums', `{ edition: { in: [5, 8] } }`, 'edition', ', orderBy: [{edition: DESC}]')).toEqual([8, 5]);
    expect(await names('clusters', `{ launchYear: { equals: 2024 } }`)).toHaveLength(3);
  });

  it('match enum values', async () => {
    expect(await names('sessions', `{ kind: { equals: PROJECT_SESSION } }`, 'kind')).toEqual(['PROJECT_SESSION', 'PROJECT_SESSION', 'PROJECT_SESSION']);
    expect(await names('clusterEvents', `{ kind: { in: [OPEN_DAY, MEETING] } }`, 'kind')).toHaveLength(4);
    expect(await names('organizations', `{ kind: { equals: MINISTRY } }`)).toEqual(['Минпросвещения России']);
  });

  it('match global IDs, and refuse an ID of another type', async () => {
    const id = toGlobalId('Region', 'RU-BU');
    expect(await names('regions', `{ id: { equals: "${id}" } }`)).toEqual(['Бурятия']);
    expect(await names('regions', `{ id: { in: ["${id}", "${toGlobalId('Region', 'RU-KEM')}"] } }`)).toEqual(['Бурятия', 'Кемеровская область - Кузбасс']);
    const error = await refused(`{ regions(where: { id: { equals: "${toGlobalId('Forum', 'x')}" } }) { totalCount } }`);
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'where.id.equals' } });
    expect(error.message).toBe('where.id.equals: expected the ID of a Region; received the ID of a Forum');
  });
});

describe('date filters compare partial dates by their first day', () => {
  it('keeps a month from its first day on', async () => {
    const april = await names('clusterEvents', `{ startDate: { gte: "2024-04", lt: "2024-05" } }`, 'title');
    expect(april).toEqual([
      'Окружные сессии по организации и проведению ГИА в форме демонстрационного экзамена',
      'Встреча по развитию Всероссийского чемпионатного движения по профессиональному мастерству',
      'Подписание соглашений о сотрудничестве ИРПО с восемью предприятиями',
      'Единый день открытых дверей',
    ]);
  });

  it('treats a year as its first day', async () => {
    expect(await names('publications', `{ publishedAt: { equals: "2024-04" } }`, 'title')).toHaveLength(4);
    expect(await names('forums', `{ startDate: { lt: "2014" } }`, 'edition')).toEqual([5]);
    expect(await names('forums', `{ startDate: { gt: "2015-07-01" } }`, 'title')).toEqual(['Международная выставка-форум «Россия»']);
    expect(await names('forums', `{ startDate: { lte: "2015-07-01" } }`, 'edition')).toEqual([5, 7]);
  });

  it('never matches rows without the date, and NOT keeps them', async () => {
    const all = await names('forums', `{}`, 'title');
    const dated = await names('forums', `{ startDate: { gte: "1900" } }`, 'title');
    const undated = await names('forums', `{ NOT: [{ startDate: { gte: "1900" } }] }`, 'title');
    expect(undated).toEqual(['VIII Байкальский образовательный форум']);
    expect([...dated, ...undated].sort()).toEqual([...all].sort());
  });

  it.each(['2024-13', '2024-02-30', '24', 'April', ''])('refuses the date %p, naming the argument path', async (value) => {
    const error = await refused(`query($d: String) { clusterEvents(where: { OR: [{ kind: { equals: OPEN_DAY } }, { startDate: { gte: $d } }] }) { totalCount } }`, { d: value });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.OR[1].startDate.gte' });
    expect(error.message).toBe(`where.OR[1].startDate.gte: expected a date like "2024", "2024-04" or "2024-04-20"; received "${value}"`);
  });
});

describe('relation filters', () => {
  it('to-one: sessions of a forum, speakers of an organisation, clusters of a region', async () => {
    expect(await names('sessions', `{ forum: { edition: { equals: 8 } } }`, 'title')).toHaveLength(5);
    expect(await names('speakers', `{ organization: { parent: { kind: { equals: MINISTRY } } } }`, 'fullName')).toEqual(['Виктор Неумывакин']);
    expect(await names('clusters', `{ region: { federalDistrict: { name: { equals: "уральский" } } } }`)).toHaveLength(6);
    expect(await names('organizations', `{ parent: { shortName: { equals: "ирпо" } } }`)).toEqual(['Центр сопровождения программ развития региональных систем СПО']);
  });

  it('NOT is the complement, also for rows whose relation is null', async () => {
    const inSiberia = await names('regions', `{ federalDistrict: { name: { equals: "Сибирский" } } }`);
    const notInSiberia = await names('regions', `{ NOT: [{ federalDistrict: { name: { equals: "Сибирский" } } }] }`);
    expect(inSiberia).toHaveLength(10);
    expect(notInSiberia).toHaveLength(76);
    expect(notInSiberia).toContain('Байконур');
    const outside = await names('sessions', `{ NOT: [{ forum: {} }] }`, 'title');
    expect(outside).toEqual([]);
  });

  it('to-many: some, none and every', async () => {
    const spoken = await names('forums', `{ sessions: { some: { speakers: { some: { fullName: { contains: "неумывакин" } } } } } }`, 'title');
    expect(spoken).toEqual(['VIII Байкальский образовательный форум']);
    expect(await names('forums', `{ sessions: { none: {} } }`, 'edition')).toEqual([5, 7]);
    expect(await names('forums', `{ sessions: { every: { kind: { equals: PLENARY } } } }`, 'edition')).toEqual([5, 7]);
    expect(await names('forums', `{ sessions: { some: {} }, NOT: [{ sessions: { every: { kind: { in: [PLENARY, OTHER] } } } }] }`, 'edition')).toEqual([8]);
    expect(await names('speakers', `{ sessions: { some: { kind: { equals: STRATEGIC_SESSION } } } }`, 'fullName')).toEqual(['Виктор Неумывакин']);
    expect(await names('speakers', `{ sessions: { none: {} } }`, 'fullName')).toEqual(['Елена Маклина']);
  });

  it('events by their federal districts and clusters', async () => {
    const farEast = await names('clusterEvents', `{ federalDistricts: { some: { name: { equals: "Дальневосточный" } } } }`, 'title');
    expect(farEast).toEqual([
      'Окружные сессии по организации и проведению ГИА в форме демонстрационного экзамена',
      'Окружная сессия по организации и проведению демонстрационного экзамена — Дальневосточный федеральный округ',
    ]);
    expect(await names('clusterEvents', `{ federalDistricts: { every: { name: { equals: "Дальневосточный" } }, some: {} } }`, 'title')).toHaveLength(1);
    expect(await names('clusterEvents', `{ clusters: { some: {} } }`, 'title')).toEqual([]);
    expect(await names('clusterEvents', `{ clusters: { none: {} } }`, 'title')).toHaveLength(18);
  });
});

describe('AND, OR and NOT', () => {
  it('combine', async () => {
    const or = await names('regions', `{ OR: [{ isoCode: { equals: "RU-BU" } }, { isoCode: { equals: "RU-KEM" } }] }`);
    expect(or).toEqual(['Бурятия', 'Кемеровская область - Кузбасс']);
    const and = await names('regions', `{ AND: [{ name: { startsWith: "К" } }, { federalDistrict: { name: { equals: "Сибирский" } } }] }`);
    expect(and).toEqual(['Кемеровская область - Кузбасс', 'Красноярский']);
    const not = await names('regions', `{ federalDistrict: { name: { equals: "Сибирский" } }, NOT: [{ name: { startsWith: "к" } }, { name: { startsWith: "а" } }] }`);
    expect(not).toEqual(['Иркутская', 'Новосибирская', 'Омская', 'Томская', 'Тыва', 'Хакасия']);
    expect(await names('regions', `{ OR: [] }`)).toEqual([]);
    expect(await names('regions', `{ AND: [] }`)).toHaveLength(86);
  });
});

describe('filters with paging, ordering and nested lists', () => {
  it('walks a filtered, ordered list page by page: every row once, totalCount exact', async () => {
    const where = `{ NOT: [{ federalDistrict: { name: { in: ["Центральный", "Приволжский"] } } }] }`;
    const all = await names('regions', where, 'name', ', orderBy: [{isoCode: DESC}]');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: any = dataOf(await app.gql(`query($after: String) { regions(first: 9, after: $after, where: ${where}, orderBy: [{isoCode: DESC}]) {
        totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`, { after }));
      expect(data.regions.totalCount).toBe(all.length);
      seen.push(...data.regions.nodes.map((n: { name: string }) => n.name));
      after = data.regions.pageInfo.hasNextPage ? data.regions.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(86 - 18 - 14);
  });

  it('filters a nested connection per parent in one statement', async () => {
    const response = await app.gql(`{ forums(first: 10) { nodes { edition sessions(where: { kind: { equals: PROJECT_SESSION } }) { totalCount } } } }`);
    const data = dataOf(response);
    const eighth = data.forums.nodes.find((f: { edition: number }) => f.edition === 8);
    expect(eighth.sessions.totalCount).toBe(3);
    // Forums, then the sessions of all ten; or one statement where the selection compiler answers.
    expect(response.extensions?.sql?.statements).toBe(response.extensions?.sql?.compiled ? 1 : 2);
    const speaker = dataOf(await app.gql(`{ speakers(where: { fullName: { startsWith: "виктор" } }) { nodes { sessions(where: { forum: { edition: { equals: 8 } } }) { totalCount } } } }`));
    expect(speaker.speakers.nodes[0].sessions.totalCount).toBe(1);
  });

  it('a filter through relations adds no statements', async () => {
    const plain = await app.gql(`{ sessions(first: 50) { nodes { title forum { title } } } }`);
    const filtered = await app.gql(`{ sessions(first: 50, where: { forum: { region: { federalDistrict: { name: { equals: "Дальневосточный" } } } }, speakers: { some: {} } }) { nodes { title forum { title } } } }`);
    expect(filtered.extensions?.sql?.statements).toBe(plain.extensions?.sql?.statements);
    expect(dataOf(filtered).sessions.nodes).toHaveLength(1);
  });
});

describe('bad filters', () => {
  it('an empty in is BAD_USER_INPUT naming the argument path', async () => {
    const error = await refused(`{ clusters(where: { region: { isoCode: { in: [] } } }) { totalCount } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.region.isoCode.in' });
    expect(error.message).toBe('where.region.isoCode.in: expected at least one value; received an empty list');
  });

  it('a field that does not exist is a validation error', async () => {
    const error = await refused(`{ forums(where: { colour: { equals: "red" } }) { totalCount } }`);
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/Field "colour" is not defined by type "ForumWhere"/);
  });
});

describe('text the database cannot hold', () => {
  it('a NUL character in a string filter is BAD_USER_INPUT on every database', async () => {
    const response = await app.gql(`query($s: [String!]!) { regions(where: { name: { in: $s } }) { totalCount } }`, { s: ['Бурятия', 'a\u0000b'] });
    expect(response.errors?.[0]).toMatchObject({
      message: 'where.name.in[1]: expected text without NUL (U+0000) characters; received "a\\u0000b"',
      extensions: { code: 'BAD_USER_INPUT', argument: 'where.name.in[1]' },
    });
  });
});
