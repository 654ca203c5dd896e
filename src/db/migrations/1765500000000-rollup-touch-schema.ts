import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Rebuild } from './rebuild';

/*
 * On PostgreSQL the summaries' staleness trigger (stats_rollup_touch, 1764500000000) named
 * `stats_rollup_state` unqualified: PostgreSQL resolves that by the search_path of the session
 * that writes, not the schema of the table written. The published database's connection writes
 * the drafts' tables too (`draft.`: the first copy of the published records into the drafts), so
 * those writes marked the PUBLISHED summaries stale: after the first start on a generated
 * database its aggregates were grouped live (10 req/s instead of 131 at scale 1). The trigger now
 * bumps the state of the schema of the table written. The summaries are rebuilt once, so that a
 * database marked stale by the old trigger reads them again.
 */
export class RollupTouchSchema1765500000000 implements MigrationInterface {
  name = 'RollupTouchSchema1765500000000';
  rebuilds: readonly Rebuild[] = ['stats-rollups', 'search-top'];

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE OR REPLACE FUNCTION stats_rollup_touch() RETURNS trigger AS $$
      BEGIN
        EXECUTE format('UPDATE %I.stats_rollup_state SET generation = generation + 1 WHERE name = $1', TG_TABLE_SCHEMA) USING TG_ARGV[0];
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(`CREATE OR REPLACE FUNCTION stats_rollup_touch() RETURNS trigger AS $$
      BEGIN
        UPDATE stats_rollup_state SET generation = generation + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql`);
  }
}
