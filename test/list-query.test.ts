import { Sql } from '../src/db/sql';
import { ClusterEvent } from '../src/modules/cluster-event/cluster-event.entity';
import { Cluster } from '../src/modules/cluster/cluster.entity';
import { Session } from '../src/modules/session/session.entity';
import { entityTable } from '../src/shared/entity-table';
import { type ListSource, type Page, compareText, fetchPages } from '../src/shared/list-query';
import type { PageRequest, SortKey } from '../src/shared/pagination';
import { type TestApp, startTestApp } from './support/app';
import { addSyntheticGraph } from './support/synthetic';

/**
 * Forward pages of nested lists are read per parent (an index read per parent); every other page
 * by a window over all parents' rows. Both must give the same pages: here the same requests go
 * both ways, the window forced by writing each sort key as `(t.column)`, which the per-parent
 * read does not take.
 */
let app: TestApp;
let sql: Sql;
beforeAll(async () => {
  app = await startTestApp();
  await addSyntheticGraph(app.database.dataSource, { forums: 6, sessionsPerForum: 7, events: 12 });
  sql = new Sql(app.database, app.database.dialect);
});
afterAll(() => app.close());

const windowed = (keys: readonly SortKey[]): SortKey[] => keys.map((key) => ({ ...key, sql: `(${key.sql})` }));

/** A page as plain facts: ids, key values, counts and flags (cursors differ by key text). */
function facts(pages: Map<string, Page>, parents: readonly string[], keyCount: number) {
  return parents.map((parent) => {
    const page = pages.get(parent);
    if (!page) return { parent, none: true };
    return {
      parent,
      rows: page.rows.map((row) => [row.key, ...Array.from({ length: keyCount }, (_, i) => row[`__k${i}`] ?? null)]),
      totalCount: page.totalCount,
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
    };
  });
}

async function parentsOf(statement: string): Promise<string[]> {
  return (await sql.query(statement)).map((row) => String(row.id));
}

async function compare(source: Omit<ListSource, 'keys'>, keys: SortKey[], parents: string[]) {
  const request = (limit: number, after: unknown[] | null): PageRequest => ({ backward: false, limit, after, before: null });
  const all = await fetchPages(sql, { ...source, keys: windowed(keys) }, parents, request(1000, null));
  // Cursor points: every row of the parent with the most rows, and a point past all of them.
  const richest = parents.reduce((a, b) => ((all.get(a)?.rows.length ?? 0) >= (all.get(b)?.rows.length ?? 0) ? a : b));
  const points: (unknown[] | null)[] = [null, ...(all.get(richest)?.rows ?? []).map((row) => keys.map((_, i) => row[`__k${i}`] ?? null))];
  let checked = 0;
  for (const after of points) {
    for (const limit of [0, 1, 3, 50]) {
      const fast = await fetchPages(sql, { ...source, keys }, parents, request(limit, after));
      const slow = await fetchPages(sql, { ...source, keys: windowed(keys) }, parents, request(limit, after));
      expect(facts(fast, parents, keys.length)).toEqual(facts(slow, parents, keys.length));
      checked += 1;
    }
  }
  return checked;
}

describe('forward pages of nested lists, read per parent', () => {
  it('match the window: sessions of forums by date (nullable) then title then id', async () => {
    const table = entityTable(app.database.dataSource, Session);
    const parents = [...(await parentsOf('SELECT id FROM forum ORDER BY id')), 'no-such-forum'];
    const keys: SortKey[] = [
      { sql: 't.date_from', direction: 'ASC', nullable: true, text: true },
      { sql: 't.title_fold', direction: 'DESC', nullable: false, text: true },
      { sql: 't.id', direction: 'ASC', nullable: false, text: true },
    ];
    const source = { from: 'session t', parent: 't.forum_id', select: table.select(), columns: table.properties, table: table.table };
    expect(await compare(source, keys, parents)).toBeGreaterThan(20);
  });

  it('match the window through a link table, with a fixed condition', async () => {
    const table = entityTable(app.database.dataSource, Cluster);
    const parents = await parentsOf('SELECT DISTINCT event_id AS id FROM cluster_event_cluster ORDER BY 1');
    expect(parents.length).toBeGreaterThan(3);
    const keys: SortKey[] = [
      { sql: 't.launch_year', direction: 'DESC', nullable: true, text: false },
      { sql: 't.id', direction: 'ASC', nullable: false, text: true },
    ];
    const source = {
      from: 'cluster_event_cluster x JOIN cluster t ON t.id = x.cluster_id',
      parent: 'x.event_id',
      where: { sql: 't.id <> ?', params: ['no-such-cluster'] },
      select: table.select(),
      columns: table.properties,
      table: table.table,
    };
    expect(await compare(source, keys, parents)).toBeGreaterThan(8);
  });

  it('match the window for children of cluster events (most parents have none)', async () => {
    const table = entityTable(app.database.dataSource, ClusterEvent);
    const parents = await parentsOf('SELECT id FROM cluster_event ORDER BY id');
    const keys: SortKey[] = [
      { sql: 't.start_date_from', direction: 'DESC', nullable: true, text: true },
      { sql: 't.id', direction: 'DESC', nullable: false, text: true },
    ];
    const source = { from: 'cluster_event t', parent: 't.parent_id', select: table.select(), columns: table.properties, table: table.table };
    expect(await compare(source, keys, parents)).toBeGreaterThanOrEqual(4);
  });
});

describe('compareText', () => {
  it('orders by code point, as SQLite and PostgreSQL ("C") order text', () => {
    const words = ['я', 'a', '\u{1F600}', '\uFFFD', 'ёж', 'ё', '', 'B', '\uE000'];
    const byCodePoint = [...words].sort((x, y) => {
      const a = [...x].map((c) => c.codePointAt(0)!);
      const b = [...y].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
      return a.length - b.length;
    });
    expect([...words].sort(compareText)).toEqual(byCodePoint);
    expect(byCodePoint.indexOf('\u{1F600}')).toBeGreaterThan(byCodePoint.indexOf('\uFFFD'));
  });
});
