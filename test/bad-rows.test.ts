import { parse } from 'csv-parse/sync';
import { toGlobalId } from '../src/shared/global-id';
import { type GraphQLResponse, type TestApp, alsoServe, captureLogger, startTestApp } from './support/app';

/**
 * One bad published record never breaks a read for anyone else: rows written past their column's
 * GraphQL type (as an old import could, or a hand edit) read as null in that field alone, with an
 * INVALID_STORED_VALUE error at its path, by every read path and both engines.
 */
let app: TestApp;
let resolving: Awaited<ReturnType<typeof alsoServe>>;
let logged: Record<string, any>[];
const postgres = () => app.database.dialect.name === 'postgres';

const BAD_FORUMS = { 'baikal-education-forum-5': '1e300', 'baikal-education-forum-7': '3000000000' };
const BAD_CLUSTER = 'kuznetsk-industrial-technical-school-metallurgy';

beforeAll(async () => {
  const capture = captureLogger();
  logged = capture.lines;
  app = await startTestApp({ logger: capture.logger });
  resolving = await alsoServe(app, { graphqlCompile: false, graphqlJit: false });
  const query = (text: string) => app.database.dataSource.query(text);
  // On PostgreSQL an integer column cannot hold them: a schema with wider columns (bigint, real) can.
  if (postgres()) {
    await query('ALTER TABLE forum ALTER COLUMN edition TYPE double precision');
    await query('ALTER TABLE cluster ALTER COLUMN launch_year TYPE bigint');
  }
  for (const [key, value] of Object.entries(BAD_FORUMS)) await query(`UPDATE forum SET edition = ${value} WHERE id = '${key}'`);
  await query(`UPDATE cluster SET launch_year = 3000000000 WHERE id = '${BAD_CLUSTER}'`);
});
afterAll(async () => {
  await resolving?.close();
  await app?.close();
});

const badInt = (path: (string | number)[], value: string) => ({
  message: `A stored value does not fit the field's type, so it reads as null (fix the record): Int cannot represent non 32-bit signed integer value: ${value}.`,
  path,
  code: 'INVALID_STORED_VALUE',
});
const errorsOf = (response: GraphQLResponse) => (response.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }));

describe('an out-of-range Int in a published row', () => {
  const FORUMS = '{ forums(orderBy: [{ title: ASC }]) { totalCount nodes { title edition } } }';

  it('reads as null with INVALID_STORED_VALUE for that field only: compiled, graphql-jit and graphql-js alike', async () => {
    const compiled = await app.gql(FORUMS);
    const resolved = await resolving.gql(FORUMS);
    expect(compiled.data).toEqual({
      forums: {
        totalCount: 4,
        nodes: [
          { title: 'V Байкальский образовательный форум', edition: null },
          { title: 'VII Байкальский образовательный форум', edition: null },
          { title: 'VIII Байкальский образовательный форум', edition: 8 },
          { title: 'Международная выставка-форум «Россия»', edition: null },
        ],
      },
    });
    expect(errorsOf(compiled)).toEqual([badInt(['forums', 'nodes', 0, 'edition'], '1e+300'), badInt(['forums', 'nodes', 1, 'edition'], '3000000000')]);
    expect(resolved.data).toEqual(compiled.data);
    expect(errorsOf(resolved)).toEqual(errorsOf(compiled));
    // graphql-jit (from a query's second run) says the same.
    const jit = await alsoServe(app, { graphqlCompile: false, graphqlJit: true, graphqlJitAfter: 1 });
    try {
      for (let run = 0; run < 2; run++) {
        const answer = await jit.gql(FORUMS);
        expect([answer.data, errorsOf(answer)]).toEqual([compiled.data, errorsOf(compiled)]);
      }
    } finally {
      await jit.close();
    }
    // The compiled statement gave way to the resolvers: never `1.0e+300` for an Int.
    expect(compiled.extensions?.sql?.compiled).toBe(false);
  });

  it('never breaks node(id:), search or stats', async () => {
    const node = await app.gql(`{ node(id: "${toGlobalId('Forum', 'baikal-education-forum-5')}") { ... on Forum { title edition } } }`);
    expect(node.data).toEqual({ node: { title: 'V Байкальский образовательный форум', edition: null } });
    expect(errorsOf(node)).toEqual([badInt(['node', 'edition'], '1e+300')]);

    const search = await app.gql('{ search(query: "Байкальский образовательный форум", first: 20) { nodes { node { ... on Forum { title edition } } } } }');
    const forums = search.data?.search.nodes.map((n: any) => n.node).filter((n: any) => n.title?.includes('Байкальский'));
    expect(forums.sort((a: any, b: any) => a.title.localeCompare(b.title))).toEqual([
      { title: 'V Байкальский образовательный форум', edition: null },
      { title: 'VII Байкальский образовательный форум', edition: null },
      { title: 'VIII Байкальский образовательный форум', edition: 8 },
    ]);
    expect(search.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_STORED_VALUE', 'INVALID_STORED_VALUE']);

    for (const server of [app, resolving]) {
      const stats = await server.gql('{ forumStats(groupBy: []) { count minEdition maxEdition } clusterStats(groupBy: []) { count maxLaunchYear } }');
      expect(stats.data?.forumStats).toEqual([{ count: 4, minEdition: 8, maxEdition: null }]);
      expect(stats.data?.clusterStats[0].maxLaunchYear).toBeNull();
      expect(errorsOf(stats).sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual([
        badInt(['clusterStats', 0, 'maxLaunchYear'], '3000000000'),
        badInt(['forumStats', 0, 'maxEdition'], '1e+300'),
      ]);
    }
  });

  it('is an empty cell in the CSV export and null in the JSON export, logged; the other rows are whole', async () => {
    const before = logged.length;
    const csv = await app.get(`/export/forums.csv?orderBy=${encodeURIComponent('[{"title":"ASC"}]')}`);
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(csv.text, { bom: true, columns: true, record_delimiter: '\r\n' });
    expect(rows.map((r) => [r.title, r.edition])).toEqual([
      ['V Байкальский образовательный форум', ''],
      ['VII Байкальский образовательный форум', ''],
      ['VIII Байкальский образовательный форум', '8'],
      ['Международная выставка-форум «Россия»', ''],
    ]);
    const json = await app.get<{ edition: number | null }[]>(`/export/forums.json?orderBy=${encodeURIComponent('[{"title":"ASC"}]')}`);
    expect(json.status).toBe(200);
    expect(json.body.map((r) => r.edition)).toEqual([null, null, 8, null]);
    const lines = logged.slice(before).filter((line) => /Int cannot represent/.test(String(line.err?.message)));
    expect(lines).toHaveLength(4);
  });

  it('never breaks the calendar: the forum is in the feed, its other fields whole', async () => {
    const feed = await app.get('/calendar.ics?types=forum');
    expect(feed.status).toBe(200);
    const { text } = feed;
    expect(text).toContain(`UID:${toGlobalId('Forum', 'baikal-education-forum-5')}@`);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });
});

/** SQLite keeps any value in any column: a BLOB in a text column is the bad row it allows. */
const onSqlite = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '') ? describe.skip : describe;

onSqlite('a BLOB in a published text column (SQLite)', () => {
  const KEY = 'russia-international-exhibition-forum';
  beforeAll(async () => {
    await app.database.dataSource.query(`UPDATE forum SET theme = x'00ff' WHERE id = '${KEY}'`);
    // And one in a non-null column, which GraphQL cannot null alone: its whole list is null.
    await app.database.dataSource.query(`UPDATE forum SET title = x'00ff' WHERE id = 'baikal-education-forum-7'`);
  });
  afterAll(async () => {
    await app.database.dataSource.query(`UPDATE forum SET theme = NULL WHERE id = '${KEY}'`);
    await app.database.dataSource.query(`UPDATE forum SET title = 'VII Байкальский образовательный форум' WHERE id = 'baikal-education-forum-7'`);
  });

  it('reads as null with INVALID_STORED_VALUE in lists, compiled and resolved alike', async () => {
    const query = `{ forums(where: { id: { in: ["${toGlobalId('Forum', KEY)}"] } }) { nodes { title theme } } }`;
    for (const server of [app, resolving]) {
      const answer = await server.gql(query);
      expect(answer.data).toEqual({ forums: { nodes: [{ title: 'Международная выставка-форум «Россия»', theme: null }] } });
      expect(answer.errors?.map((e) => [e.extensions?.code, e.path])).toEqual([['INVALID_STORED_VALUE', ['forums', 'nodes', 0, 'theme']]]);
    }
  });

  it('leaves both records out of the calendar, the other in', async () => {
    const feed = await app.get('/calendar.ics?types=forum');
    expect(feed.status).toBe(200);
    const { text } = feed;
    expect(text.match(/^UID:.*$/gm)).toEqual([`UID:${toGlobalId('Forum', 'baikal-education-forum-5')}@professionalitet-graph`]);
  });
});

onSqlite('an infinite Float in a non-null column (SQLite)', () => {
  beforeAll(async () => {
    await app.database.dataSource.query(`UPDATE figure SET value = 1e999 WHERE id = 'clusters-2022'`);
  });
  afterAll(async () => {
    await app.database.dataSource.query(`UPDATE figure SET value = 70 WHERE id = 'clusters-2022'`);
  });

  it('is the same field error on both engines (never a null where the schema says non-null), and the export leaves that row out', async () => {
    const query = '{ figures(first: 3) { nodes { metric value } } }';
    const [compiled, resolved] = [await app.gql(query), await resolving.gql(query)];
    expect(compiled.data).toEqual(resolved.data);
    expect(errorsOf(compiled)).toEqual(errorsOf(resolved));
    expect(errorsOf(compiled)[0]).toMatchObject({ code: 'INVALID_STORED_VALUE', message: expect.stringContaining('Float cannot represent non numeric value: Infinity') });
    const before = logged.length;
    const exported = await app.get('/export/figures.csv');
    expect([exported.status, exported.headers.get('x-total-count')]).toEqual([200, '20']);
    const rows: Record<string, string>[] = parse(exported.text, { bom: true, columns: true, record_delimiter: '\r\n' });
    // The list could not hold the row (its value is non-null): the row is left out, the other 19 written, and logged.
    expect(rows.map((r) => r.id)).toHaveLength(19);
    expect(rows.map((r) => r.id)).not.toContain(toGlobalId('Figure', 'clusters-2022'));
    expect(logged.slice(before).filter((line) => /Float cannot represent non numeric value: Infinity/.test(String(line.err?.message)))).toHaveLength(1);
  });
});
