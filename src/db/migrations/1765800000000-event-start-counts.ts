import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Rebuild } from './rebuild';

/**
 * How many cluster events start on each start date (one row a date, and one for the events with
 * none), kept beside the event summary and fresh with it (`stats_rollup_state` 'cluster_event'):
 * a calendar's `totalCount` over a date range sums a few hundred of these rows instead of counting
 * every event in the range (36,000 at scale 10). Rebuilt after the migrations; stale until then.
 */
export class EventStartCounts1765800000000 implements MigrationInterface {
  name = 'EventStartCounts1765800000000';
  readonly rebuilds: readonly Rebuild[] = ['stats-rollups'];

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE cluster_event_start_count (
      start_date_from varchar(10),
      n integer NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX cluster_event_start_count_idx ON cluster_event_start_count(start_date_from, n)`);
    // Stale until the rebuild fills it: meanwhile every count and summary is read live, never from an empty table.
    await queryRunner.query(`UPDATE stats_rollup_state SET built = -1 WHERE name = 'cluster_event'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cluster_event_start_count`);
  }
}
