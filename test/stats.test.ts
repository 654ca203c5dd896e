import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, alsoServe, dataOf, startTestApp } from './support/app';
import { addSyntheticGraph } from './support/synthetic';

/**
 * Aggregates over the real data set (seeds/*.yaml): every expected group below is read off the
 * seed files, and every count is checked against the totalCount of the same filtered list.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await closeResolvers(app);
  await app.close();
});

/**
 * The groups of a stats query and the statements the resolvers ran for it: the query runs on
 * `target` (where the selection compiler answers it in one statement) and on a server over the
 * same database with the resolvers only, and both must give the same answer.
 */
async function stats(target: TestApp, query: string, variables?: Record<string, unknown>) {
  const resolvers = await resolversOf(target);
  const [response, resolved] = await Promise.all([target.gql(query, variables), resolvers.gql(query, variables)]);
  expect(response.data).toEqual(resolved.data);
  const data = dataOf(resolved);
  const compiled = response.extensions!.sql!.compiled;
  if (compiled) expect(response.extensions!.sql!.statements).toBe(1);
  return { groups: Object.values(data)[0] as any[], statements: resolved.extensions!.sql!.statements, compiled };
}

/** The resolvers-only server over each target's database, made once; closed before the target is. */
const resolverServers = new Map<TestApp, ReturnType<typeof alsoServe>>();
function resolversOf(target: TestApp): ReturnType<typeof alsoServe> {
  let server = resolverServers.get(target);
  if (!server) resolverServers.set(target, (server = alsoServe(target, { graphqlCompile: false })));
  return server;
}
async function closeResolvers(target: TestApp): Promise<void> {
  await (await resolverServers.get(target))?.close();
  resolverServers.delete(target);
}

async function totalCount(list: string, where: string): Promise<number> {
  return dataOf(await app.gql(`{ list: ${list}(where: ${where}) { totalCount } }`)).list.totalCount;
}

async function refused(query: string, variables?: Record<string, unknown>) {
  const response = await app.gql(query, variables);
  expect(response.errors).toHaveLength(1);
  return response.errors![0];
}

const DISTRICTS = ['Дальневосточный', 'Приволжский', 'Северо-Западный', 'Северо-Кавказский', 'Сибирский', 'Уральский', 'Центральный', 'Южный'];

describe('cluster events grouped by scalar keys', () => {
  it('by kind: the 18 events, kinds in code-point order, each count the totalCount of that kind', async () => {
    const { groups, statements } = await stats(app, `{ clusterEventStats(groupBy: [KIND]) { key { kind year } count } }`);
    expect(groups).toEqual([
      { key: { kind: 'AGREEMENT_SIGNING', year: null }, count: 1 },
      { key: { kind: 'CHAMPIONSHIP', year: null }, count: 4 },
      { key: { kind: 'DEMO_EXAM', year: null }, count: 9 },
      { key: { kind: 'MEETING', year: null }, count: 1 },
      { key: { kind: 'OPEN_DAY', year: null }, count: 3 },
    ]);
    expect(statements).toBe(1);
    for (const group of groups) expect(await totalCount('clusterEvents', `{ kind: { equals: ${group.key.kind} } }`)).toBe(group.count);
  });

  it('by year and month of startDate: undated events are one group, last', async () => {
    const { groups } = await stats(app, `{ clusterEventStats(groupBy: [YEAR, MONTH]) { key { year month } count } }`);
    expect(groups.map((g) => [g.key.year, g.key.month, g.count])).toEqual([
      [2023, '2023-11', 1], [2024, '2024-04', 4], [2024, '2024-10', 1], [2024, '2024-11', 1],
      [2025, '2025-08', 1], [2025, '2025-10', 1], [2025, '2025-11', 1], [null, null, 8],
    ]);
    expect(await totalCount('clusterEvents', `{ startDate: { gte: "2024-04", lt: "2024-05" } }`)).toBe(4);
    expect(await totalCount('clusterEvents', `{ NOT: [{ startDate: { gte: "1900" } }] }`)).toBe(8);
  });

  it('combined with a where filter, the counts add up to the totalCount of the filtered list', async () => {
    const where = `{ startDate: { gte: "2024" }, NOT: [{ kind: { equals: CHAMPIONSHIP } }] }`;
    const { groups } = await stats(app, `{ clusterEventStats(where: ${where}, groupBy: [KIND, YEAR]) { key { kind year } count } }`);
    expect(groups.map((g) => [g.key.kind, g.key.year, g.count])).toEqual([
      ['AGREEMENT_SIGNING', 2024, 1], ['DEMO_EXAM', 2024, 1], ['MEETING', 2024, 1], ['OPEN_DAY', 2024, 2], ['OPEN_DAY', 2025, 1],
    ]);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(await totalCount('clusterEvents', where));
  });

  it('with no keys: one group, the totals, with min/max dates and the sum of reported clusters', async () => {
    const { groups } = await stats(app, `{ clusterEventStats(groupBy: []) {
      key { kind year month } count minStartDate { iso precision } maxStartDate { iso precision } sumReportedClusterCount } }`);
    expect(groups).toEqual([{
      key: { kind: null, year: null, month: null }, count: 18, sumReportedClusterCount: 370,
      minStartDate: { iso: '2023-11-24', precision: 'DAY' }, maxStartDate: { iso: '2025-11-29', precision: 'DAY' },
    }]);
    expect(await totalCount('clusterEvents', '{}')).toBe(18);
    const none = await stats(app, `{ clusterEventStats(where: { OR: [] }, groupBy: []) { count minStartDate { iso } sumReportedClusterCount } }`);
    expect(none.groups).toEqual([{ count: 0, minStartDate: null, sumReportedClusterCount: null }]);
    const grouped = await stats(app, `{ clusterEventStats(where: { OR: [] }, groupBy: [KIND]) { count } }`);
    expect(grouped.groups).toEqual([]);
  });

  it('min/max per group; a group with no value has null measures', async () => {
    const { groups } = await stats(app, `{ clusterEventStats(groupBy: [PARENT]) {
      key { parent { title } } count minStartDate { iso } maxStartDate { iso } sumReportedClusterCount } }`);
    expect(groups).toEqual([
      { key: { parent: { title: 'Встреча по развитию Всероссийского чемпионатного движения по профессиональному мастерству' } }, count: 1, minStartDate: { iso: '2024-04-16' }, maxStartDate: { iso: '2024-04-16' }, sumReportedClusterCount: null },
      { key: { parent: { title: 'Окружные сессии по организации и проведению ГИА в форме демонстрационного экзамена' } }, count: 8, minStartDate: null, maxStartDate: null, sumReportedClusterCount: null },
      { key: { parent: null }, count: 9, minStartDate: { iso: '2023-11-24' }, maxStartDate: { iso: '2025-11-29' }, sumReportedClusterCount: 370 },
    ]);
  });
});

describe('cluster events grouped through relations', () => {
  it('by federal district: an event in several districts counts in each; events in none are the null group', async () => {
    const { groups, statements } = await stats(app, `{ clusterEventStats(groupBy: [FEDERAL_DISTRICT]) { key { federalDistrict { id name } } count } }`);
    expect(groups.map((g) => [g.key.federalDistrict?.name ?? null, g.count])).toEqual([...DISTRICTS.map((name) => [name, 2]), [null, 9]]);
    expect(statements).toBe(2);
    for (const group of groups.slice(0, 8)) {
      expect(await totalCount('clusterEvents', `{ federalDistricts: { some: { id: { equals: "${group.key.federalDistrict.id}" } } } }`)).toBe(group.count);
    }
    expect(await totalCount('clusterEvents', `{ federalDistricts: { every: { OR: [] } } }`)).toBe(9);
  });

  it('by federal district within a filter, with kind', async () => {
    const { groups } = await stats(app, `{ clusterEventStats(where: { startDate: { gte: "2024-04-15", lte: "2024-04-15" } }, groupBy: [KIND, FEDERAL_DISTRICT]) {
      key { kind federalDistrict { name } } count minStartDate { iso } } }`);
    expect(groups).toEqual(DISTRICTS.map((name) => ({ key: { kind: 'DEMO_EXAM', federalDistrict: { name } }, count: 1, minStartDate: { iso: '2024-04-15' } })));
  });

  it("by region of the event's clusters: no event is linked to a cluster, so all are the null group", async () => {
    const { groups } = await stats(app, `{ clusterEventStats(groupBy: [REGION]) { key { region { name } } count } }`);
    expect(groups).toEqual([{ key: { region: null }, count: 18 }]);
    expect(await totalCount('clusterEvents', `{ clusters: { every: { OR: [] } } }`)).toBe(18);
  });
});

describe('the other entities', () => {
  it('clusters by federal district and region, with min/max launch year', async () => {
    const { groups, statements } = await stats(app, `{ clusterStats(groupBy: [FEDERAL_DISTRICT, REGION]) {
      key { federalDistrict { name } region { name } } count minLaunchYear maxLaunchYear } }`);
    expect(groups.map((g) => [g.key.federalDistrict.name, g.key.region.name, g.count, g.minLaunchYear, g.maxLaunchYear])).toEqual([
      ['Сибирский', 'Кемеровская область - Кузбасс', 2, 2022, 2022],
      ['Уральский', 'Тюменская', 6, null, null],
      ['Центральный', 'Калужская', 1, 2022, 2022],
      ['Центральный', 'Московская', 3, 2024, 2024],
    ]);
    expect(statements).toBe(3);
    expect(await totalCount('clusters', `{ region: { name: { equals: "тюменская" } } }`)).toBe(6);
  });

  it('clusters by industry (as filters compare text) and by launch year', async () => {
    const industries = await stats(app, `{ clusterStats(groupBy: [INDUSTRY]) { key { industry } count } }`);
    expect(industries.groups.map((g) => [g.key.industry, g.count])).toEqual([
      ['Железнодорожный транспорт', 1], ['Клиническая и профилактическая медицина', 1], ['Машиностроение', 2], ['Металлургия', 1],
      ['Сельское хозяйство', 1], ['Строительная отрасль', 1], ['Транспортная отрасль', 1], ['Химическая отрасль', 1], [null, 3],
    ]);
    expect(await totalCount('clusters', `{ industry: { equals: "МАШИНОСТРОЕНИЕ" } }`)).toBe(2);
    const years = await stats(app, `{ clusterStats(where: { region: { federalDistrict: { name: { equals: "центральный" } } } }, groupBy: [LAUNCH_YEAR]) { key { launchYear } count } }`);
    expect(years.groups).toEqual([{ key: { launchYear: 2022 }, count: 1 }, { key: { launchYear: 2024 }, count: 3 }]);
  });

  it('speakers by organisation', async () => {
    const { groups, statements } = await stats(app, `{ speakerStats(groupBy: [ORGANIZATION]) { key { organization { shortName parent { name } } } count } }`);
    expect(groups).toEqual([
      { key: { organization: { shortName: 'Департамент госполитики в сфере СПО и профобучения', parent: { name: 'Минпросвещения России' } } }, count: 1 },
      { key: { organization: { shortName: null, parent: { name: 'Институт развития профессионального образования' } } }, count: 1 },
    ]);
    expect(statements).toBe(3);
  });

  it('sessions by kind and forum; undated sessions have null dates', async () => {
    const { groups } = await stats(app, `{ sessionStats(groupBy: [FORUM, KIND]) { key { forum { edition } kind year } count minDate { iso } } }`);
    expect(groups.map((g) => [g.key.forum.edition, g.key.kind, g.count])).toEqual([
      [8, 'DISCUSSION', 1], [8, 'PROJECT_SESSION', 3], [8, 'STRATEGIC_SESSION', 1], [null, 'OTHER', 1], [null, 'PLENARY', 1],
    ]);
    expect(groups.every((g) => g.minDate === null && g.key.year === null)).toBe(true);
    expect(await totalCount('sessions', `{ forum: { edition: { equals: 8 } }, kind: { equals: PROJECT_SESSION } }`)).toBe(3);
    const years = await stats(app, `{ sessionStats(groupBy: [YEAR, MONTH]) { key { year month } count } }`);
    expect(years.groups).toEqual([{ key: { year: null, month: null }, count: 7 }]);
  });

  it('organisations by kind, region and parent', async () => {
    const { groups, statements } = await stats(app, `{ organizationStats(groupBy: [KIND, REGION, PARENT]) {
      key { kind region { name federalDistrict { name } } parent { name } } count } }`);
    expect(groups.map((g) => [g.key.kind, g.key.region?.name ?? null, g.key.parent?.name ?? null, g.count])).toEqual([
      ['COLLEGE', 'Калужская', null, 1],
      ['COLLEGE', 'Кемеровская область - Кузбасс', null, 2],
      ['COLLEGE', 'Московская', null, 3],
      ['COLLEGE', 'Тюменская', null, 6],
      ['DEPARTMENT', null, 'Институт развития профессионального образования', 1],
      ['DEPARTMENT', null, 'Минпросвещения России', 1],
      ['ENTERPRISE', null, null, 4],
      ['INSTITUTE', null, null, 1],
      ['MINISTRY', null, null, 1],
    ]);
    // The GROUP BY, then regions, organisations and (for the regions) districts: one statement each.
    expect(statements).toBe(4);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(await totalCount('organizations', '{}'));
  });

  it('forums by year and region, with min/max start date and edition', async () => {
    const { groups } = await stats(app, `{ forumStats(groupBy: [REGION, YEAR]) {
      key { region { isoCode } year } count minStartDate { iso } maxStartDate { iso } minEdition maxEdition } }`);
    expect(groups.map((g) => [g.key.region?.isoCode ?? null, g.key.year, g.count, g.minStartDate?.iso ?? null, g.minEdition])).toEqual([
      ['RU-BU', 2013, 1, '2013-07-03', 5],
      ['RU-BU', 2015, 1, '2015-07-01', 7],
      ['RU-BU', null, 1, null, 8],
      [null, 2023, 1, '2023-11-04', null],
    ]);
    const totals = await stats(app, `{ forumStats(where: { region: { isoCode: { equals: "RU-BU" } } }, groupBy: []) { count minStartDate { iso } maxStartDate { iso } minEdition maxEdition } }`);
    expect(totals.groups).toEqual([{ count: 3, minStartDate: { iso: '2013-07-03' }, maxStartDate: { iso: '2015-07-01' }, minEdition: 5, maxEdition: 8 }]);
  });

  it('publications by kind and month keep partial dates as given', async () => {
    const { groups } = await stats(app, `{ publicationStats(groupBy: [KIND, MONTH]) { key { kind month } count minPublishedAt { iso precision } maxPublishedAt { iso } } }`);
    expect(groups.map((g) => [g.key.kind, g.key.month, g.count, g.minPublishedAt?.iso ?? null, g.maxPublishedAt?.iso ?? null])).toEqual([
      ['ARTICLE', null, 1, null, null],
      ['DATASET', '2022-12', 1, '2022-12-19', '2022-12-19'],
      ['REFERENCE', '2022-04', 1, '2022-04-19', '2022-04-19'],
      ['REFERENCE', '2024-04', 3, '2024-04-16', '2024-04-18'],
      ['REFERENCE', '2024-11', 1, '2024-11-25', '2024-11-25'],
      ['REFERENCE', '2025-08', 1, '2025-08-12', '2025-08-12'],
      ['REFERENCE', '2025-09', 1, '2025-09-19', '2025-09-19'],
      ['REFERENCE', null, 18, null, null],
      ['TEASER', '2024-04', 4, '2024-04', '2024-04'],
    ]);
    expect(groups.find((g) => g.key.kind === 'TEASER').minPublishedAt.precision).toBe('MONTH');
    expect(await totalCount('publications', `{ publishedAt: { equals: "2024-04" } }`)).toBe(4);
    const years = await stats(app, `{ publicationStats(groupBy: [YEAR]) { key { year } count } }`);
    expect(years.groups.map((g) => [g.key.year, g.count])).toEqual([[2022, 2], [2024, 8], [2025, 2], [null, 19]]);
    expect(years.groups.reduce((sum: number, g: any) => sum + g.count, 0)).toBe(await totalCount('publications', '{}'));
  });
});

describe('SQL statements', () => {
  it('one for the GROUP BY, however complex the filter, and none for keys not grouped by', async () => {
    const where = `{ federalDistricts: { some: { name: { startsWith: "с" } } }, OR: [{ kind: { equals: DEMO_EXAM } }, { title: { contains: "день" } }] }`;
    const { groups, statements } = await stats(app, `{ clusterEventStats(where: ${where}, groupBy: [KIND, MONTH]) { key { kind month federalDistrict { name } parent { title } } count } }`);
    expect(groups).toEqual([
      { key: { kind: 'DEMO_EXAM', month: '2024-04', federalDistrict: null, parent: null }, count: 1 },
      { key: { kind: 'DEMO_EXAM', month: null, federalDistrict: null, parent: null }, count: 3 },
    ]);
    expect(statements).toBe(1);
  });

  it('one more per entity type resolved in the keys, not per group', async () => {
    const { groups, statements } = await stats(app, `{ clusterEventStats(groupBy: [FEDERAL_DISTRICT, PARENT]) { key { federalDistrict { name } parent { title } } count } }`);
    expect(groups).toHaveLength(18);
    expect(groups.slice(-2)).toEqual([
      { key: { federalDistrict: null, parent: { title: 'Встреча по развитию Всероссийского чемпионатного движения по профессиональному мастерству' } }, count: 1 },
      { key: { federalDistrict: null, parent: null }, count: 8 },
    ]);
    expect(statements).toBe(3);
  });
});

describe('refusals', () => {
  it('a key given twice, naming its position', async () => {
    const error = await refused(`{ clusterEventStats(groupBy: [KIND, YEAR, KIND]) { count } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy[2]' });
    expect(error.message).toBe('groupBy[2]: expected each key at most once; received KIND again (first at groupBy[0])');
  });

  it('a bad where value, naming its path', async () => {
    const error = await refused(`query($d: ID) { clusterStats(where: { region: { id: { equals: $d } } }, groupBy: [REGION]) { count } }`, { d: toGlobalId('Forum', 'x') });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.region.id.equals' });
  });

  it('an unknown key is a validation error', async () => {
    const error = await refused(`{ speakerStats(groupBy: [KIND]) { count } }`);
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('over a synthetic graph', () => {
  let big: TestApp;
  beforeAll(async () => {
    big = await startTestApp();
    await addSyntheticGraph(big.database.dataSource, { forums: 11, sessionsPerForum: 50, events: 5 });
    const sql = big.database.dataSource;
    await sql.query(`UPDATE cluster_event SET reported_cluster_count = 3 WHERE id LIKE 'synthetic-%'`);
    await sql.query(`UPDATE cluster_event SET start_date = '2030', start_date_from = '2030-01-01' WHERE id = 'synthetic-event-0'`);
    await sql.query(`UPDATE cluster_event SET start_date = '2030-01', start_date_from = '2030-01-01' WHERE id = 'synthetic-event-1'`);
    await sql.query(`UPDATE cluster SET industry = 'машиностроение', industry_fold = 'машиностроение' WHERE id = 'kaluga-technical-college-mechanical-engineering'`);
  });
  afterAll(async () => {
    await closeResolvers(big);
    await big.close();
  });

  const SYNTHETIC = `{ title: { startsWith: "синтетическое" } }`;

  it('an event linked to three clusters of one region counts once there, and its measures once', async () => {
    const { groups } = await stats(big, `{ clusterEventStats(where: ${SYNTHETIC}, groupBy: [REGION]) { key { region { name } } count sumReportedClusterCount } }`);
    expect(groups).toEqual([{ key: { region: { name: 'Бурятия' } }, count: 5, sumReportedClusterCount: 15 }]);
    const list = dataOf(await big.gql(`{ clusterEvents(where: { AND: [${SYNTHETIC}, { clusters: { some: { region: { isoCode: { equals: "RU-BU" } } } } }] }) { totalCount } }`));
    expect(list.clusterEvents.totalCount).toBe(5);
  });

  it('a date known only to its year has a year and no month; min/max compare by first day, then last', async () => {
    const { groups } = await stats(big, `{ clusterEventStats(where: ${SYNTHETIC}, groupBy: [YEAR, MONTH]) {
      key { year month } count minStartDate { iso precision } maxStartDate { iso precision } } }`);
    expect(groups).toEqual([
      { key: { year: 2030, month: '2030-01' }, count: 4, minStartDate: { iso: '2030-01', precision: 'MONTH' }, maxStartDate: { iso: '2030-01-05', precision: 'DAY' } },
      { key: { year: 2030, month: null }, count: 1, minStartDate: { iso: '2030', precision: 'YEAR' }, maxStartDate: { iso: '2030', precision: 'YEAR' } },
    ]);
    const all = await stats(big, `{ clusterEventStats(where: { OR: [${SYNTHETIC}, { kind: { equals: CHAMPIONSHIP } }] }, groupBy: []) { minStartDate { iso } maxStartDate { iso } } }`);
    expect(all.groups).toEqual([{ minStartDate: { iso: '2023-11-24' }, maxStartDate: { iso: '2030-01-05' } }]);
  });

  it('groups text as filters compare it, and shows the first spelling by code point', async () => {
    const { groups } = await stats(big, `{ clusterStats(where: { industry: { startsWith: "маш" } }, groupBy: [INDUSTRY]) { key { industry } count } }`);
    expect(groups).toEqual([{ key: { industry: 'Машиностроение' }, count: 2 }]);
  });

  it('answers up to 1000 groups and refuses a grouping into more', async () => {
    // 11 forums × 50 sessions × 2 speakers, each of their own organisation: forums 0 to 9 have 1,000.
    const thousand = `{ fullName: { startsWith: "синтетический" }, NOT: [{ fullName: { startsWith: "синтетический докладчик 10." } }] }`;
    const query = (where: string) => `{ speakerStats(where: ${where}, groupBy: [ORGANIZATION]) { key { organization { name } } count } }`;
    const answered = await stats(big, query(thousand));
    expect(answered.groups).toHaveLength(1000);
    expect(answered.groups.every((g) => g.count === 1)).toBe(true);
    expect(answered.statements).toBe(2);
    const response = await big.gql(query(`{ OR: [${thousand}, { fullName: { equals: "синтетический докладчик 10.0.0" } }] }`));
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(response.errors![0].message).toBe(
      'groupBy: expected a grouping into at most 1000 groups; received one into more. Narrow `where` or group by fewer keys',
    );
    const totals = await stats(big, `{ speakerStats(groupBy: []) { count } }`);
    expect(totals.groups).toEqual([{ count: 1102 }]);
  });
});

describe('the cluster-event summary (stats_rollup_state, cluster_event_rollup)', () => {
  const GROUPINGS = [
    ['KIND'], ['YEAR'], ['MONTH'], ['FEDERAL_DISTRICT'], ['YEAR', 'MONTH'], ['MONTH', 'YEAR'], ['FEDERAL_DISTRICT', 'MONTH'],
    ['MONTH', 'FEDERAL_DISTRICT'], ['KIND', 'FEDERAL_DISTRICT'], ['FEDERAL_DISTRICT', 'KIND', 'YEAR'], ['KIND', 'YEAR', 'MONTH', 'FEDERAL_DISTRICT'],
  ];
  const query = (where: string, groupBy: string[]) => `{ clusterEventStats(${where}groupBy: [${groupBy.join(', ')}]) {
    key { kind year month federalDistrict { id } } count minStartDate { iso precision } maxStartDate { iso precision } sumReportedClusterCount } }`;

  /** Each grouping without `where` (the summary) equals the same grouping with an always-true `where` (grouped live). */
  async function sameAsLive(target: TestApp) {
    for (const groupBy of GROUPINGS) {
      const summary = await stats(target, query('', groupBy));
      const live = await stats(target, query('where: { AND: [] }, ', groupBy));
      expect(summary.groups).toEqual(live.groups);
      expect(summary.groups.length).toBeGreaterThan(0);
      // One statement for the groups (the summary), and one for the districts where they are asked for.
      expect(summary.statements).toBe(groupBy.includes('FEDERAL_DISTRICT') ? 2 : 1);
    }
  }

  it('answers every grouping of its keys as the live grouping does, on the real data', async () => {
    await sameAsLive(app);
  });

  it('stays fresh in the published stage when the drafts are made from it (a first start)', async () => {
    // The drafts are a copy of the published records, written by the published database's own
    // connection (into `draft.` tables): that copy makes the drafts' summaries stale, not these.
    const staged = await startTestApp({ draft: true });
    try {
      const rows = await staged.database.read('SELECT name, generation, built FROM stats_rollup_state ORDER BY name', []);
      expect(rows.map((row) => [row.name, Number(row.built) === Number(row.generation)])).toEqual([
        ['cluster_event', true],
        ['search_top', true],
      ]);
    } finally {
      await staged.close();
    }
  });

  it('is not used once its tables are written to, until it is refreshed', async () => {
    const target = await startTestApp();
    try {
      await sameAsLive(target);
      const before = await stats(target, query('', ['KIND']));
      // A write the summary has not seen: the triggers mark it stale, the stats are grouped live.
      await target.database.dataSource.query(
        `INSERT INTO cluster_event (id, title, title_fold, kind) VALUES ('written-later', 'Событие', 'событие', 'MEETING')`,
      );
      const stale = await stats(target, query('', ['KIND']));
      expect(stale.statements).toBe(2);
      // The compiled summary gives no rows either: the resolvers answer, live.
      expect(stale.compiled).toBe(false);
      const meeting = (groups: any[]) => groups.find((g) => g.key.kind === 'MEETING').count;
      expect(meeting(stale.groups)).toBe(meeting(before.groups) + 1);
      const { refreshRollups } = await import('../src/modules/stats/stats.rollup');
      await refreshRollups(target.database.dataSource);
      const fresh = await stats(target, query('', ['KIND']));
      expect(fresh.statements).toBe(1);
      expect(fresh.compiled).toBe(true);
      expect(fresh.groups).toEqual(stale.groups);
      // Deleting is a write too.
      await target.database.dataSource.query(`DELETE FROM cluster_event WHERE id = 'written-later'`);
      const afterDelete = await stats(target, query('', ['KIND']));
      expect(afterDelete.statements).toBe(2);
      expect(afterDelete.compiled).toBe(false);
      expect(afterDelete.groups).toEqual(before.groups);
    } finally {
      await closeResolvers(target);
      await target.close();
    }
  });

  it('answers as the live grouping does on synthetic data once refreshed', async () => {
    const target = await startTestApp();
    try {
      await addSyntheticGraph(target.database.dataSource, { forums: 1, sessionsPerForum: 1, events: 60 });
      const { refreshRollups } = await import('../src/modules/stats/stats.rollup');
      await refreshRollups(target.database.dataSource);
      await sameAsLive(target);
    } finally {
      await closeResolvers(target);
      await target.close();
    }
  });
});
