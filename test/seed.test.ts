import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/data-source';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { SeedError } from '../seeds/read';
import { type TestDatabase, createTestDatabase } from './support/app';
import { ENTITIES } from '../src/entities';

const TABLES = [
  'federal_district', 'region', 'publication', 'publication_mention', 'organization', 'speaker', 'affiliation',
  'forum', 'forum_organizer', 'session', 'participation', 'quote', 'cluster', 'cluster_member', 'cluster_event',
  'cluster_event_cluster', 'cluster_event_organization', 'cluster_event_federal_district', 'figure',
];

/** Every row of every content table, in a stable order: what "the database as it was" means. */
async function dump(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM ${table}`);
    out[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return out;
}

/** A copy of the real seeds in a temporary folder, with `file` edited by `edit`. */
function seedsWith(file: string, edit: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-'));
  fs.cpSync(projectPath('seeds'), dir, { recursive: true });
  const target = path.join(dir, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  return dir;
}

let testDb: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }).database, { entities: ENTITIES });
});
afterAll(async () => {
  await database.dataSource.destroy();
  await testDb.drop();
});

describe('loading the real data set', () => {
  it('loads every kind of record', async () => {
    const summary = await loadSeeds(database.dataSource, projectPath('seeds'));
    expect(summary).toEqual({
      federalDistricts: 8, regions: 86, publications: 31, organizations: 20, speakers: 2, forums: 4,
      sessions: 7, quotes: 3, clusters: 12, clusterEvents: 18, figures: 20,
    });
  });

  it('loading twice changes nothing', async () => {
    const before = await dump(database.dataSource);
    await loadSeeds(database.dataSource, projectPath('seeds'));
    expect(await dump(database.dataSource)).toEqual(before);
  });

  it('keeps the keys that global IDs are made of', async () => {
    const rows: { id: string }[] = await database.dataSource.query(`SELECT id FROM forum ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual([
      'baikal-education-forum-5', 'baikal-education-forum-7', 'baikal-education-forum-8', 'russia-international-exhibition-forum',
    ]);
  });
});

describe('a bad seed file stops the load, names file, record and field, and changes nothing', () => {
  const cases: [string, string, (text: string) => string, RegExp][] = [
    ['broken YAML syntax', 'forums.yaml', (t) => t.replace('- key: baikal-education-forum-8', '- key: [baikal-education-forum-8'), /^forums\.yaml: not valid YAML/],
    ['an unknown field', 'sessions.yaml', (t) => t.replace('  kind: STRATEGIC_SESSION', '  kind: STRATEGIC_SESSION\n  colour: red'), /^sessions\.yaml: record "baikal-8-strategic-session" \(#1\), field "colour": unknown field "colour"/],
    ['a missing reference', 'quotes.yaml', (t) => t.replace('speaker: maklina-elena', 'speaker: nobody-at-all'), /^quotes\.yaml: record "maklina-project-analytic-session-architecture" \(#3\), field "speaker": no speaker has the key "nobody-at-all"/],
    ['a wrong enum value', 'cluster-events.yaml', (t) => t.replace('kind: OPEN_DAY', 'kind: OPEN_HOUSE'), /^cluster-events\.yaml: record "open-day-2024-04-20" \(#1\), field "kind": expected one of OPEN_DAY, .*; received "OPEN_HOUSE"/],
    ['a bad date', 'forums.yaml', (t) => t.replace('startDate: "2013-07-03"', 'startDate: "2013-13-03"'), /^forums\.yaml: record "baikal-education-forum-5" \(#1\), field "startDate": expected a date like "2024", "2024-04" or "2024-04-20"; received "2013-13-03"/],
    ['an unquoted date', 'forums.yaml', (t) => t.replace('startDate: "2013-07-03"', 'startDate: 2013'), /field "startDate": expected a quoted date string/],
    ['a duplicate key', 'speakers.yaml', (t) => t.replace('key: maklina-elena', 'key: neumyvakin-viktor'), /^speakers\.yaml: record "neumyvakin-viktor" \(#2\), field "key": the key "neumyvakin-viktor" is used twice/],
    ['an Int past 2^31 (OUT_OF_RANGE on the write paths)', 'forums.yaml', (t) => t.replace('edition: 5', 'edition: 3000000000'), /^forums\.yaml: record "baikal-education-forum-5" \(#1\), field "edition": expected an integer from 1 to 2147483647; received 3000000000/],
    ['the year 0000', 'forums.yaml', (t) => t.replace('startDate: "2013-07-03"', 'startDate: "0000-07-03"'), /field "startDate": expected a year from 1900 to 2100; received "0000-07-03"/],
    ['an end before the start', 'forums.yaml', (t) => t.replace('endDate: "2013-07-07"', 'endDate: "2013-07-02"'), /field "endDate": expected endDate on or after startDate "2013-07-03"; received "2013-07-02"/],
    ['a source named twice', 'forums.yaml', (t) => t.replace('sources: [ref-baikal24-sport, ref-novosti-saratova-383003]', 'sources: [ref-baikal24-sport, ref-baikal24-sport]'), /field "sources\.1": expected each entry once in the list/],
    ['NUL in a text', 'forums.yaml', (t) => t.replace('title: "V Байкальский', 'title: "V\\0 Байкальский'), /field "title": expected text without NUL/],
    ['a text longer than its column', 'forums.yaml', (t) => t.replace('title: "V Байкальский образовательный форум"', `title: "${'Ф'.repeat(501)}"`), /^forums\.yaml: record "baikal-education-forum-5" \(#1\), field "title": expected at most 500 characters; received 501/],
    ['NUL in the regions reference data', 'regions/region.csv', (t) => t.replace('Бурятия', 'Бур\u0000ятия'), /^regions\/region\.csv: record line \d+, field "name": expected text without NUL/],
    ['a two-record parent cycle', 'organizations.yaml', (t) => t.replace('- key: minprosveshcheniya\n', '- key: minprosveshcheniya\n  parent: minprosveshcheniya-dgp-spo\n'), /^organizations\.yaml: record "minprosveshcheniya" \(#1\), field "parent": the parent chain loops back on itself/],
    ['a missing source', 'clusters.yaml', (t) => t.replace('sources: [ref-edu-ruobr-7263]', 'sources: [ref-nowhere]'), /^clusters\.yaml: record "kuznetsk-industrial-technical-school-metallurgy" \(#1\), field "sources\.0": no publication has the key "ref-nowhere"/],
  ];

  it.each(cases)('%s', async (_name, file, edit, message) => {
    const before = await dump(database.dataSource);
    const dir = seedsWith(file, edit);
    try {
      const error = await loadSeeds(database.dataSource, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SeedError);
      expect((error as SeedError).message).toMatch(message);
      expect((error as SeedError).code).toBe('SEED_INVALID');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await dump(database.dataSource)).toEqual(before);
  });

  it('a failure inside the transaction rolls back what was written before it', async () => {
    const before = await dump(database.dataSource);
    // The publications are written first; a trigger then fails the figures, written last.
    const dir = seedsWith('publications.yaml', (t) => t.replace('title: "Регионы России"', 'title: "Регионы России — изменено"'));
    try {
      await database.dataSource.query(
        database.dialect.name === 'postgres'
          ? `CREATE OR REPLACE FUNCTION fail_figure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`
          : `CREATE TRIGGER fail_figure BEFORE INSERT ON figure BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      );
      if (database.dialect.name === 'postgres') {
        await database.dataSource.query(`CREATE TRIGGER fail_figure BEFORE INSERT OR UPDATE ON figure FOR EACH ROW EXECUTE FUNCTION fail_figure()`);
      }
      await expect(loadSeeds(database.dataSource, dir)).rejects.toThrow(/boom/);
    } finally {
      await database.dataSource.query(database.dialect.name === 'postgres' ? 'DROP TRIGGER fail_figure ON figure' : 'DROP TRIGGER fail_figure');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await dump(database.dataSource)).toEqual(before);
  });
});
