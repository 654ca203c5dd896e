import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema. Portable DDL: the same statements run on SQLite and PostgreSQL.
 * Every `*_fold` column holds the folded text of its neighbour (see shared/text.ts), and every
 * `*_from` column the first day of a partial date, so filters and ordering stay portable.
 */
export class Initial1764160000000 implements MigrationInterface {
  name = 'Initial1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const real = queryRunner.connection.options.type === 'postgres' ? 'double precision' : 'real';
    const statements = [
      `CREATE TABLE federal_district (
        id varchar(100) PRIMARY KEY,
        name varchar(200) NOT NULL,
        name_fold varchar(200) NOT NULL
      )`,
      `CREATE TABLE region (
        id varchar(100) PRIMARY KEY,
        name varchar(200) NOT NULL,
        name_fold varchar(200) NOT NULL,
        full_name varchar(300),
        kind varchar(50),
        iso_code varchar(20),
        iso_code_fold varchar(20),
        timezone varchar(20),
        federal_district_id varchar(100) REFERENCES federal_district(id)
      )`,
      `CREATE INDEX region_federal_district_idx ON region(federal_district_id)`,
      `CREATE TABLE publication (
        id varchar(100) PRIMARY KEY,
        kind varchar(30) NOT NULL,
        title varchar(1000) NOT NULL,
        title_fold varchar(1000) NOT NULL,
        lead text,
        body text,
        published_at varchar(10),
        published_at_from varchar(10),
        source_url varchar(1000),
        note text
      )`,
      `CREATE TABLE publication_mention (
        publication_id varchar(100) NOT NULL REFERENCES publication(id),
        node_type varchar(30) NOT NULL,
        node_id varchar(100) NOT NULL,
        ordinal integer NOT NULL,
        PRIMARY KEY (publication_id, node_type, node_id)
      )`,
      `CREATE INDEX publication_mention_node_idx ON publication_mention(node_type, node_id)`,
      `CREATE TABLE organization (
        id varchar(100) PRIMARY KEY,
        name varchar(500) NOT NULL,
        name_fold varchar(500) NOT NULL,
        short_name varchar(200),
        short_name_fold varchar(200),
        kind varchar(30) NOT NULL,
        parent_id varchar(100) REFERENCES organization(id),
        region_id varchar(100) REFERENCES region(id)
      )`,
      `CREATE INDEX organization_parent_idx ON organization(parent_id)`,
      `CREATE INDEX organization_region_idx ON organization(region_id)`,
      `CREATE TABLE speaker (
        id varchar(100) PRIMARY KEY,
        full_name varchar(300) NOT NULL,
        full_name_fold varchar(300) NOT NULL,
        position varchar(1000),
        position_fold varchar(1000),
        organization_id varchar(100) REFERENCES organization(id)
      )`,
      `CREATE INDEX speaker_organization_idx ON speaker(organization_id)`,
      `CREATE TABLE affiliation (
        id varchar(200) PRIMARY KEY,
        speaker_id varchar(100) NOT NULL REFERENCES speaker(id),
        organization_id varchar(100) NOT NULL REFERENCES organization(id),
        position varchar(1000),
        since varchar(10),
        since_from varchar(10),
        until varchar(10),
        until_from varchar(10),
        ordinal integer NOT NULL
      )`,
      `CREATE INDEX affiliation_speaker_idx ON affiliation(speaker_id)`,
      `CREATE INDEX affiliation_organization_idx ON affiliation(organization_id)`,
      `CREATE TABLE forum (
        id varchar(100) PRIMARY KEY,
        title varchar(500) NOT NULL,
        title_fold varchar(500) NOT NULL,
        edition integer,
        series_title varchar(500),
        start_date varchar(10),
        start_date_from varchar(10),
        end_date varchar(10),
        end_date_from varchar(10),
        city varchar(200),
        city_fold varchar(200),
        venue varchar(500),
        region_id varchar(100) REFERENCES region(id),
        theme text
      )`,
      `CREATE INDEX forum_region_idx ON forum(region_id)`,
      `CREATE TABLE forum_organizer (
        forum_id varchar(100) NOT NULL REFERENCES forum(id),
        organization_id varchar(100) NOT NULL REFERENCES organization(id),
        ordinal integer NOT NULL,
        PRIMARY KEY (forum_id, organization_id)
      )`,
      `CREATE INDEX forum_organizer_organization_idx ON forum_organizer(organization_id)`,
      `CREATE TABLE session (
        id varchar(100) PRIMARY KEY,
        title varchar(1000) NOT NULL,
        title_fold varchar(1000) NOT NULL,
        kind varchar(30) NOT NULL,
        forum_id varchar(100) REFERENCES forum(id),
        parent_id varchar(100) REFERENCES session(id),
        date varchar(10),
        date_from varchar(10)
      )`,
      `CREATE INDEX session_forum_idx ON session(forum_id)`,
      `CREATE INDEX session_parent_idx ON session(parent_id)`,
      `CREATE TABLE participation (
        id varchar(300) PRIMARY KEY,
        session_id varchar(100) NOT NULL REFERENCES session(id),
        speaker_id varchar(100) NOT NULL REFERENCES speaker(id),
        role varchar(30) NOT NULL,
        talk_title varchar(1000),
        position varchar(1000),
        organization_id varchar(100) REFERENCES organization(id),
        ordinal integer NOT NULL
      )`,
      `CREATE INDEX participation_session_idx ON participation(session_id)`,
      `CREATE INDEX participation_speaker_idx ON participation(speaker_id)`,
      `CREATE TABLE quote (
        id varchar(100) PRIMARY KEY,
        text text NOT NULL,
        speaker_id varchar(100) NOT NULL REFERENCES speaker(id),
        session_id varchar(100) REFERENCES session(id),
        publication_id varchar(100) REFERENCES publication(id),
        ordinal integer NOT NULL
      )`,
      `CREATE INDEX quote_speaker_idx ON quote(speaker_id)`,
      `CREATE INDEX quote_session_idx ON quote(session_id)`,
      `CREATE INDEX quote_publication_idx ON quote(publication_id)`,
      `CREATE TABLE cluster (
        id varchar(100) PRIMARY KEY,
        name varchar(500) NOT NULL,
        name_fold varchar(500) NOT NULL,
        industry varchar(300),
        industry_fold varchar(300),
        region_id varchar(100) REFERENCES region(id),
        launch_year integer
      )`,
      `CREATE INDEX cluster_region_idx ON cluster(region_id)`,
      `CREATE TABLE cluster_member (
        cluster_id varchar(100) NOT NULL REFERENCES cluster(id),
        organization_id varchar(100) NOT NULL REFERENCES organization(id),
        role varchar(30) NOT NULL,
        ordinal integer NOT NULL,
        PRIMARY KEY (cluster_id, organization_id)
      )`,
      `CREATE INDEX cluster_member_organization_idx ON cluster_member(organization_id)`,
      `CREATE TABLE cluster_event (
        id varchar(100) PRIMARY KEY,
        title varchar(1000) NOT NULL,
        title_fold varchar(1000) NOT NULL,
        kind varchar(30) NOT NULL,
        start_date varchar(10),
        start_date_from varchar(10),
        end_date varchar(10),
        end_date_from varchar(10),
        venue varchar(500),
        venue_fold varchar(500),
        city varchar(200),
        description text,
        parent_id varchar(100) REFERENCES cluster_event(id),
        reported_cluster_count integer,
        reported_region_count integer
      )`,
      `CREATE INDEX cluster_event_parent_idx ON cluster_event(parent_id)`,
      `CREATE INDEX cluster_event_start_idx ON cluster_event(start_date_from)`,
      `CREATE TABLE cluster_event_cluster (
        event_id varchar(100) NOT NULL REFERENCES cluster_event(id),
        cluster_id varchar(100) NOT NULL REFERENCES cluster(id),
        ordinal integer NOT NULL,
        PRIMARY KEY (event_id, cluster_id)
      )`,
      `CREATE INDEX cluster_event_cluster_cluster_idx ON cluster_event_cluster(cluster_id)`,
      `CREATE TABLE cluster_event_organization (
        event_id varchar(100) NOT NULL REFERENCES cluster_event(id),
        organization_id varchar(100) NOT NULL REFERENCES organization(id),
        ordinal integer NOT NULL,
        PRIMARY KEY (event_id, organization_id)
      )`,
      `CREATE INDEX cluster_event_organization_organization_idx ON cluster_event_organization(organization_id)`,
      `CREATE TABLE cluster_event_federal_district (
        event_id varchar(100) NOT NULL REFERENCES cluster_event(id),
        federal_district_id varchar(100) NOT NULL REFERENCES federal_district(id),
        ordinal integer NOT NULL,
        PRIMARY KEY (event_id, federal_district_id)
      )`,
      `CREATE INDEX cluster_event_federal_district_district_idx ON cluster_event_federal_district(federal_district_id)`,
      `CREATE TABLE figure (
        id varchar(100) PRIMARY KEY,
        metric varchar(500) NOT NULL,
        value ${real} NOT NULL,
        qualifier varchar(20) NOT NULL,
        unit varchar(100),
        date varchar(10),
        date_from varchar(10),
        subject_type varchar(30),
        subject_id varchar(100)
      )`,
      `CREATE INDEX figure_subject_idx ON figure(subject_type, subject_id)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'figure',
      'cluster_event_federal_district',
      'cluster_event_organization',
      'cluster_event_cluster',
      'cluster_event',
      'cluster_member',
      'cluster',
      'quote',
      'participation',
      'session',
      'forum_organizer',
      'forum',
      'affiliation',
      'speaker',
      'organization',
      'publication_mention',
      'publication',
      'region',
      'federal_district',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
