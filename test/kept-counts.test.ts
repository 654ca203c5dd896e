import { generateSynthetic } from '../bench/synthetic';
import { refreshRollups } from '../src/modules/stats/stats.rollup';
import { type TestApp, startTestApp } from './support/app';

/**
 * A list of events filtered on its start date alone counts its `totalCount` from the counts kept
 * per start date (stats/start-counts.ts), while they are fresh, and from the events while a write
 * has made them stale. Both databases; 3,000 synthetic events.
 */
let app: TestApp;
/** A start date some events have. */
let someDay: string;
beforeAll(async () => {
  app = await startTestApp({ seed: false });
  await generateSynthetic(app.database, { scale: 0.1, progress: false });
  [{ day: someDay }] = await app.database.dataSource.query(`SELECT MIN(start_date_from) AS day FROM cluster_event WHERE start_date_from >= '2024-04'`);
}, 120_000);
afterAll(() => app?.close());

const run = (sql: string, params: unknown[] = []) => app.database.dataSource.query(app.database.dialect.placeholders(sql), params);
const stale = () => run(`UPDATE stats_rollup_state SET built = -1 WHERE name = 'cluster_event'`);

/** totalCount of `clusterEvents(where: $where)`, and whether its one statement read the kept counts. */
async function countOf(where: object): Promise<{ count: number; kept: boolean }> {
  const statements: string[] = [];
  const read = app.database.read;
  app.database.read = (sql, params) => {
    statements.push(sql);
    return read(sql, params);
  };
  try {
    const response = await app.gql('query ($where: ClusterEventWhere) { clusterEvents(first: 1, where: $where) { totalCount } }', { where });
    expect(response.errors).toBeUndefined();
    return { count: response.data.clusterEvents.totalCount, kept: statements.some((sql) => sql.includes('cluster_event_start_count')) };
  } finally {
    app.database.read = read;
  }
}

const DATE_FILTERS: [string, () => object][] = [
  ['the calendar\'s range', () => ({ startDate: { gte: '2024-03-01', lt: '2024-07-01' } })],
  ['a month, by its partial date', () => ({ startDate: { gte: '2024-03', lte: '2024-03-31' } })],
  ['one day', () => ({ startDate: { equals: someDay } })],
  ['after a year', () => ({ startDate: { gt: '2025' } })],
  ['either end, by OR and NOT', () => ({ OR: [{ startDate: { lt: '2023' } }, { NOT: [{ startDate: { lt: '2025-06' } }] }] })],
  ['an empty filter: every event, undated too', () => ({})],
];

describe('totalCount from the counts kept per start date', () => {
  it.each(DATE_FILTERS)('%s: the kept counts give what counting the events gives', async (_name, filter) => {
    const where = filter();
    await refreshRollups(app.database.dataSource);
    const kept = await countOf(where);
    await stale();
    const live = await countOf(where);
    expect(kept).toEqual({ count: live.count, kept: true });
    expect(live).toEqual({ count: expect.any(Number), kept: true });
    expect(live.count).toBeGreaterThan(0);
  });

  it('reads the kept counts while fresh and the events once a write makes them stale', async () => {
    const where = DATE_FILTERS[0][1]();
    await refreshRollups(app.database.dataSource);
    const { count } = await countOf(where);
    // Counts made wrong on purpose show which source answered.
    await run(`UPDATE cluster_event_start_count SET n = n + 1000 WHERE start_date_from = (SELECT MIN(start_date_from) FROM cluster_event_start_count WHERE start_date_from >= '2024-03-01')`);
    expect(await countOf(where)).toEqual({ count: count + 1000, kept: true });
    // Any write to the events bumps the summary's generation: the answer is counted live.
    await run(`UPDATE cluster_event SET title = title WHERE id = (SELECT MIN(id) FROM cluster_event)`);
    expect((await countOf(where)).count).toBe(count);
    await refreshRollups(app.database.dataSource);
    expect((await countOf(where)).count).toBe(count);
  });

  it('counts the events when the filter tests any other field', async () => {
    await refreshRollups(app.database.dataSource);
    const { kept } = await countOf({ startDate: { gte: '2024' }, kind: { in: ['OPEN_DAY'] } });
    expect(kept).toBe(false);
    expect((await countOf({ startDate: { gte: '2024' } })).kept).toBe(true);
  });
});
