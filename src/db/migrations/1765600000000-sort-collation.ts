import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One index of an ordering: its table and its columns, `*` marking those sorted by code point. */
interface SortIndex {
  name: string;
  table: string;
  columns: readonly string[];
}

/**
 * The orderings the lists read in, as PostgreSQL indexes in the "C" collation. Text sort keys
 * (and the id ending every ordering) are ordered by code point on both databases (SQLite's BINARY,
 * PostgreSQL's `COLLATE "C"`, see Dialect.binary), but the columns and their indexes have the
 * database's collation (C.UTF-8, en_US...): PostgreSQL cannot read an index of another collation
 * in order, so it read every row of a list and sorted them to keep a page. The calendar (50
 * events of 2,264 in a date range, by start date) sorted all 2,264: its compiled statement ran
 * 7.3 ms, 4.3 of them reading and sorting; with `cluster_event_start_sort` it reads 51 rows in
 * order (0.5 ms). The date filters compare in "C" too (where.ts), so the range is the index
 * scan's bounds. Columns stay in the database's collation: ids are compared with the keys of
 * other tables (joins, foreign keys), where two collations would refuse to compare.
 *
 * `*col` is `col COLLATE "C"`; `col DESC` an index read backward for the mixed order. SQLite
 * needs none of these: its BINARY order is the columns' own, and their indexes serve it.
 */
const SORT_INDEXES: readonly SortIndex[] = [
  // The calendar: clusterEvents(orderBy: [{startDate: ASC}]); then the default, startDate, title.
  { name: 'cluster_event_start_sort', table: 'cluster_event', columns: ['*start_date_from', '*id'] },
  { name: 'cluster_event_sort', table: 'cluster_event', columns: ['*start_date_from', '*title_fold', '*id'] },
  // The nested list: forums by startDate, title; each forum's sessions by date, title.
  { name: 'forum_sort', table: 'forum', columns: ['*start_date_from', '*title_fold', '*id'] },
  { name: 'session_forum_sort', table: 'session', columns: ['forum_id', '*date_from', '*title_fold', '*id'] },
  // The other lists' default orders: by name (clusters, organisations, speakers), by date, newest first (publications).
  { name: 'cluster_sort', table: 'cluster', columns: ['*name_fold', '*id'] },
  { name: 'organization_sort', table: 'organization', columns: ['*name_fold', '*id'] },
  { name: 'speaker_sort', table: 'speaker', columns: ['*full_name_fold', '*id'] },
  { name: 'publication_sort', table: 'publication', columns: ['*published_at_from DESC', '*title_fold', '*id'] },
];

/** An index column: `(col COLLATE "C") [DESC]` for `*col [DESC]`, else the column as it is. */
function indexColumn(column: string): string {
  if (!column.startsWith('*')) return column;
  const [name, direction] = column.slice(1).split(' ');
  return `(${name} COLLATE "C")${direction ? ` ${direction}` : ''}`;
}

/** PostgreSQL only; each stage's schema gets its own (the migrations run per schema). */
export class SortCollation1765600000000 implements MigrationInterface {
  name = 'SortCollation1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const index of SORT_INDEXES) {
      await queryRunner.query(`CREATE INDEX ${index.name} ON ${index.table} (${index.columns.map(indexColumn).join(', ')})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const index of [...SORT_INDEXES].reverse()) await queryRunner.query(`DROP INDEX ${index.name}`);
  }
}
