import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Rebuild } from './rebuild';

/** Each summary and the tables whose writes make it stale, as they were when this migration was written. */
const ROLLUP_SOURCES: Record<string, readonly string[]> = {
  cluster_event: ['cluster_event', 'cluster_event_federal_district'],
};

/**
 * A summary of cluster events for `clusterEventStats` without `where`: counts, date bounds and
 * sums per kind × year × month, once per event (scope 'e') and once per event and federal
 * district (scope 'd'). Grouping 30,000 events live costs ~100 ms; the summary has a few
 * thousand rows at most.
 *
 * It can never answer for data it has not seen: triggers on its source tables bump
 * `stats_rollup_state.generation` on every write, a refresh records the generation it summed,
 * and a summary whose generation is behind is not used (the stats are then grouped live).
 */
export class StatsRollup1764500000000 implements MigrationInterface {
  name = 'StatsRollup1764500000000';
  readonly rebuilds: readonly Rebuild[] = ['stats-rollups'];

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`CREATE TABLE stats_rollup_state (
      name varchar(50) PRIMARY KEY,
      generation integer NOT NULL,
      built integer NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE cluster_event_rollup (
      scope char(1) NOT NULL,
      federal_district_id varchar(100),
      kind varchar(50),
      year integer,
      month varchar(7),
      n integer NOT NULL,
      min_start varchar(40),
      max_start varchar(40),
      sum_reported_cluster_count integer
    )`);
    await queryRunner.query(`CREATE INDEX cluster_event_rollup_scope_idx ON cluster_event_rollup(scope)`);
    await queryRunner.query(`INSERT INTO stats_rollup_state (name, generation, built) VALUES ('cluster_event', 0, -1)`);
    if (postgres) {
      await queryRunner.query(`CREATE FUNCTION stats_rollup_touch() RETURNS trigger AS $$
        BEGIN
          UPDATE stats_rollup_state SET generation = generation + 1 WHERE name = TG_ARGV[0];
          RETURN NULL;
        END
        $$ LANGUAGE plpgsql`);
    }
    for (const [name, tables] of Object.entries(ROLLUP_SOURCES)) {
      for (const table of tables) {
        if (postgres) {
          await queryRunner.query(
            `CREATE TRIGGER ${table}_rollup_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
             FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_touch('${name}')`,
          );
        } else {
          for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
            await queryRunner.query(
              `CREATE TRIGGER ${table}_rollup_touch_${event.toLowerCase()} AFTER ${event} ON ${table}
               BEGIN UPDATE stats_rollup_state SET generation = generation + 1 WHERE name = '${name}'; END`,
            );
          }
        }
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    for (const tables of Object.values(ROLLUP_SOURCES)) {
      for (const table of tables) {
        if (postgres) await queryRunner.query(`DROP TRIGGER ${table}_rollup_touch ON ${table}`);
        else for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER ${table}_rollup_touch_${event}`);
      }
    }
    if (postgres) await queryRunner.query(`DROP FUNCTION stats_rollup_touch()`);
    await queryRunner.query(`DROP TABLE cluster_event_rollup`);
    await queryRunner.query(`DROP TABLE stats_rollup_state`);
  }
}
