import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite's indexes of some of the lists' orders, the same orders as PostgreSQL's (1765600000000,
 * whose names they take). Their BINARY order is the columns' own, but no index held it.
 *
 * Clusters by name: the cluster map (100 clusters of a district, by name) read every cluster of
 * the district and sorted them to keep a page. At scale 10 (1,053 clusters in the district) its
 * statement ran 7.8 ms alone; read in order from `cluster_sort`, 6.6 ms, as at scale 1; under
 * load (wrk, 50 connections) 315-321 -> 369-377 requests/s. Organisations and speakers by name
 * are not indexed so: their lists under a parent read through a DISTINCT of link rows, which
 * SQLite cannot estimate, and with an index in their order it scanned every speaker for each
 * parent instead (the speakers of 100 forums: 29 s, where it takes milliseconds).
 *
 * By a date that may be unknown (forums, events, publications), unknown dates sorting last (first
 * when newest first): SQLite's indexes hold nulls first, so a top-level list with no filter sorts
 * on `date IS NULL` before the date (Dialect.nullsLargest) and these indexes lead with it. The
 * nested list (50 forums by date, 10 sessions each) sorted all forums to keep 50: at scale 10 its
 * statement ran 6.1 ms alone; reading the forums from `forum_sort`, 5.4 ms.
 */
const SORT_INDEXES: readonly { name: string; table: string; columns: string }[] = [
  { name: 'cluster_sort', table: 'cluster', columns: 'name_fold, id' },
  { name: 'forum_sort', table: 'forum', columns: 'start_date_from IS NULL, start_date_from, title_fold, id' },
  { name: 'cluster_event_sort', table: 'cluster_event', columns: 'start_date_from IS NULL, start_date_from, title_fold, id' },
  { name: 'publication_sort', table: 'publication', columns: 'published_at_from IS NULL DESC, published_at_from DESC, title_fold, id' },
];

/** SQLite only; the drafts file gets its own (the migrations run per stage). */
export class SqliteSortIndexes1765700000000 implements MigrationInterface {
  name = 'SqliteSortIndexes1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const index of SORT_INDEXES) await queryRunner.query(`CREATE INDEX ${index.name} ON ${index.table} (${index.columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const index of [...SORT_INDEXES].reverse()) await queryRunner.query(`DROP INDEX ${index.name}`);
  }
}
