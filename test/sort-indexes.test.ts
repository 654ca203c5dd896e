import { generateSynthetic } from '../bench/synthetic';
import { BENCH_QUERIES } from '../bench/queries';
import type { Row } from '../src/db/sql';
import { type TestApp, startTestApp } from './support/app';

/**
 * On PostgreSQL the lists sort text by code point (`COLLATE "C"`), which an index of the
 * database's collation cannot serve: the migration 1765600000000 indexes the orderings in "C" and
 * the date filters compare in "C", so the calendar (50 events of a date range, by start date)
 * reads its page from an index in order instead of sorting every event of the range. Checked on
 * the plan of the statement the calendar really runs, with fresh statistics (the generator
 * analyzes what it wrote) on enough events that a sort of the range would be chosen without the
 * index. The loaders' VACUUM (Dialect.analyze) leaves the written pages all-visible, so that index serves the
 * range's totalCount without reading the table.
 */
const onPostgres = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '') ? describe : describe.skip;
/* SQLite's BINARY order is its columns' own; the lists by name read it from the indexes of 1765700000000. */
const onSqlite = onPostgres === describe ? describe.skip : describe;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, the root first. */
function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** The statements one request of `query` to `app` runs, with their parameters. */
async function statementsOf(app: TestApp, query: (typeof BENCH_QUERIES)[number]): Promise<{ sql: string; params: readonly unknown[] }[]> {
  const statements: { sql: string; params: readonly unknown[] }[] = [];
  const read = app.database.read;
  app.database.read = (sql, params) => {
    statements.push({ sql, params });
    return read(sql, params);
  };
  try {
    const response = await app.gql(query.query, query.variables);
    expect(response.errors).toBeUndefined();
  } finally {
    app.database.read = read;
  }
  return statements;
}

onPostgres('PostgreSQL reads the ordered pages from indexes in the "C" collation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    // 3,000 events, ~230 of them in the calendar's date range.
    await generateSynthetic(app.database, { scale: 0.1, progress: false });
  }, 120_000);
  afterAll(() => app?.close());

  async function planOf(statement: { sql: string; params: readonly unknown[] }): Promise<PlanNode[]> {
    const rows: Row[] = await app.database.read(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
    const plan = rows[0]['QUERY PLAN'];
    return nodesOf((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan as PlanNode);
  }

  it('the calendar reads its events in order from cluster_event_start_sort, bounded by the date range, and sorts none', async () => {
    const calendar = BENCH_QUERIES.find((query) => query.name === 'calendar')!;
    const statements = await statementsOf(app, calendar);
    expect(statements).toHaveLength(1);
    const nodes = await planOf(statements[0]);
    const ordered = nodes.filter((node) => node['Index Name'] === 'cluster_event_start_sort' && node['Node Type'] === 'Index Scan');
    expect(ordered).toHaveLength(1);
    expect(ordered[0]['Index Cond']).toMatch(/start_date_from.*>=.*start_date_from.*</s);
    // Sorts there are: each event's few clusters, by name. None reads cluster_event.
    const sortsOfEvents = nodes.filter((node) => node['Node Type'] === 'Sort' && nodesOf(node).some((child) => child['Relation Name'] === 'cluster_event'));
    expect(sortsOfEvents).toEqual([]);
  });

  it('the generator leaves the tables it wrote all-visible: the calendar counts its range from the index alone', async () => {
    const [table] = await app.database.dataSource.query(`SELECT relpages, relallvisible FROM pg_class WHERE oid = CAST('cluster_event' AS regclass)`);
    expect(Number(table.relpages)).toBeGreaterThan(0);
    expect(Number(table.relallvisible)).toBe(Number(table.relpages));
    const calendar = BENCH_QUERIES.find((query) => query.name === 'calendar')!;
    const nodes = await planOf((await statementsOf(app, calendar))[0]);
    const scans = nodes.filter((node) => node['Relation Name'] === 'cluster_event').map((node) => `${node['Node Type']} ${node['Index Name']}`);
    expect(scans).toContain('Index Only Scan cluster_event_start_sort');
  });
});

onSqlite('SQLite reads the page of the cluster map from cluster_sort in order', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    await generateSynthetic(app.database, { scale: 0.1, progress: false });
  }, 120_000);
  afterAll(() => app?.close());

  it('the clusters of a district come in name order from the index, with no sort of them', async () => {
    const map = BENCH_QUERIES.find((query) => query.name === 'cluster-map')!;
    const statements = await statementsOf(app, map);
    expect(statements).toHaveLength(1);
    const plan: { id: number; parent: number; detail: string }[] = await app.database.read(`EXPLAIN QUERY PLAN ${statements[0].sql}`, statements[0].params);
    const page = plan.find((row) => row.detail === 'CO-ROUTINE q0')!;
    const inPage = plan.filter((row) => row.parent === page.id).map((row) => row.detail);
    expect(inPage).toContain('SCAN t USING INDEX cluster_sort');
    expect(inPage.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
  });
});
