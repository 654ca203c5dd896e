import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import { Client } from 'pg';
import { type DatabaseConfig, loadConfig } from '../src/config';
import type { Database } from '../src/db/data-source';
import { SetUpLockLost, SetUpLockTimeout, holdSetUpLock, lockSetUp } from '../src/db/set-up-lock';
import { documentsOf } from '../src/modules/writes/write-state';
import { followWrites } from '../src/derived-data';
import { deleteRecord } from '../src/modules/writes/write-service';
import { writeKindOf } from '../src/modules/writes/write-kinds';
import { toGlobalId } from '../src/shared/global-id';
import { WAITING_FOR_SET_UP, setUpStages } from '../src/set-up';
import { runWebhooksCli } from '../src/webhooks-cli';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from '../seeds/load';
import { readSeedSet } from '../seeds/read';
import { type TestDatabase, createTestDatabase } from './support/app';
import { POSTGRES_URL, describeWith } from './support/services';

/**
 * The set-up lock (src/db/set-up-lock.ts): a database is migrated, seeded and given its drafts by
 * one process at a time. Checked on a new SQLite file and on a new PostgreSQL database: one
 * holder at a time, a wait that passes, a holder killed with SIGKILL, and set-ups run together.
 */
jest.setTimeout(120_000);

describe('on SQLite', () => checks(() => createTestDatabase('')));
describeWith('postgres')('on PostgreSQL', () => checks(() => createTestDatabase(POSTGRES_URL.toString())));

function checks(create: () => Promise<TestDatabase>): void {
  let testDb: TestDatabase;
  let config: DatabaseConfig;

  beforeEach(async () => {
    testDb = await create();
    config = loadConfig({ DATABASE_URL: testDb.url }).database;
  });
  afterEach(() => testDb.drop());

  it('is held by one at a time; a wait that passes fails clearly; let go, it is taken', async () => {
    const first = await lockSetUp(config, 0);
    expect(first).not.toBeNull();
    expect(await lockSetUp(config, 0)).toBeNull();

    const waits: number[] = [];
    const error = await holdSetUpLock(config, {
      waitMs: 300,
      onWait: () => waits.push(Date.now()),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetUpLockTimeout);
    expect(error).toMatchObject({ code: 'SET_UP_LOCK_TIMEOUT' });
    expect((error as Error).message).toMatch(/^Another process has been setting up the database at .+ for more than 0\.3 s \(migrations, the first drafts\); expected it to finish\./);
    expect(waits).toHaveLength(1);

    // A waiter gets it once the holder lets it go.
    const waiting = holdSetUpLock(config, { waitMs: 30_000 });
    setTimeout(() => void first!.release(), 200);
    const second = await waiting;
    expect(await lockSetUp(config, 0)).toBeNull();
    await second.release();
    const third = await lockSetUp(config, 0);
    expect(third).not.toBeNull();
    await third!.release();
  });

  it('on SQLite, is taken where the folder of the database does not exist yet (data/ on a fresh clone)', async () => {
    if (config.kind !== 'sqlite') return;
    const nested: DatabaseConfig = { kind: 'sqlite', path: path.join(path.dirname(config.path), 'not', 'yet', 'graph.sqlite') };
    const lock = await lockSetUp(nested, 0);
    expect(lock).not.toBeNull();
    await lock!.release();
  });

  it('on SQLite, is waited for without holding a worker thread: file reads go on meanwhile', async () => {
    if (config.kind !== 'sqlite') return;
    const holder = await lockSetUp(config, 0);
    // As many waiters as libuv has worker threads: waiting in SQLite's busy handler, they held all.
    const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const settled: string[] = [];
    const waiters = Array.from({ length: threads }, () =>
      lockSetUp(config, 1_500).then((lock) => {
        settled.push('waiter');
        return lock;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await fs.promises.readFile(__filename).then(() => settled.push('read'));
    expect(settled).toEqual(['read']);
    await holder!.release();
    const locks = await Promise.all(waiters);
    // One waiter took it once let go; the others' wait passed while it held it.
    expect(locks.filter((lock) => lock !== null)).toHaveLength(1);
    await Promise.all(locks.map((lock) => lock?.release()));
  });

  it('is let go when its holder is killed', async () => {
    const child = holdInChild(config);
    try {
      await held(child);
      expect(await lockSetUp(config, 0)).toBeNull();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // PostgreSQL ends the session once it sees the socket closed: waited for, briefly.
      const lock = await holdSetUpLock(config, { waitMs: 10_000 });
      await lock.release();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('a command-line tool waits for a set-up in progress, says so, then runs', async () => {
    const lock = await lockSetUp(config, 0);
    const out: string[] = [];
    const err: string[] = [];
    const run = runWebhooksCli(['list'], (line) => out.push(line), (line) => err.push(line), { DATABASE_URL: testDb.url });
    setTimeout(() => void lock!.release(), 300);
    expect(await run).toBe(0);
    expect(err).toEqual([WAITING_FOR_SET_UP]);
    expect(out).toEqual([]);
  });

  it('set-ups run together on a new database: each opens it, set up once', async () => {
    let seeded = 0;
    const options = {
      seedWhenEmpty: async ({ dataSource }: Database) => {
        seeded += 1;
        await loadSeeds(dataSource, projectPath('seeds'));
      },
      documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
    };
    const opened = await Promise.all([setUpStages(config, options), setUpStages(config, options), setUpStages(config, options)]);
    try {
      expect(seeded).toBe(1);
      for (const { published, draft } of opened) {
        const [forums] = await published.dataSource.query('SELECT COUNT(*) AS n FROM forum');
        expect(Number(forums.n)).toBe(4);
        // The drafts were made once: one IMPORT revision per record, none twice.
        const [revisions] = await draft.dataSource.query("SELECT COUNT(*) AS n, COUNT(DISTINCT node_type || ':' || node_id) AS records FROM revision WHERE action = 'IMPORT'");
        expect(Number(revisions.n)).toBeGreaterThan(100);
        expect(Number(revisions.n)).toBe(Number(revisions.records));
      }
      if (config.kind === 'sqlite') expect(fs.readdirSync(path.dirname(config.path)).filter((file) => file.includes('partial'))).toEqual([]);
    } finally {
      for (const { published, draft } of opened) {
        await draft.close();
        await published.close();
      }
    }
  });
}

/** A process of its own that takes the set-up lock with src/db/set-up-lock.ts and holds it until killed. */
function holdInChild(config: DatabaseConfig): ChildProcess {
  const { code } = transformFileSync(projectPath('src/db/set-up-lock.ts'), {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const script = `${code}\nmodule.exports.lockSetUp(${JSON.stringify(config)}, 0).then((lock) => { console.log(lock ? 'held' : 'busy'); setInterval(() => undefined, 1000); });`;
  return spawn(process.execPath, ['-e', script], {
    cwd: projectPath(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves once the child says it holds the lock; rejects if it could not take it. */
function held(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => (String(chunk).includes('held') ? resolve() : reject(new Error(`the child did not take the lock: ${String(chunk)}`))));
    child.once('exit', (status) => reject(new Error(`the child exited (${status}) before it took the lock`)));
  });
}

describeWith('postgres')('on PostgreSQL, the requests’ statement timeout', () => {
  it('bounds the statements of the requests, never those of the set-up', async () => {
    const testDb = await createTestDatabase(POSTGRES_URL.toString());
    const config = loadConfig({ DATABASE_URL: testDb.url }).database;
    try {
      // A set-up statement longer than the requests may run (a scale-10 drafts' fill copies a table for 10 s and more).
      const { published, draft } = await setUpStages(config, {
        statementTimeoutMs: 100,
        seedWhenEmpty: async ({ dataSource }: Database) => {
          await dataSource.query('SELECT pg_sleep(0.3)');
          await loadSeeds(dataSource, projectPath('seeds'));
        },
        documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
      });
      try {
        for (const stage of [published, draft]) {
          await expect(stage.dataSource.query('SELECT pg_sleep(0.3)')).rejects.toMatchObject({ driverError: { code: '57014' } });
          const [forums] = await stage.dataSource.query('SELECT COUNT(*) AS n FROM forum');
          expect(Number(forums.n)).toBe(4);
        }
      } finally {
        await draft.close();
        await published.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});

describeWith('postgres')('on PostgreSQL, a delete a crash cut in two, finished at set-up', () => {
  it('leaves the summaries it made stale rebuilt before the stages are opened again for the requests', async () => {
    const testDb = await createTestDatabase(POSTGRES_URL.toString());
    const config = loadConfig({ DATABASE_URL: testDb.url }).database;
    const seeded = {
      seedWhenEmpty: ({ dataSource }: Database) => loadSeeds(dataSource, projectPath('seeds')).then(() => undefined),
      documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
    };
    try {
      const first = await setUpStages(config, seeded);
      const [{ id: key }] = await first.published.dataSource.query('SELECT id FROM cluster_event e WHERE NOT EXISTS (SELECT 1 FROM cluster_event c WHERE c.parent_id = e.id) AND NOT EXISTS (SELECT 1 FROM figure f WHERE f.subject_id = e.id) ORDER BY id LIMIT 1');
      try {
        // The published half fails as a crash would, after the drafts' half committed.
        const crashing = new Proxy(first.published.dataSource, {
          get: (target, property) => (property === 'createQueryRunner' || property === 'transaction' ? () => { throw new Error('crash'); } : Reflect.get(target, property)),
        });
        const scope = { published: { ...first.published, dataSource: crashing }, draft: first.draft, actor: 'set-up-test', events: followWrites() };
        await expect(deleteRecord(scope, writeKindOf('ClusterEvent'), toGlobalId('ClusterEvent', key), 1)).rejects.toThrow('crash');
      } finally {
        await first.draft.close();
        await first.published.close();
      }

      const { published, draft } = await setUpStages(config, { ...seeded, statementTimeoutMs: 5_000 });
      try {
        expect(await published.dataSource.query('SELECT id FROM cluster_event WHERE id = $1', [key])).toEqual([]);
        // Fresh at once: no rebuild left armed on the set-up's closed connections.
        expect(await published.dataSource.query('SELECT name FROM stats_rollup_state WHERE built <> generation')).toEqual([]);
      } finally {
        await draft.close();
        await published.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});

describeWith('postgres')('on PostgreSQL, the set-up lock’s own session', () => {
  let testDb: TestDatabase;
  let config: DatabaseConfig;
  let admin: Client;
  beforeEach(async () => {
    testDb = await createTestDatabase(POSTGRES_URL.toString());
    config = loadConfig({ DATABASE_URL: testDb.url }).database;
    admin = new Client({ connectionString: testDb.url });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await testDb.drop();
  });

  /** The sessions of the database other than the admin's own. */
  const sessions = async () => Number((await admin.query('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows[0].n);

  it('ended during the set-up, fails it with SET_UP_LOCK_LOST and leaves no session open', async () => {
    const lock = await holdSetUpLock(config);
    lock.assertHeld();
    // Ended as an administrator or a restart would.
    const { rows } = await admin.query("SELECT pg_terminate_backend(pid) AS ended FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    expect(rows).toEqual([{ ended: true }]);
    for (let tries = 0; tries < 50 && !throws(() => lock.assertHeld()); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(() => lock.assertHeld()).toThrow(SetUpLockLost);

    const error = await setUpStages(config, { lock }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SET_UP_LOCK_LOST' });
    expect((error as Error).message).toMatch(/^The session holding the set-up lock of the configured PostgreSQL database ended during the set-up \(.+\); expected it held until the set-up was done\./);
    // The failed set-up closed what it opened (a backend leaves shortly after its socket closes).
    for (let tries = 0; tries < 100 && (await sessions()) > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sessions()).toBe(0);
  });

  it('outlives an idle_session_timeout set for the database while the set-up runs on other sessions', async () => {
    await admin.query(`ALTER DATABASE "${new URL(testDb.url).pathname.slice(1)}" SET idle_session_timeout = '200ms'`);
    const lock = await holdSetUpLock(config);
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      lock.assertHeld();
      expect(await lockSetUp(config, 0)).toBeNull();
    } finally {
      await lock.release();
    }
  });
});

function throws(check: () => void): boolean {
  try {
    check();
    return false;
  } catch {
    return true;
  }
}
