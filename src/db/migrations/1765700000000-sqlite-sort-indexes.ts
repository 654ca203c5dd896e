import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite's indexes of the lists ordered by a name: clusters, organisations and speakers by their
 * folded name, then id. Their BINARY order is the columns' own, but no index held it: the
 * cluster map (100 clusters of a district, by name) read every cluster of the district and
 * sorted them to keep a page. At scale 10 (1,053 clusters in the district) its statement ran
 * 7.8 ms alone; read in order from `cluster_sort`, 6.6 ms, as at scale 1; under load (wrk, 50
 * connections) 315-321 -> 343-399 requests/s. The names are those of PostgreSQL's indexes of
 * the same orders (1765600000000), which PostgreSQL has already.
 *
 * The lists by a date that may be unknown (forums, sessions, events, publications) sort unknown
 * dates last; SQLite's indexes hold them first, so no index can serve that order as it is
 * written (ASC NULLS LAST), and these are not indexed here.
 */
const NAME_INDEXES: readonly { name: string; table: string; columns: string }[] = [
  { name: 'cluster_sort', table: 'cluster', columns: 'name_fold, id' },
  { name: 'organization_sort', table: 'organization', columns: 'name_fold, id' },
  { name: 'speaker_sort', table: 'speaker', columns: 'full_name_fold, id' },
];

/** SQLite only; the drafts file gets its own (the migrations run per stage). */
export class SqliteSortIndexes1765700000000 implements MigrationInterface {
  name = 'SqliteSortIndexes1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const index of NAME_INDEXES) await queryRunner.query(`CREATE INDEX ${index.name} ON ${index.table} (${index.columns})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const index of [...NAME_INDEXES].reverse()) await queryRunner.query(`DROP INDEX ${index.name}`);
  }
}
