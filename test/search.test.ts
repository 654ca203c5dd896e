import { reindexAll } from '../src/modules/search/search.indexer';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { type GraphQLResponse, type TestApp, dataOf, startTestApp } from './support/app';
import { SEARCH } from './support/search';
import { addSyntheticGraph } from './support/synthetic';

/**
 * Full-text search on the real data set. Every expectation names exact hits, so the run on
 * SQLite (FTS5) and the run on PostgreSQL (tsvector) check the same thing.
 */

interface Hit {
  id: string;
  score: number;
  highlight: string | null;
}

/** "Type:key" of a global ID, for readable expectations. */
const key = (id: string) => Buffer.from(id, 'base64url').toString('utf8');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

async function page(query: string, args: { types?: string[]; first?: number; after?: string } = {}, on = app) {
  const response = await on.gql(SEARCH, { query, ...args });
  const search = dataOf(response).search;
  const hits: Hit[] = search.edges.map((e: any) => ({ id: key(e.node.node.id), score: e.node.score, highlight: e.node.highlight }));
  return { ...search, hits, statements: response.extensions!.sql!.statements as number };
}

/** The hits of a query (first page of 100), as sorted "Type:key" strings. */
const ids = async (query: string, types?: string[], on = app) =>
  (await page(query, { types, first: 100 }, on)).hits.map((h: Hit) => h.id).sort();

const KADRY = [
  'Publication:news-main',
  'Publication:teaser-graduates-2024',
  'Quote:maklina-project-analytic-session-architecture',
  'Quote:neumyvakin-opc-human-capital-centres',
  'Session:baikal-8-project-session-teaching-staff',
  'Session:russia-expo-national-priorities-day-kadry',
  'Session:russia-expo-plenary-vozmozhnosti-budushchego-kadry',
];

const TECHNICUM_SCHOOLS = ['ishim-multidisciplinary', 'kuznetsk-industrial', 'lyubertsy-gagarin', 'orekhovo-zuevo', 'tobolsk-multidisciplinary', 'tyumen-construction-industry'];
const TECHNICUM_CLUSTERS = [
  'Cluster:ishim-multidisciplinary-technical-school-agriculture',
  'Cluster:kuznetsk-industrial-technical-school-metallurgy',
  'Cluster:lyubertsy-gagarin-technical-school-cluster',
  'Cluster:orekhovo-zuevo-technical-school-cluster',
  'Cluster:tobolsk-multidisciplinary-technical-school-chemical',
  'Cluster:tyumen-construction-industry-technical-school-construction',
];
const TECHNICUM_ORGANIZATIONS = TECHNICUM_SCHOOLS.map((s) => `Organization:${s}-technical-school`);
const TECHNICUM = [
  ...TECHNICUM_CLUSTERS,
  'ClusterEvent:open-day-2024-04-20',
  ...TECHNICUM_ORGANIZATIONS,
  'Publication:news-main',
  'Publication:teaser-open-day',
  'Quote:maklina-project-analytic-session-architecture',
].sort();

describe('Russian word forms', () => {
  it.each(['кадров', 'кадры', 'Кадрами', 'КАДРЫ', 'кадр'])('«%s» finds everything about кадры, with the form marked', async (query) => {
    const result = await page(query);
    expect(result.hits.map((h: Hit) => h.id).sort()).toEqual(KADRY);
    expect(result.totalCount).toBe(KADRY.length);
    for (const hit of result.hits) expect(hit.highlight).toMatch(/<b>[Кк]адр(ы|ов|ами)?<\/b>/);
  });

  it('ranks best first: the sessions titled «Кадры» before the texts that mention them', async () => {
    const result = await page('кадры');
    expect(result.hits.slice(0, 3).map((h: Hit) => h.id.split(':')[0])).toEqual(['Session', 'Session', 'Session']);
    const scores = result.hits.map((h: Hit) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('«техникумов» finds the technical schools, their clusters and the texts about техникумы', async () => {
    expect(await ids('техникумов')).toEqual(TECHNICUM);
    expect(await ids('Техникум')).toEqual(TECHNICUM);
    const kuznetsk = (await page('техникумов')).hits.find((h: Hit) => h.id === 'Organization:kuznetsk-industrial-technical-school');
    expect(kuznetsk!.highlight).toBe('Кузнецкий индустриальный <b>техникум</b>');
  });

  it('reads ё as е, in the query and in the text', async () => {
    const expected = ['ClusterEvent:open-day-2024-04-20', 'Publication:news-main', 'Publication:ref-telegram-baikal-forum-8'];
    expect(await ids('прошёл')).toEqual(expected);
    expect(await ids('ПРОШЕЛ')).toEqual(expected);
    const event = (await page('прошел')).hits.find((h: Hit) => h.id.startsWith('ClusterEvent'));
    expect(event!.highlight).toContain('<b>прошёл</b>');
  });

  it('requires every word, wherever in the document it stands', async () => {
    expect(await ids('техникум металлургия')).toEqual(['Cluster:kuznetsk-industrial-technical-school-metallurgy']);
    expect(await ids('кадры техникума')).toEqual(['Publication:news-main', 'Quote:maklina-project-analytic-session-architecture']);
  });
});

describe('query syntax', () => {
  it('"a phrase" finds the words next to each other in order, in any form', async () => {
    const phrase = ['Publication:news-main', 'Session:baikal-8-strategic-session'];
    expect(await ids('"региональная модель"')).toEqual(phrase);
    expect(await ids('"региональных моделей"')).toEqual(phrase);
    expect(await ids('"модель региональная"')).toEqual([]);
    expect((await ids('региональная модель')).length).toBeGreaterThan(phrase.length);
    const session = (await page('"региональная модель"')).hits.find((h: Hit) => h.id === 'Session:baikal-8-strategic-session');
    expect(session!.highlight).toContain('<b>региональных</b> <b>моделей</b>');
  });

  it('a trailing * finds every word starting so', async () => {
    expect(await ids('кадр*')).toEqual([...KADRY, 'Session:baikal-8-closing-discussion'].sort());
    const closing = (await page('кадр*')).hits.find((h: Hit) => h.id === 'Session:baikal-8-closing-discussion');
    expect(closing!.highlight).toContain('<b>кадровой</b>');
  });

  it('a leading - excludes a word or a phrase', async () => {
    expect(await ids('техникум -кластер')).toEqual(
      TECHNICUM.filter((id) => !['ClusterEvent:open-day-2024-04-20', 'Publication:news-main', 'Publication:teaser-open-day'].includes(id)),
    );
    expect(await ids('техникум -"Кузнецкий индустриальный"')).toEqual(
      TECHNICUM.filter((id) => !id.includes('kuznetsk')),
    );
  });

  it('types restricts the kinds of object found', async () => {
    expect(await ids('техникумов', ['CLUSTER'])).toEqual(TECHNICUM_CLUSTERS);
    expect(await ids('техникумов', ['ORGANIZATION', 'QUOTE'])).toEqual(
      [...TECHNICUM_ORGANIZATIONS, 'Quote:maklina-project-analytic-session-architecture'].sort(),
    );
    expect(await ids('техникумов', [])).toEqual([]);
  });
});

/** Walks every page of a search, `size` hits at a time. */
async function walk(query: string, size: number, on = app) {
  const seen: string[] = [];
  let after: string | undefined;
  let total = -1;
  for (let guard = 0; guard < 500; guard++) {
    const result = await page(query, { first: size, after }, on);
    total = result.totalCount;
    expect(result.hits.length).toBeLessThanOrEqual(size);
    expect(result.pageInfo.hasPreviousPage).toBe(after !== undefined);
    seen.push(...result.hits.map((h: Hit) => h.id));
    if (!result.pageInfo.hasNextPage) break;
    after = result.pageInfo.endCursor;
  }
  return { seen, total };
}

describe('paging', () => {
  it('walks every hit once, in the order of the first page of all, with totalCount on every page', async () => {
    const all = (await page('техникумов', { first: 100 })).hits.map((h: Hit) => h.id);
    for (const size of [1, 3, 7]) {
      const { seen, total } = await walk('техникумов', size);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
      expect(total).toBe(seen.length);
    }
  });

  it('gives 20 hits when first is absent and refuses a bad first or after', async () => {
    const errorOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions;
    expect(errorOf(await app.gql(SEARCH, { query: 'кадры', first: 101 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(errorOf(await app.gql(SEARCH, { query: 'кадры', first: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(errorOf(await app.gql(SEARCH, { query: 'кадры', after: 'not a cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const other = (await page('техникумов', { first: 1 })).pageInfo.endCursor;
    const refused = await app.gql(SEARCH, { query: 'кадры', after: other });
    expect(refused.errors?.[0]?.message).toMatch(/^after: expected a cursor from this connection's edges \(it was made for another ordering\)/);
    const forms = (await page('кадры', { first: 2 })).pageInfo.endCursor;
    expect((await page('кадров', { first: 2, after: forms })).hits).toHaveLength(2);
    expect((await page('кадры', { first: 0 })).pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: null });
  });
});

describe('hostile queries', () => {
  const hostile = ['', '   ', 'а'.repeat(10_000), '"unbalanced', 'NEAR(a b)', 'a OR b', '(((', '^*:&|!', "' OR 1=1 --", '%', '_', '\\',
    '"', '*', '-', '---', 'a*b*', 'кадры:*', "кадры' & 'x", 'x NOT y', '"a" NEAR/2 "b"', '{col}:кадры', '\u0000', '\uE000', 'кадры\uE000'];

  it.each(hostile.map((q) => [q.length > 40 ? `${q.slice(0, 20)}… (${q.length} chars)` : JSON.stringify(q), q]))(
    '%s is answered as BAD_USER_INPUT or a normal result, never an internal error',
    async (_label, query) => {
      const response = await app.gql(SEARCH, { query });
      if (response.errors) {
        expect(response.errors.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors[0].message).toMatch(/^query: expected /);
      } else {
        expect(response.data.search.totalCount).toBeGreaterThanOrEqual(0);
      }
    },
  );

  it('says the limit and the length received for a long query, and keeps serving', async () => {
    const response = await app.gql(SEARCH, { query: 'а'.repeat(10_000) });
    expect(response.errors?.[0]?.message).toBe('query: expected at most 1000 characters; received 10000 characters');
    expect(await ids('кадры')).toEqual(KADRY);
  });
});

describe('highlights', () => {
  it('keep «» and escape everything but the <b> marks', async () => {
    const result = await page('приоритетов');
    const session = result.hits.find((h: Hit) => h.id === 'Session:russia-expo-national-priorities-day-kadry');
    expect(session!.highlight).toBe('День национальных <b>приоритетов</b> «Кадры»');
    for (const hit of result.hits) expect(hit.highlight!.replace(/<\/?b>/g, '')).not.toMatch(/[<>"']/);
  });

  it('cut long texts to about 160 characters around the first match, with …', async () => {
    const news = (await page('техникума')).hits.find((h: Hit) => h.id === 'Publication:news-main')!;
    expect(news.highlight).toMatch(/^….*<b>техникума<\/b>.*…$/);
    expect(news.highlight!.replace(/<\/?b>/g, '').length).toBeLessThanOrEqual(170);
  });
});

describe('cost', () => {
  it('a page of 20 hits runs one search statement and one per node type on the page', async () => {
    const result = await page('п*', { first: 20 });
    expect(result.hits).toHaveLength(20);
    expect(result.totalCount).toBe(42);
    const types = new Set(result.hits.map((h: Hit) => h.id.split(':')[0]));
    expect(types.size).toBeGreaterThan(1);
    expect(result.statements).toBe(1 + types.size);
    const few = await page('техникумов', { first: 20 });
    expect(few.hits).toHaveLength(TECHNICUM.length);
    expect(few.statements).toBe(1 + 5);
  });
});

describe('keeping the index in step', () => {
  it('loading the seeds again leaves the same documents and hits, none twice', async () => {
    const count = async (table: string) => Number((await app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const before = { documents: await count('search_document'), index: await count('search_index') };
    await loadSeeds(app.database.dataSource, projectPath('seeds'));
    expect({ documents: await count('search_document'), index: await count('search_index') }).toEqual(before);
    expect(await ids('кадры')).toEqual(KADRY);
  });
});

describe('data written outside the seed loader, indexed by reindexAll', () => {
  let synthetic: TestApp;
  beforeAll(async () => {
    synthetic = await startTestApp();
    await addSyntheticGraph(synthetic.database.dataSource, { forums: 3, sessionsPerForum: 6, events: 25 });
    await synthetic.database.dataSource.query(
      `INSERT INTO organization (id, name, name_fold, kind) VALUES ('synthetic-html', '<script>alert("кадры")</script> & ''Кадры'' «Кадры»', '', 'OTHER')`,
    );
    await reindexAll(synthetic.database.dataSource);
  });
  afterAll(() => synthetic.close());

  it('finds what it indexed, and escapes markup in the highlight', async () => {
    const hit = (await page('кадры', { types: ['ORGANIZATION'] }, synthetic)).hits;
    expect(hit.map((h: Hit) => h.id)).toEqual(['Organization:synthetic-html']);
    expect(hit[0].highlight).toBe('&lt;script&gt;alert(&quot;<b>кадры</b>&quot;)&lt;/script&gt; &amp; &#39;<b>Кадры</b>&#39; «<b>Кадры</b>»');
    expect(await ids('кадры', undefined, synthetic)).toEqual([...KADRY, 'Organization:synthetic-html'].sort());
  });

  it('walks hundreds of hits with equal scores, each once, in pages of any size', async () => {
    const total = 3 + 3 * 6 + 3 * 6 * 2 * 2 + 25 + 25;
    const { seen } = await walk('синтетическ*', 100, synthetic);
    expect(seen).toHaveLength(total);
    for (const size of [7, 33]) {
      const walked = await walk('синтетическ*', size, synthetic);
      expect(walked.seen).toEqual(seen);
      expect(walked.total).toBe(total);
    }
  });

  it('a page of 20 costs as many statements whatever the number of hits', async () => {
    const result = await page('синтетическ*', { first: 20 }, synthetic);
    expect(result.totalCount).toBeGreaterThan(100);
    expect(result.hits).toHaveLength(20);
    const types = new Set(result.hits.map((h: Hit) => h.id.split(':')[0]));
    expect(result.statements).toBe(1 + types.size);
  });
});
