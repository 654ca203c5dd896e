import { execFileSync } from 'node:child_process';
import { generateSynthetic } from '../bench/synthetic';
import { BENCH_QUERIES } from '../bench/queries';
import type { Row } from '../src/db/sql';
import { projectPath } from '../src/shared/paths';
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

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
  // 3,000 events, ~230 of them in the calendar's date range.
  await generateSynthetic(app.database, { scale: 0.1, progress: false });
}, 120_000);
afterAll(() => app?.close());

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

onSqlite('SQLite reads the pages of the lists in their default orders from indexes', () => {
  /** What SQLite's plan of the one statement of the mix's query `name` (or of a query text) does inside each of its page subqueries (`CO-ROUTINE qN`). */
  async function pagesOf(name: string): Promise<Record<string, string[]>> {
    const query = BENCH_QUERIES.find((candidate) => candidate.name === name) ?? { name, title: name, query: name };
    const statements = await statementsOf(app, query);
    expect(statements).toHaveLength(1);
    const plan = (await app.database.read(`EXPLAIN QUERY PLAN ${statements[0].sql}`, statements[0].params)) as unknown as { id: number; parent: number; detail: string }[];
    const pages = plan.filter((row) => /^CO-ROUTINE q\d+$/.test(row.detail));
    return Object.fromEntries(pages.map((page) => [page.detail.slice('CO-ROUTINE '.length), plan.filter((row) => row.parent === page.id).map((row) => row.detail)]));
  }

  it('the clusters of a district come in name order from the index, with no sort of them', async () => {
    const { q0 } = await pagesOf('cluster-map');
    expect(q0).toContain('SCAN t USING INDEX cluster_sort');
    expect(q0.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual([]);
  });

  it('the nested list reads its forums by date (unknown dates last) from forum_sort, and each forum\'s sessions through the forum', async () => {
    const { q0, q1 } = await pagesOf('nested-list');
    expect(q0).toEqual(['SCAN t USING INDEX forum_sort']);
    expect(q1[0]).toBe('SEARCH t USING INDEX session_forum_idx (forum_id=?)');
  });

  it.each([
    ['forums', '{ forums(first: 5) { nodes { title } } }', 'forum_sort'],
    ['events', '{ clusterEvents(first: 5) { nodes { title } } }', 'cluster_event_sort'],
    ['publications, newest first', '{ publications(first: 5) { nodes { title } } }', 'publication_sort'],
  ])('the %s in their default order (unknown dates as the largest) come from an index, sorting none', async (_name, query, index) => {
    const { q0 } = await pagesOf(query);
    expect(q0).toEqual([`SCAN t USING INDEX ${index}`]);
  });

  it('a planner with STAT4 samples (better-sqlite3, after its ANALYZE) still reads the calendar\'s range from the index of start dates, by no skip-scan', async () => {
    const calendar = BENCH_QUERIES.find((query) => query.name === 'calendar')!;
    const [statement] = await statementsOf(app, calendar);
    const file = (app.config.database as { path: string }).path;
    // In a process of its own: better-sqlite3's addon keeps the error class of the first test file
    // that loads it in a worker, and sqlite-reader.test.ts's errors would then not be Errors there.
    const script = `
      const [file, sql, params] = JSON.parse(process.argv[1]);
      const db = new (require('better-sqlite3'))(file);
      db.exec('ANALYZE');
      const samples = db.prepare("SELECT COUNT(*) AS n FROM sqlite_stat4 WHERE idx = 'cluster_event_sort'").get().n;
      const plan = db.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params).map((row) => row.detail);
      db.exec('DROP TABLE sqlite_stat4');
      db.close();
      process.stdout.write(JSON.stringify({ samples, plan }));`;
    const output = execFileSync(process.execPath, ['-e', script, JSON.stringify([file, statement.sql, statement.params])], { cwd: projectPath('.') });
    const { samples, plan } = JSON.parse(output.toString()) as { samples: number; plan: string[] };
    expect(samples).toBeGreaterThan(0);
    expect(plan.filter((detail) => /ANY\(|cluster_event_sort/.test(detail))).toEqual([]);
    expect(plan).toContain('SEARCH t USING INDEX cluster_event_start_idx (start_date_from>? AND start_date_from<?)');
  });

  it('the calendar keeps its date range read from the index of start dates, sorting only ties', async () => {
    const { q0 } = await pagesOf('calendar');
    expect(q0[0]).toMatch(/^SEARCH t USING INDEX cluster_event_start_idx \(start_date_from>\? AND start_date_from<\?\)$/);
    expect(q0.filter((detail) => detail.includes('TEMP B-TREE'))).toEqual(['USE TEMP B-TREE FOR RIGHT PART OF ORDER BY']);
  });
});
