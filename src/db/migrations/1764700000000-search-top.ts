import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Rebuild } from './rebuild';

/**
 * The best hits of the most common words, kept ranked (search.top.ts): `search_top` holds, per
 * one-word search, its first SEARCH_TOP_KEPT hits in the order search pages them, with their
 * scores; `search_top_query` how many documents match. Like the stats summary, it is never read
 * for data it has not seen: a trigger on search_document (rewritten with the index, always)
 * bumps `stats_rollup_state.generation` of 'search_top', and lists whose generation is behind
 * are not used. SQLite reads the words' document counts from an fts5vocab table over the index.
 */
export class SearchTop1764700000000 implements MigrationInterface {
  name = 'SearchTop1764700000000';
  readonly rebuilds: readonly Rebuild[] = ['search-top'];

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const real = postgres ? 'double precision' : 'real';
    await queryRunner.query(`CREATE TABLE search_top_query (
      query varchar(400) PRIMARY KEY,
      matches integer NOT NULL,
      kept integer NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE search_top (
      query varchar(400) NOT NULL,
      position integer NOT NULL,
      node_type varchar(30) NOT NULL,
      node_id varchar(100) NOT NULL,
      score ${real} NOT NULL,
      PRIMARY KEY (query, position)
    )`);
    await queryRunner.query(`INSERT INTO stats_rollup_state (name, generation, built) VALUES ('search_top', 0, -1)`);
    if (postgres) {
      await queryRunner.query(
        `CREATE TRIGGER search_document_top_touch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_document
         FOR EACH STATEMENT EXECUTE FUNCTION stats_rollup_touch('search_top')`,
      );
    } else {
      await queryRunner.query(`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row')`);
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        await queryRunner.query(
          `CREATE TRIGGER search_document_top_touch_${event.toLowerCase()} AFTER ${event} ON search_document
           BEGIN UPDATE stats_rollup_state SET generation = generation + 1 WHERE name = 'search_top'; END`,
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`DROP TRIGGER search_document_top_touch ON search_document`);
    } else {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER search_document_top_touch_${event}`);
      await queryRunner.query(`DROP TABLE search_vocab`);
    }
    await queryRunner.query(`DELETE FROM stats_rollup_state WHERE name = 'search_top'`);
    await queryRunner.query(`DROP TABLE search_top`);
    await queryRunner.query(`DROP TABLE search_top_query`);
  }
}
