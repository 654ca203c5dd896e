import 'reflect-metadata';
import sqlite3 from 'sqlite3';
import { loadConfig } from '../src/config';
import { DatabaseOpenError, openDatabase } from '../src/db/data-source';
import { setUpPublished } from '../src/set-up';
import { createSchema } from '../src/schema';
import { type Server, createServer, listen } from '../src/server';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { type TestDatabase, createTestDatabase, dataOf, manualClock, request, startTestApp } from './support/app';
import { POSTGRES_URL, describeWith } from './support/services';
import { TcpProxy } from './support/tcp-proxy';
import { ENTITIES } from '../src/entities';

jest.setTimeout(60_000);

/** The PostgreSQL server every developer and CI machine runs (see the README). */
const POSTGRES = POSTGRES_URL;

describeWith('postgres')('PostgreSQL going away', () => {
  let testDb: TestDatabase;
  let proxy: TcpProxy;
  let server: Server | null = null;
  let close: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    testDb = await createTestDatabase(POSTGRES.toString());
    proxy = new TcpProxy(POSTGRES.hostname, Number(POSTGRES.port || 5432));
  });
  afterAll(async () => {
    await close?.();
    await proxy.stop();
    await testDb.drop();
  });

  const viaProxy = () => {
    const url = new URL(testDb.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return url.toString();
  };

  it('at start: a clear error, and start-up waits for the database to come back', async () => {
    const port = await proxy.start();
    await proxy.stop();
    const config = loadConfig({ DATABASE_URL: viaProxy() }).database;
    const error = await openDatabase(config, { entities: ENTITIES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toMatch(new RegExp(`^Cannot open the postgres database at postgres://postgres@127\\.0\\.0\\.1:${port}/graph_test_\\w+: .*ECONNREFUSED`));

    const retries: number[] = [];
    setTimeout(() => void proxy.start(), 1500);
    // The set-up lock's connection, then the database's, wait for it (start-up's path: set-up.ts).
    const database = await setUpPublished(config, { retry: { timeoutMs: 20_000, intervalMs: 300, onRetry: (_e, attempt) => retries.push(attempt) } });
    expect(retries.length).toBeGreaterThan(0);
    await loadSeeds(database.dataSource, projectPath('seeds'));
    const appConfig = loadConfig({ NODE_ENV: 'production', GRAPH_DEBUG: '1', LOG_LEVEL: 'silent', DATABASE_URL: viaProxy() });
    server = await createServer(appConfig, database, await createSchema());
    const httpPort = await listen(server, 0, '127.0.0.1');
    close = async () => {
      await server?.stop();
      if (database.dataSource.isInitialized) await database.dataSource.destroy();
    };
    const gql = (query: string) => request<{ data?: any; errors?: { message: string; extensions?: { code?: string } }[] }>(`http://127.0.0.1:${httpPort}/graphql`, { json: { query } });
    const ready = async () => (await request(`http://127.0.0.1:${httpPort}/readyz`)).status;
    expect((await gql('{ forums { totalCount } }')).body.data.forums.totalCount).toBe(4);
    expect(await ready()).toBe(200);

    // Mid-run: the database goes away.
    await proxy.stop();
    const down = await gql('{ regions { totalCount } }');
    expect(down.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(down.body.errors?.[0].message).toMatch(/^The database is unavailable \(.+\); try again shortly\.$/);
    expect(await ready()).toBe(503);

    // It comes back: the server recovers by itself, and nothing written before was lost.
    await proxy.start();
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      const answer = await gql('{ regions { totalCount } forums { totalCount } }');
      recovered = answer.body.data?.regions?.totalCount === 86 && answer.body.data?.forums?.totalCount === 4;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(true);
    expect(await ready()).toBe(200);
  });
});

describe('SQLite locked by another process', () => {
  it('reads go on; a load waits, fails with a clear error, changes nothing, and works once the lock is gone', async () => {
    const previous = process.env.TEST_DATABASE_URL;
    delete process.env.TEST_DATABASE_URL;
    const app = await startTestApp().finally(() => {
      if (previous !== undefined) process.env.TEST_DATABASE_URL = previous;
    });
    try {
      if (app.config.database.kind !== 'sqlite') throw new Error('expected a SQLite test database');
      const file = app.config.database.path;
      const other = new sqlite3.Database(file);
      const run = (sql: string) => new Promise<void>((resolve, reject) => other.run(sql, (error) => (error ? reject(error) : resolve())));
      await run('PRAGMA busy_timeout = 0');
      await run('BEGIN EXCLUSIVE');
      try {
        expect(dataOf(await app.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
        const error = await loadSeeds(app.database.dataSource, projectPath('seeds')).catch((e: unknown) => e);
        expect(String((error as Error).message)).toMatch(/SQLITE_BUSY|database is locked/);
      } finally {
        await run('ROLLBACK');
        await new Promise<void>((resolve) => other.close(() => resolve()));
      }
      const summary = await loadSeeds(app.database.dataSource, projectPath('seeds'));
      expect(summary.forums).toBe(4);
      expect(dataOf(await app.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
    } finally {
      await app.close();
    }
  });
});

describe('a SQLite file the server cannot write', () => {
  it('stops start-up with a clear error, and changes nothing', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { execFileSync } = await import('node:child_process');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-readonly-'));
    const file = path.join(dir, 'graph.sqlite');
    const database = await openDatabase({ kind: 'sqlite', path: file }, { entities: ENTITIES });
    await loadSeeds(database.dataSource, projectPath('seeds'));
    await database.dataSource.query('PRAGMA journal_mode = DELETE');
    await database.dataSource.destroy();
    const before = fs.readFileSync(file);
    // chattr +i: immutable even for root (tests run as root, where chmod would not stop a write).
    execFileSync('chattr', ['+i', file, dir]);
    try {
      const error = await openDatabase({ kind: 'sqlite', path: file }, { entities: ENTITIES }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseOpenError);
      expect((error as Error).message).toMatch(
        new RegExp(`^Cannot open the sqlite database at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: SQLITE_(READONLY|CANTOPEN): .+ \\(the server needs to write to the file and its folder\\)$`),
      );
    } finally {
      execFileSync('chattr', ['-i', dir, file]);
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describeWith('redis')('Redis going away while it keeps the rate-limit windows', () => {
  it('lets requests through, /readyz turns false, and it recovers by itself', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    // A clock that stands still: every request below counts in one window (the window's key is
    // cut by this clock; only the key's expiry is Redis's own, far beyond the test).
    const app = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_POINTS: '1000000' }, clock: manualClock() });
    const readyz = async () => (await app.get('/readyz')).status;
    const remaining = async () => (await app.gql(`{ forums { totalCount } }`)).extensions?.cost?.remaining as number;
    const until200 = async () => {
      for (let i = 0; i < 50; i++) {
        if ((await readyz()) === 200) return true;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return false;
    };
    try {
      // Ready once the Redis connection is up (it connects in the background at start).
      expect(await until200()).toBe(true);
      const counted = await remaining();
      expect(counted).toBeLessThan(1_000_000);

      await proxy.stop();
      const during = await app.gql(`{ forums { totalCount } }`);
      expect(during.data?.forums.totalCount).toBe(4);
      expect(await readyz()).toBe(503);

      await proxy.start();
      expect(await until200()).toBe(true);
      expect(await remaining()).toBeLessThan(counted);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });
});

describeWith('postgres')('a statement running past the request timeout on PostgreSQL', () => {
  it('is cancelled by the database and answered as TIMEOUT; the next statement runs', async () => {
    const previous = process.env.TEST_DATABASE_URL;
    process.env.TEST_DATABASE_URL = POSTGRES.toString();
    const testDb = await createTestDatabase().finally(() => {
      process.env.TEST_DATABASE_URL = previous;
    });
    const database = await setUpPublished({ kind: 'postgres', url: testDb.url }, { statementTimeoutMs: 300 });
    try {
      const { Sql } = await import('../src/db/sql');
      const sql = new Sql(database, database.dialect);
      const started = Date.now();
      const error = await sql.query('SELECT pg_sleep(3)').catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).toMatchObject({ extensions: { code: 'TIMEOUT' } });
      expect(await sql.query('SELECT COUNT(*) AS n FROM forum')).toEqual([{ n: '0' }]);
      const migrations: unknown[] = await database.dataSource.query('SELECT name FROM migrations');
      expect(migrations.length).toBeGreaterThan(0);
    } finally {
      await database.close();
      await testDb.drop();
    }
  });
});
