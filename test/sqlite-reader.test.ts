import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { type SqliteDriver, openSqliteReader, sqliteMemstatusOff } from '../src/db/sqlite-reader';

// The SQLite read connections are SQLite's own business: on PostgreSQL runs there is nothing to test.
const onSqlite = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '') ? describe.skip : describe;

onSqlite('SqliteReader', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-reader-'));
    file = path.join(dir, 'r.sqlite');
    const db = new sqlite3.Database(file);
    await new Promise<void>((resolve, reject) =>
      db.exec(
        "PRAGMA journal_mode = WAL; CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER); INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 3);",
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    await new Promise<void>((resolve) => db.close(() => resolve()));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers with rows, binding parameters, and prepares each SQL text once per connection', async () => {
    const reader = await openSqliteReader(file, { driver: 'sqlite3', connections: 1 });
    const prepare = jest.spyOn(sqlite3.Database.prototype, 'prepare');
    try {
      for (const id of ['a', 'b', 'c', 'a']) {
        expect(await reader.all('SELECT id, n FROM t WHERE id = ?', [id])).toEqual([{ id, n: { a: 1, b: 2, c: 3 }[id] }]);
      }
      expect(prepare).toHaveBeenCalledTimes(1);
      await reader.all('SELECT COUNT(*) AS n FROM t', []);
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      prepare.mockRestore();
      await reader.close();
    }
  });

  it.each<SqliteDriver>(['sqlite3', 'better-sqlite3'])('with %s: cannot write, reports a bad statement, and goes on serving', async (driver) => {
    const reader = await openSqliteReader(file, { driver, connections: 2 });
    try {
      // node-sqlite3 opens read-only; better-sqlite3 also refuses a statement that returns no rows.
      await expect(reader.all("INSERT INTO t VALUES ('d', 4)", [])).rejects.toThrow(/readonly|does not return data/i);
      expect(await reader.all("SELECT COUNT(*) AS n FROM t WHERE id = 'd'", [])).toEqual([{ n: 0 }]);
      await expect(reader.all('SELECT nope FROM t', [])).rejects.toThrow(/no such column: nope/);
      // The failed statement is not cached: the same text fails again the same way.
      await expect(reader.all('SELECT nope FROM t', [])).rejects.toThrow(/no such column: nope/);
      expect(await reader.all('SELECT COUNT(*) AS n FROM t', [])).toEqual([{ n: 3 }]);
    } finally {
      await reader.close();
    }
  });

  it('runs concurrent statements on different connections', async () => {
    const reader = await openSqliteReader(file, { driver: 'sqlite3', connections: 2 });
    const seen = new Set<unknown>();
    const all = sqlite3.Statement.prototype.all;
    const spy = jest.spyOn(sqlite3.Statement.prototype, 'all').mockImplementation(function (this: sqlite3.Statement, ...args: unknown[]) {
      seen.add((this as unknown as { db?: unknown }).db ?? this);
      return (all as (...a: unknown[]) => sqlite3.Statement).apply(this, args);
    });
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => reader.all('SELECT COUNT(*) AS n FROM t', [])));
      expect(results).toEqual([[{ n: 3 }], [{ n: 3 }], [{ n: 3 }], [{ n: 3 }]]);
      // Two connections, each with its own prepared statement of the same text.
      expect(seen.size).toBe(2);
    } finally {
      spy.mockRestore();
      await reader.close();
    }
  });

  it.each<SqliteDriver>(['sqlite3', 'better-sqlite3'])('with %s: sees what the writer commits (WAL), and binds parameters', async (driver) => {
    const reader = await openSqliteReader(file, { driver, connections: 1 });
    const writer = new sqlite3.Database(file);
    try {
      const count = async () => (await reader.all('SELECT COUNT(*) AS n FROM t WHERE n < ?', [100]))[0].n;
      const before = Number(await count());
      await new Promise<void>((resolve, reject) => writer.run(`INSERT INTO t VALUES ('${driver}', 26)`, (error) => (error ? reject(error) : resolve())));
      expect(await count()).toBe(before + 1);
      expect(await reader.all('SELECT id FROM t WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id', [JSON.stringify(['a', driver])])).toEqual([{ id: 'a' }, { id: driver }]);
    } finally {
      await new Promise<void>((resolve) => writer.close(() => resolve()));
      await reader.close();
    }
  });
});

onSqlite('the installed sqlite3', () => {
  it('is built with SQLITE_DEFAULT_MEMSTATUS=0 (npm install rebuilds it: scripts/sqlite3-build.js)', async () => {
    const db = new sqlite3.Database(':memory:');
    const query = (sql: string) => new Promise<unknown>((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows))));
    try {
      expect(await sqliteMemstatusOff({ query })).toBe(true);
    } finally {
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }
  });
});
