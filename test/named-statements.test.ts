import { Client } from 'pg';
import { type Database, openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { POSTGRES_URL, describeWith } from './support/services';

/*
 * On PostgreSQL the reads go as named prepared statements (POSTGRES_NAMED_STATEMENTS): each text
 * is parsed and planned once per pooled connection, which keeps it in pg_prepared_statements.
 * Sequential reads reuse the pool's most recently released connection, so the statements a test
 * runs one after another are all on the connection that then reads pg_prepared_statements.
 */

const name = `graph_named_${process.pid}_${Date.now().toString(36)}`;
const url = new URL(POSTGRES_URL.toString());
url.pathname = `/${name}`;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function prepared(database: Database): Promise<string[]> {
  const rows = await database.read("SELECT statement FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY statement", []);
  return rows.map((row) => String(row.statement));
}

describeWith('postgres')('named prepared statements on PostgreSQL', () => {
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  const open = (namedStatements?: number) => openDatabase({ kind: 'postgres', url: url.toString() }, { entities: ENTITIES, migrate: false, ...(namedStatements === undefined ? {} : { namedStatements }) });

  it('prepares each read once by name and answers from it', async () => {
    const database = await open();
    try {
      for (let i = 0; i < 3; i += 1) expect(await database.read('SELECT ?::int + 1 AS n', [i])).toEqual([{ n: i + 1 }]);
      expect(await database.read("SELECT ?::text || 'b' AS s", ['a'])).toEqual([{ s: 'ab' }]);
      expect(await prepared(database)).toEqual(['SELECT $1::int + 1 AS n', "SELECT $1::text || 'b' AS s"]);
    } finally {
      await database.close();
    }
  });

  it('names no more texts than the limit, and none with 0', async () => {
    const two = await open(2);
    try {
      for (const sql of ['SELECT 1 AS n', 'SELECT 2 AS n', 'SELECT 3 AS n']) await two.read(sql, []);
      expect(await prepared(two)).toEqual(['SELECT 1 AS n', 'SELECT 2 AS n']);
    } finally {
      await two.close();
    }
    const none = await open(0);
    try {
      expect(await none.read('SELECT 1 AS n', [])).toEqual([{ n: 1 }]);
      expect(await prepared(none)).toEqual([]);
    } finally {
      await none.close();
    }
  });
});
