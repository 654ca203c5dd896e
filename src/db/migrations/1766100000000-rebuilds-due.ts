import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CREATE_REBUILDS_DUE, REBUILDS_DUE } from './rebuild';

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
    // Made already where an older migration named a rebuild.
    await queryRunner.query(CREATE_REBUILDS_DUE);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${REBUILDS_DUE}`);
  }
}
