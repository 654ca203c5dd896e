import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Rebuild } from './rebuild';

/**
 * Full-text search. `search_document` keeps the original text of every searchable field (for
 * highlights); `search_index` holds each document's Snowball stems, computed in JS so both
 * databases index the same tokens: an FTS5 table on SQLite (the `ascii` tokenizer splits only on
 * ASCII punctuation and spaces, and the stems are already folded), a tsvector with a GIN index on
 * PostgreSQL. The index is filled from the rows already there (a rebuild after the migrations:
 * the stems are computed in JS), so an existing database can search at once.
 */
export class Search1764400000000 implements MigrationInterface {
  name = 'Search1764400000000';
  readonly rebuilds: readonly Rebuild[] = ['search-index'];

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE search_document (
      node_type varchar(30) NOT NULL,
      node_id varchar(100) NOT NULL,
      ordinal integer NOT NULL,
      field varchar(30) NOT NULL,
      text text NOT NULL,
      PRIMARY KEY (node_type, node_id, ordinal)
    )`);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE TABLE search_index (
        node_type varchar(30) NOT NULL,
        node_id varchar(100) NOT NULL,
        stems tsvector NOT NULL,
        PRIMARY KEY (node_type, node_id)
      )`);
      await queryRunner.query(`CREATE INDEX search_index_stems_idx ON search_index USING GIN (stems)`);
    } else {
      await queryRunner.query(
        `CREATE VIRTUAL TABLE search_index USING fts5(node_type UNINDEXED, node_id UNINDEXED, head, body, tokenize = 'ascii')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE search_index`);
    await queryRunner.query(`DROP TABLE search_document`);
  }
}
