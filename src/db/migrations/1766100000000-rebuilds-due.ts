import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The derived data due for a rebuild, kept in the database instead of in the memory of the
 * process that ran the migrations: a migration that leaves a rebuild records it in its own
 * transaction (rebuild.ts, recordingRebuilds), and the rebuild's end removes it. A process that
 * dies between the two (a kill during minutes of stemming), or a CLI that migrated the database,
 * leaves it due for the next opener, where it used to be lost: the search index then stayed stale.
 */
export class RebuildsDue1766100000000 implements MigrationInterface {
  name = 'RebuildsDue1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE derived_rebuild_due (
      rebuild varchar(32) NOT NULL PRIMARY KEY
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE derived_rebuild_due`);
  }
}
