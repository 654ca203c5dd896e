import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens: a name, a role, and the SHA-256 of the token (the token itself is shown once, by
 * the CLI, and never stored). A revoked token keeps its row, so its name is not reused unknowingly.
 */
export class Tokens1765000000000 implements MigrationInterface {
  name = 'Tokens1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE api_token (
      name varchar(100) PRIMARY KEY,
      role varchar(20) NOT NULL,
      token_hash varchar(64) NOT NULL UNIQUE,
      created_at varchar(30) NOT NULL,
      revoked_at varchar(30)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_token`);
  }
}
