import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { DatabaseConfig } from '../config';

/*
 * A database is set up by one process at a time: its migrations, the real data set loaded into
 * it when empty, the derived data the migrations left to rebuild, the drafts' first copy. Two
 * instances started together, or a CLI run while a server starts, did it twice: on a new
 * PostgreSQL database the second died in its migrations ("duplicate key value violates unique
 * constraint pg_class_relname_nsp_index"), and on a new SQLite file both died, one on SQLITE_BUSY
 * and one on the drafts' copy the other had removed. Whoever comes second now waits, then finds
 * the database set up.
 *
 * The lock is the database's own, not a file of ours with a process ID in it: a session advisory
 * lock on PostgreSQL, and on SQLite SQLite's exclusive lock on a file beside the database
 * (`graph.sqlite.lock`, empty). PostgreSQL ends the session of a process that dies and the
 * operating system drops the file lock of one, however it ends, so no crash leaves a stale lock.
 * Within one process two holders exclude each other too (SQLite tracks its locks per file, and
 * two sessions are two sessions).
 */

/** How long a process waits for another's set-up before it gives up: a migration rebuilding the search index of a large database takes minutes. */
export const SET_UP_WAIT_MS = 10 * 60_000;

/** The advisory lock's key on PostgreSQL: one per database, the same in every version of the server. */
const PG_LOCK_KEY = '7233806400110815401';

/** The set-up lock, held until released. */
export interface SetUpLock {
  /** Throws SetUpLockLost where the lock went before it was released (PostgreSQL: its session ended). */
  assertHeld(): void;
  release(): Promise<void>;
}

/**
 * The lock's own PostgreSQL session ended during the set-up (the server restarted, an
 * administrator or a proxy ended it): another process may have begun the same set-up meanwhile.
 */
export class SetUpLockLost extends Error {
  readonly code = 'SET_UP_LOCK_LOST';
  constructor(reason: string) {
    super(`The session holding the set-up lock of the configured PostgreSQL database ended during the set-up (${reason}); expected it held until the set-up was done. Another process may have set the database up meanwhile: start again.`);
  }
}

/** Another process held the set-up lock for longer than the wait. */
export class SetUpLockTimeout extends Error {
  readonly code = 'SET_UP_LOCK_TIMEOUT';
  constructor(where: string, waitMs: number) {
    super(`Another process has been setting up the database at ${where} for more than ${waitMs / 1000} s (migrations, the first drafts); expected it to finish. Start again once it has, or stop it if it hangs.`);
  }
}

/**
 * Takes the set-up lock of the database `config` names, waiting up to `waitMs` for another
 * process to let it go (0: not at all); null where it did not get it in that time. A failure to
 * reach the database throws, as opening it would.
 */
export async function lockSetUp(config: DatabaseConfig, waitMs: number): Promise<SetUpLock | null> {
  if (config.kind === 'postgres') return lockPostgres(config.url, waitMs);
  // A database in memory is this process's alone.
  if (config.path === ':memory:') return { assertHeld: () => undefined, release: async () => undefined };
  // Before anything opens the database, which makes its folder (data/ on a fresh clone).
  fs.mkdirSync(path.dirname(config.path), { recursive: true });
  return lockSqliteFile(`${config.path}.lock`, waitMs);
}

/**
 * Takes the set-up lock, waiting for up to `waitMs` (SET_UP_WAIT_MS) and telling `onWait` once
 * when it has to wait; throws SetUpLockTimeout when the wait passes.
 */
export async function holdSetUpLock(config: DatabaseConfig, options: { waitMs?: number; onWait?: () => void } = {}): Promise<SetUpLock> {
  const waitMs = options.waitMs ?? SET_UP_WAIT_MS;
  const now = await lockSetUp(config, 0);
  if (now) return now;
  options.onWait?.();
  const later = await lockSetUp(config, waitMs);
  if (later) return later;
  throw new SetUpLockTimeout(config.kind === 'postgres' ? 'the configured PostgreSQL database' : config.path, waitMs);
}

async function lockPostgres(url: string, waitMs: number): Promise<SetUpLock | null> {
  // Loaded here: the entry point loads this module before anything heavy (60 ms for pg).
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  // A session that ends while the lock is held loses the lock with it: the set-up is told at its
  // next step (assertHeld), and the process does not crash on the error meanwhile.
  let lost: string | null = null;
  let released = false;
  client.on('error', (error) => (lost ??= error.message));
  client.on('end', () => (lost ??= released ? null : 'the connection closed'));
  await client.connect();
  try {
    // The session is idle while the set-up runs on others: an idle_session_timeout set for the
    // role or the database (PostgreSQL 14 and later) would end it, and the lock with it.
    const { rows: idle } = await client.query<{ timeout: string | null }>(`SELECT current_setting('idle_session_timeout', true) AS timeout`);
    if (idle[0].timeout !== null) await client.query(`SET idle_session_timeout = 0`);
    let locked: boolean;
    if (waitMs === 0) {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${PG_LOCK_KEY}) AS locked`);
      locked = rows[0].locked;
    } else {
      // The wait is lock_timeout's; a statement_timeout set for the role or the database would cut it.
      await client.query(`SET statement_timeout = 0`);
      await client.query(`SET lock_timeout = ${Math.ceil(waitMs)}`);
      locked = await client.query(`SELECT pg_advisory_lock(${PG_LOCK_KEY})`).then(
        () => true,
        (error: { code?: string }) => {
          // 55P03 lock_not_available: the wait passed.
          if (error.code === '55P03') return false;
          throw error;
        },
      );
    }
    if (!locked) {
      await client.end();
      return null;
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  // Ending the session lets the lock go.
  return {
    assertHeld() {
      if (lost !== null) throw new SetUpLockLost(lost);
    },
    release() {
      released = true;
      return client.end().catch(() => undefined);
    },
  };
}

/**
 * How often a SQLite waiter tries the lock again. Waiting in SQLite's busy handler instead would
 * hold one of libuv's four worker threads (file reads, DNS, node-sqlite3's statements) for the
 * whole wait, up to SET_UP_WAIT_MS.
 */
const SQLITE_RETRY_MS = 200;

async function lockSqliteFile(file: string, waitMs: number): Promise<SetUpLock | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = await tryLockSqliteFile(file);
    const left = deadline - Date.now();
    if (lock || left <= 0) return lock;
    await new Promise((resolve) => setTimeout(resolve, Math.min(SQLITE_RETRY_MS, left)));
  }
}

async function tryLockSqliteFile(file: string): Promise<SetUpLock | null> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (error) => (error ? reject(error) : resolve(opened)));
  });
  const run = (sql: string) => new Promise<void>((resolve, reject) => db.run(sql, (error) => (error ? reject(error) : resolve())));
  const close = () => new Promise<void>((resolve) => db.close(() => resolve()));
  try {
    // No busy wait, set first: node-sqlite3's own (1 s) would hold even a try. No journal: the
    // file is only ever locked, never written (setting it reads the file, so it can find the
    // lock held too).
    await run('PRAGMA busy_timeout = 0');
    await run('PRAGMA journal_mode = OFF');
    await run('BEGIN EXCLUSIVE');
  } catch (error) {
    await close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
  return {
    // The operating system keeps a file's lock until this process closes it or ends.
    assertHeld: () => undefined,
    async release() {
      await run('ROLLBACK').catch(() => undefined);
      await close();
    },
  };
}
