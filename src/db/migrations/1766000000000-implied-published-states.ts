import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The published stage keeps a state row only for a record published by an editor: the records
 * that entered it at once, with the first drafts (the real data set, a synthetic database), are
 * at version 1 and live since the one time `stage_origin` keeps. At scale 10 their million rows
 * took 2.3 s of the first start (most of the rest is the drafts' own states and revisions).
 * A delete cut in two by a crash is found by its DELETE revision instead of by the published
 * state the drafts no longer have: `revision_deleted` indexes those few rows.
 */
export class ImpliedPublishedStates1766000000000 implements MigrationInterface {
  name = 'ImpliedPublishedStates1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE stage_origin (
      live_since varchar(30) NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX revision_deleted ON revision(node_type, node_id) WHERE action = 'DELETE'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX revision_deleted`);
    await queryRunner.query(`DROP TABLE stage_origin`);
  }
}
