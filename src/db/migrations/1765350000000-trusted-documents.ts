import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trusted documents: the operations an app version ships (GraphQL Code Generator's persisted
 * documents manifest), registered by `npm run documents -- register` or the ADMIN mutation, and
 * answered by their id (`sha256:<hex of the text>`). A document two versions of an app share has
 * a row per version, so retiring one version leaves the other's. `owner` and `name` are for
 * documents saved by hand (the Playground's saved queries); registered ones leave them empty.
 */
export class TrustedDocuments1765350000000 implements MigrationInterface {
  name = 'TrustedDocuments1765350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE trusted_document (
      id varchar(71) NOT NULL,
      app_name varchar(100) NOT NULL,
      app_version varchar(100) NOT NULL,
      body text NOT NULL,
      operation_names text NOT NULL,
      registered_at varchar(30) NOT NULL,
      retired_at varchar(30),
      last_used_at varchar(30),
      owner varchar(100),
      name varchar(200),
      PRIMARY KEY (id, app_name, app_version)
    )`);
    await queryRunner.query(`CREATE INDEX trusted_document_app ON trusted_document (app_name, app_version)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trusted_document`);
  }
}
