import { parse } from 'csv-parse/sync';
import { compileListQuery, readPages } from '../src/exports/graphql-pages';
import { Organization, OrganizationKind } from '../src/modules/organization/organization.entity';
import { createSchema } from '../src/schema';
import { foldText } from '../src/shared/text';
import { type TestApp, dataOf, startTestApp } from './support/app';
import { addSyntheticGraph } from './support/synthetic';

let app: TestApp;

/** Quote, comma, CR, LF and Cyrillic in one name: every case of RFC 4180 quoting. */
const AWKWARD_NAME = 'ООО "Рога, копыта и Ко"\r\nфилиал «Юг»\nстрока 3';

beforeAll(async () => {
  app = await startTestApp();
  // More rows than one page (100) holds, so every export below spans several pages.
  await addSyntheticGraph(app.database.dataSource, { forums: 2, sessionsPerForum: 60, events: 130 });
  await app.database.dataSource.getRepository(Organization).insert({
    key: 'synthetic-awkward',
    name: AWKWARD_NAME,
    nameFold: foldText(AWKWARD_NAME),
    kind: OrganizationKind.OTHER,
  });
});
afterAll(() => app.close());

interface Params {
  where?: unknown;
  orderBy?: unknown;
}

async function download(list: string, format: 'csv' | 'json', params: Params = {}) {
  const query = new URLSearchParams();
  if (params.where !== undefined) query.set('where', JSON.stringify(params.where));
  if (params.orderBy !== undefined) query.set('orderBy', JSON.stringify(params.orderBy));
  const response = await app.get(`/export/${list}.${format}?${query}`);
  return { response, bytes: response.bytes, text: response.text };
}

/** Parses a CSV strictly: records end with CRLF; a BOM is required. */
function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const records: string[][] = parse(text.slice(1), { record_delimiter: '\r\n', relax_column_count: false });
  const [header, ...rest] = records;
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]]))) };
}

/** Every node of a GraphQL list under `params`, walking its pages, and its totalCount. */
async function graphqlList(list: string, types: [string | null, string], params: Params, selection = 'id') {
  const [whereType, orderByType] = types;
  const vars = [`$after: String`, `$orderBy: [${orderByType}!]`, ...(whereType ? [`$where: ${whereType}`] : [])];
  const args = ['first: 100', 'after: $after', 'orderBy: $orderBy', ...(whereType ? ['where: $where'] : [])];
  const query = `query(${vars.join(', ')}) { list: ${list}(${args.join(', ')}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`;
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const data: any = dataOf(await app.gql(query, { after, where: params.where, orderBy: params.orderBy }));
    nodes.push(...data.list.nodes);
    totalCount = data.list.totalCount;
    if (!data.list.pageInfo.hasNextPage) return { nodes, totalCount };
    after = data.list.pageInfo.endCursor;
  }
}

const LISTS: Record<string, [string | null, string]> = {
  sessions: ['SessionWhere', 'SessionOrderBy'],
  speakers: ['SpeakerWhere', 'SpeakerOrderBy'],
  organizations: ['OrganizationWhere', 'OrganizationOrderBy'],
  forums: ['ForumWhere', 'ForumOrderBy'],
  clusters: ['ClusterWhere', 'ClusterOrderBy'],
  clusterEvents: ['ClusterEventWhere', 'ClusterEventOrderBy'],
  regions: ['RegionWhere', 'RegionOrderBy'],
  federalDistricts: ['FederalDistrictWhere', 'FederalDistrictOrderBy'],
  publications: ['PublicationWhere', 'PublicationOrderBy'],
  figures: [null, 'FigureOrderBy'],
};

describe('CSV exports hold the rows of the GraphQL list', () => {
  it.each(Object.keys(LISTS))('%s: a BOM, a header and every row, in the order of the list', async (list) => {
    const { response, text } = await download(list, 'csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${list}.csv"`);
    const { header, rows } = parseCsv(text);
    expect(header[0]).toBe('id');
    const expected = await graphqlList(list, LISTS[list], {});
    expect(rows.map((r) => r.id)).toEqual(expected.nodes.map((n) => n.id));
    expect(rows).toHaveLength(expected.totalCount);
    expect(response.headers.get('x-total-count')).toBe(String(expected.totalCount));
  });

  it('streams a list of several pages, chunked, in the order of the list', async () => {
    const { response, text } = await download('speakers', 'csv', { orderBy: [{ fullName: 'DESC' }] });
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const { rows } = parseCsv(text);
    const expected = await graphqlList('speakers', LISTS.speakers, { orderBy: [{ fullName: 'DESC' }] }, 'id fullName');
    expect(expected.totalCount).toBeGreaterThan(200);
    expect(rows.map((r) => [r.id, r.full_name])).toEqual(expected.nodes.map((n) => [n.id, n.fullName]));
  });

  it('reads the list a page of at most 100 rows at a time', async () => {
    const schema = await createSchema();
    const query = compileListQuery(schema, 'speakers', '{ id }');
    const sizes: number[] = [];
    for await (const page of readPages(schema, app.database, query, { where: { fullName: { startsWith: 'синтетический' } } })) {
      sizes.push(page.nodes.length);
    }
    expect(sizes).toEqual([100, 100, 40]);
  });

  it('takes the where and orderBy of the GraphQL list, through relations too', async () => {
    const cases: [string, Params][] = [
      ['clusterEvents', { where: { kind: { equals: 'OPEN_DAY' } }, orderBy: [{ startDate: 'DESC' }] }],
      ['sessions', { where: { forum: { edition: { equals: 8 } } }, orderBy: [{ kind: 'ASC' }, { title: 'DESC' }] }],
      ['clusterEvents', { where: { federalDistricts: { some: { name: { equals: 'дальневосточный' } } } } }],
      ['regions', { where: { NOT: [{ federalDistrict: { name: { equals: 'Сибирский' } } }] }, orderBy: { isoCode: 'DESC' } }],
      ['speakers', { where: { organization: { name: { startsWith: 'синтетическая организация 1.' } } } }],
      ['organizations', { where: { name: { contains: 'рога' } } }],
    ];
    for (const [list, params] of cases) {
      const { response, text } = await download(list, 'csv', params);
      expect({ list, params, status: response.status }).toEqual({ list, params, status: 200 });
      const expected = await graphqlList(list, LISTS[list], params);
      expect(expected.totalCount).toBeGreaterThan(0);
      expect({ list, params, ids: parseCsv(text).rows.map((r) => r.id) }).toEqual({ list, params, ids: expected.nodes.map((n) => n.id) });
    }
  });

  it('gives the forum of each session in its columns', async () => {
    const { text } = await download('sessions', 'csv', { where: { forum: { edition: { equals: 8 } } } });
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(['id', 'title', 'kind', 'date', 'forum_id', 'forum_title', 'parent_id', 'parent_title']);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.forum_title))).toEqual(new Set(['VIII Байкальский образовательный форум']));
    expect(rows.map((r) => r.title)).toContain('Педагогические кадры СПО новой формации');
  });
});

describe('CSV quoting (RFC 4180)', () => {
  it('round-trips quotes, commas, CR and LF, and quotes exactly the fields that need it', async () => {
    const { text } = await download('organizations', 'csv', { where: { name: { startsWith: 'ооо "рога' } } });
    const { rows } = parseCsv(text);
    expect(rows.map((r) => r.name)).toEqual([AWKWARD_NAME]);
    expect(text).toContain(',"ООО ""Рога, копыта и Ко""\r\nфилиал «Юг»\nстрока 3",');
  });

  it('keeps Russian text intact, and ends every record with CRLF', async () => {
    const { bytes, text } = await download('clusterEvents', 'csv', { where: { kind: { equals: 'OPEN_DAY' } } });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = parseCsv(text);
    const openDay = rows.find((r) => r.start_date === '2024-04-20')!;
    expect(openDay.title).toBe('Единый день открытых дверей');
    expect(openDay.description).toMatch(/^В 370 кластерах федерального проекта «Профессионалитет», объединяющего колледжи, техникумы/);
    expect(openDay.reported_region_count).toBe('79');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes a to-many relation as its names joined by "; "', async () => {
    const { text } = await download('clusterEvents', 'csv', { where: { title: { startsWith: 'Окружные сессии' } } });
    const [row] = parseCsv(text).rows;
    expect(row.federal_districts.split('; ')).toHaveLength(8);
    expect(row.federal_districts).toContain('Дальневосточный');
  });
});

describe('JSON exports', () => {
  it('are the GraphQL nodes, flattened to the columns of the CSV', async () => {
    const params = { where: { forum: { title: { contains: 'синтетический форум 1' } } }, orderBy: [{ title: 'DESC' }] };
    const { response, text } = await download('sessions', 'json', params);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const expected = await graphqlList('sessions', LISTS.sessions, params, 'id title kind date { iso } forum { id title } parent { id title }');
    expect(expected.totalCount).toBe(60);
    expect(JSON.parse(text)).toEqual(
      expected.nodes.map((n) => ({
        id: n.id,
        title: n.title,
        kind: n.kind,
        date: n.date?.iso ?? null,
        forum_id: n.forum?.id ?? null,
        forum_title: n.forum?.title ?? null,
        parent_id: n.parent?.id ?? null,
        parent_title: n.parent?.title ?? null,
      })),
    );
  });

  it('keep numbers as numbers and a to-many relation as a list', async () => {
    const { text } = await download('clusterEvents', 'json', { where: { kind: { equals: 'OPEN_DAY' } } });
    const rows = JSON.parse(text);
    const expected = await graphqlList('clusterEvents', LISTS.clusterEvents, { where: { kind: { equals: 'OPEN_DAY' } } }, 'id reportedRegionCount federalDistricts { name }');
    expect(rows.map((r: any) => [r.id, r.reported_region_count, r.federal_districts])).toEqual(
      expected.nodes.map((n) => [n.id, n.reportedRegionCount, n.federalDistricts.map((d: any) => d.name)]),
    );
  });

  it('are a valid empty array when nothing matches', async () => {
    const { response, text } = await download('forums', 'json', { where: { title: { equals: 'нет такого форума' } } });
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual([]);
  });
});

describe('refusals', () => {
  async function refusal(path: string) {
    const { status, body } = await app.get<{ error: { code: string; message: string; argument?: string; lists?: string[] } }>(path);
    return { status, body };
  }
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

  it('answer a where the GraphQL list refuses with 400 and its message', async () => {
    const where = { OR: [{ kind: { equals: 'OPEN_DAY' } }, { startDate: { gte: '2024-13' } }] };
    const graphql = await app.gql('query($w: ClusterEventWhere) { clusterEvents(where: $w) { totalCount } }', { w: where });
    const { status, body } = await refusal(`/export/clusterEvents.csv?${q({ where: JSON.stringify(where) })}`);
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: 'BAD_USER_INPUT', message: graphql.errors![0].message, argument: 'where.OR[1].startDate.gte' });
  });

  it('answer a where or orderBy that does not fit the schema with 400', async () => {
    const field = await refusal(`/export/clusterEvents.csv?${q({ where: '{"kind":{"equals":"OPEN"}}' })}`);
    expect(field).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', argument: 'where' } } });
    expect(field.body.error.message).toContain('Value "OPEN" does not exist in "ClusterEventKind" enum');
    const order = await refusal(`/export/forums.json?${q({ orderBy: '[{"nope":"ASC"}]' })}`);
    expect(order).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', argument: 'orderBy' } } });
    expect(order.body.error.message).toContain('Field "nope" is not defined by type "ForumOrderBy"');
  });

  it('answer bad parameters with 400 naming them', async () => {
    const notJson = await refusal(`/export/forums.csv?${q({ where: '{kind:' })}`);
    expect(notJson.body.error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where' });
    expect(notJson.body.error.message).toMatch(/^where: expected JSON, e\.g\. .*; received "\{kind:"$/);
    const unknown = await refusal(`/export/forums.csv?filter=1`);
    expect(unknown.body.error.message).toBe('filter: expected one of the parameters where, orderBy, stage; received filter="1"');
    const twice = await refusal(`/export/forums.csv?where={}&where={}`);
    expect(twice).toMatchObject({ status: 400, body: { error: { argument: 'where' } } });
    const noWhere = await refusal(`/export/figures.csv?${q({ where: '{}' })}`);
    expect(noWhere.body.error.message).toBe('where: the figures export takes no where; received "{}"');
  });

  it('answer an unknown list or format with 404', async () => {
    const list = await refusal('/export/events.csv');
    expect(list.status).toBe(404);
    expect(list.body.error.lists).toEqual(Object.keys(LISTS));
    expect(list.body.error.message).toContain('expected one of sessions, speakers, organizations, forums');
    const format = await refusal('/export/forums.xlsx');
    expect(format).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No export format "xlsx": expected /export/forums.csv or /export/forums.json' } } });
  });

  it('list the exports at /export', async () => {
    const { body } = await app.get<{ exports: { list: string; csv: string; where: string | null; columns: string[] }[] }>('/export');
    expect(body.exports.map((e) => e.list)).toEqual(Object.keys(LISTS));
    expect(body.exports.find((e) => e.list === 'clusters')).toMatchObject({ csv: '/export/clusters.csv', where: 'ClusterWhere' });
  });
});
