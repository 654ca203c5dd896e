import { parse } from 'graphql';
import { generateSynthetic, syntheticCounts } from '../bench/synthetic';
import { BENCH_QUERIES } from '../bench/queries';
import { operationCost } from '../src/limits/cost';
import { createSchema } from '../src/schema';
import { type TestApp, alsoServe, startTestApp } from './support/app';

/**
 * The benchmark mix (bench/queries.ts) runs the same number of SQL statements whatever the size
 * of the data: the generator's data at two scales, five times apart, each in a fresh database.
 * A change that makes a query of the mix run a statement per row fails here, not in a benchmark.
 * The selection compiler answers all but search with one statement; the counts below are the
 * resolvers' (GRAPHQL_COMPILE=0), checked on a third server.
 */
const COMPILED = new Set(['forum-page', 'calendar', 'cluster-map', 'aggregate', 'nested-list']);
const EXPECTED_STATEMENTS: Record<string, number> = {
  // forum, its organisers, its region, the region's district, sessions, participants, quotes, speakers, organisations
  'forum-page': 9,
  // events, their clusters, the clusters' regions
  calendar: 3,
  // clusters, regions, members, organisations
  'cluster-map': 4,
  // search: the hits, then one statement per node type on the page (checked below, from the page itself)
  // the GROUP BY, the districts of the keys
  aggregate: 2,
  // forums, their sessions
  'nested-list': 2,
};

describe('SQL statements per request of the benchmark mix', () => {
  const SMALL = 0.01;
  const LARGE = 0.05;
  let small: TestApp;
  let large: TestApp;
  beforeAll(async () => {
    small = await startTestApp({ seed: false });
    large = await startTestApp({ seed: false });
    await generateSynthetic(small.database, { scale: SMALL, progress: false });
    await generateSynthetic(large.database, { scale: LARGE, progress: false });
  }, 120_000);
  afterAll(async () => {
    await small?.close();
    await large?.close();
  });

  it('generates five times as many records at five times the scale', async () => {
    const count = async (app: TestApp, table: string) => Number((await app.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    expect(await count(small, 'cluster_event')).toBe(syntheticCounts(SMALL).clusterEvents);
    expect(await count(large, 'cluster_event')).toBe(syntheticCounts(LARGE).clusterEvents);
    expect(await count(large, 'cluster_event')).toBe(5 * (await count(small, 'cluster_event')));
    expect(await count(large, 'region')).toBe(await count(small, 'region'));
    const unmarked = await large.database.dataSource.query(
      `SELECT COUNT(*) AS n FROM forum WHERE id NOT LIKE 'synthetic-%' OR title NOT LIKE '%интетическ%'`,
    );
    expect(Number(unmarked[0].n)).toBe(0);
  });

  it.each(BENCH_QUERIES.map((q) => [q.name, q] as const))('%s: the same statements at both scales, under the cost limit', async (_name, query) => {
    const run = async (app: Pick<TestApp, 'gql'>, compiling: boolean) => {
      const response = await app.gql(query.query, query.variables);
      expect(response.errors).toBeUndefined();
      const { statements, compiled } = response.extensions!.sql!;
      expect(compiled).toBe(compiling && COMPILED.has(query.name));
      if (compiled) return { statements, expected: 1 };
      if (query.name !== 'search') return { statements, expected: EXPECTED_STATEMENTS[query.name] };
      const types = new Set(response.data.search.edges.map((edge: any) => edge.node.node.__typename));
      return { statements, expected: 1 + types.size };
    };
    const smallResolvers = await alsoServe(small, { graphqlCompile: false });
    const largeResolvers = await alsoServe(large, { graphqlCompile: false });
    try {
      for (const compiling of [true, false]) {
        const few = await run(compiling ? small : smallResolvers, compiling);
        const many = await run(compiling ? large : largeResolvers, compiling);
        expect(few.statements).toBe(few.expected);
        expect(many.statements).toBe(many.expected);
        if (query.name === 'search') expect(many.statements).toBeLessThanOrEqual(10);
        else expect(many.statements).toBe(few.statements);
      }
    } finally {
      await smallResolvers.close();
      await largeResolvers.close();
    }
    const cost = operationCost(await createSchema(), parse(query.query), query.variables, undefined);
    expect(cost).toBeLessThanOrEqual(small.config.limits.maxCost);
  });
});
