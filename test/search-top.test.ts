import { generateSynthetic } from '../bench/synthetic';
import { searchDialect } from '../src/modules/search/search.dialect';
import { reindex } from '../src/modules/search/search.indexer';
import { parseSearchQuery } from '../src/modules/search/search.parser';
import { SEARCH_TOP_KEPT, refreshSearchTop, refreshSearchTopApart } from '../src/modules/search/search.top';
import { type TestApp, alsoServe, startTestApp } from './support/app';
import { SEARCH } from './support/search';

/**
 * The top lists of common words (search.top.ts) must answer exactly as ranking live does, and
 * must never be read once a document changed. One server reads them, a second one over the same
 * database (SEARCH_TOP_HITS off) ranks every search live; their answers are compared. A list
 * made wrong on purpose shows which path answered, so the comparison cannot pass by both
 * servers ranking live.
 */

type Server = Pick<TestApp, 'gql'>;

async function body(server: Server, variables: Record<string, unknown>): Promise<string> {
  const response = await server.gql(SEARCH, variables);
  expect(response.errors).toBeUndefined();
  return JSON.stringify(response.data);
}

/** Walks the pages of `query` on both servers (`first` a page, at most `most` pages), comparing each; returns how many pages. */
async function walk(top: Server, live: Server, query: string, first: number, most = 12): Promise<number> {
  let after: string | null = null;
  for (let pages = 1; ; pages++) {
    const [a, b]: string[] = await Promise.all([body(top, { query, first, after }), body(live, { query, first, after })]);
    expect(a).toBe(b);
    const info: { hasNextPage: boolean; endCursor: string | null } = JSON.parse(a).search.pageInfo;
    if (!info.hasNextPage || !info.endCursor || pages === most) return pages;
    after = info.endCursor;
  }
}

let app: TestApp;
let live: Awaited<ReturnType<typeof alsoServe>>;
beforeAll(async () => {
  app = await startTestApp();
  await generateSynthetic(app.database, { scale: 0.01, progress: false });
  // Lists for every word of the real and the generated documents, not only the common ones.
  await refreshSearchTop(app.database.dataSource, { share: 0 });
  live = await alsoServe(app, { searchTopHits: false });
}, 120_000);
afterAll(async () => {
  await live?.close();
  await app?.close();
});

/** Negates every kept score (exactly undone by negating again). */
const tamper = () => app.database.dataSource.query('UPDATE search_top SET score = -score');

describe('top lists of common words', () => {
  it('answer one-word searches as ranking live does, page after page, past the hits they keep', async () => {
    // «синтетический» is in every generated document: more matches than a list keeps.
    const [{ query, matches }] = await app.database.dataSource.query(`SELECT query, matches FROM search_top_query ORDER BY matches DESC LIMIT 1`);
    expect(query).toBe(searchDialect(app.database.dialect.name).compile(parseSearchQuery('синтетический')));
    expect(Number(matches)).toBeGreaterThan(SEARCH_TOP_KEPT);
    expect(await walk(app, live, 'синтетический', 100)).toBeGreaterThan(SEARCH_TOP_KEPT / 100);
    for (const word of ['кадры', 'колледж', 'Профессионалитет', 'форум', 'кластер', 'техникум', 'нет-такого-слова']) {
      for (const first of [0, 1, 7, 50]) await walk(app, live, word, first, first === 50 ? 12 : 3);
    }
  });

  it('leave other searches to live ranking: phrases, several words, prefixes, exclusions, types', async () => {
    for (const variables of [
      { query: '"кадры для"', first: 5 },
      { query: 'кадры колледж', first: 5 },
      { query: 'кадр*', first: 5 },
      { query: 'кадры -колледж', first: 5 },
      { query: 'кадры', first: 5, types: ['PUBLICATION'] },
    ]) {
      expect(await body(app, variables)).toBe(await body(live, variables));
    }
  });

  it('are read while fresh, and never once a document changed, until refreshed', async () => {
    const variables = { query: 'кадры', first: 5 };
    const answer = await body(live, variables);
    await tamper();
    try {
      // Read: the made-up scores show.
      expect(await body(app, variables)).not.toBe(answer);
      // Any rewrite of a document makes every list stale.
      const [{ node_id }] = await app.database.dataSource.query(`SELECT node_id FROM search_document WHERE node_type = 'Forum' LIMIT 1`);
      await app.database.dataSource.transaction((manager) => reindex(manager, { Forum: [node_id] }));
      expect(await body(app, variables)).toBe(answer);
    } finally {
      await tamper();
    }
    await refreshSearchTop(app.database.dataSource, { share: 0 });
    await tamper();
    try {
      expect(await body(app, variables)).not.toBe(answer);
    } finally {
      await tamper();
    }
    expect(await body(app, variables)).toBe(answer);
  });

  it('made apart (ranked on the read connections, written under the lock) are read, and answer as live', async () => {
    const writes: string[] = [];
    await refreshSearchTopApart(app.database.dataSource, (sql, params) => app.database.read(sql, params ?? []), async (work) => {
      writes.push('locked');
      await work();
    });
    expect(writes).toEqual(['locked']);
    const [state] = await app.database.dataSource.query(`SELECT generation, built FROM stats_rollup_state WHERE name = 'search_top'`);
    expect(Number(state.built)).toBe(Number(state.generation));
    const variables = { query: 'кадры', first: 5 };
    expect(await body(app, variables)).toBe(await body(live, variables));
    await tamper();
    try {
      expect(await body(app, variables)).not.toBe(await body(live, variables));
    } finally {
      await tamper();
    }
  });
});
