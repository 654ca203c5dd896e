import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, type MigrationInterface } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { type Dialect, postgresDialect, sqliteDialect } from './dialect';
import { type SqliteDriver, type SqliteReader, openSqliteReader } from './sqlite-reader';
import { NAMED_STATEMENTS, namedReads } from './prepared-statements';
import type { Row } from './sql';
import { isUnavailable, reasonOf } from './unavailable';
import { recordingRebuilds } from './migrations/rebuild';
import type { EntityClass } from '../shared/entity-table';

/** A migration's file: `<13-digit timestamp>-<name>.ts` (`.js` once built). */
const MIGRATION_FILE = /^(\d{13})-[a-z0-9-]+\.(?:ts|js)$/;

/**
 * Every migration in migrations/, oldest first: a schema change is a new file there and nothing
 * else. Each file exports one class whose name ends in the file's timestamp (TypeORM orders
 * and records migrations by it); anything else is refused at start, naming the file.
 */
export function loadMigrations(directory = path.join(__dirname, 'migrations')): (new () => MigrationInterface)[] {
  return fs
    .readdirSync(directory)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      return match ? [{ file, timestamp: match[1] }] : [];
    })
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp))
    .map(({ file, timestamp }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by name from the directory, as TypeORM would by glob
      const exported = Object.values(require(path.join(directory, file)) as Record<string, unknown>);
      const classes = exported.filter((value): value is new () => MigrationInterface => typeof value === 'function');
      if (classes.length !== 1 || !classes[0].name.endsWith(timestamp)) {
        throw new Error(`migrations/${file}: expected one exported migration class named <Name>${timestamp}; received ${classes.map((c) => c.name).join(', ') || 'none'}`);
      }
      return classes[0];
    });
}

/** Every migration, oldest first. */
export const MIGRATIONS = loadMigrations();

/** The migrations as they run: those that name rebuilds record them as due in their own transaction. */
const RECORDING_MIGRATIONS = MIGRATIONS.map(recordingRebuilds);

export interface Database {
  dataSource: DataSource;
  dialect: Dialect;
  /**
   * Runs one read statement (`?` placeholders) and resolves with its rows: every statement of the
   * API goes through here (see Sql). On SQLite with read connections, they serve it; else the
   * data source does.
   */
  read(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** True where `read` runs on connections of its own (read connections, a PostgreSQL pool), outside any write transaction. */
  readsApart: boolean;
  /** Closes the read connections and the data source. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The TypeORM entities (src/entities.ts: every domain's). */
  entities: readonly EntityClass[];
  migrate?: boolean;
  /**
   * PostgreSQL only: the server cancels any statement of these connections running longer, the
   * migrations' too; the processes open the stages through set-up.ts, which migrates without it.
   */
  statementTimeoutMs?: number;
  /**
   * SQLite only: read-only connections the API reads through, beside the data source's own
   * (SQLITE_READ_CONNECTIONS). 0 or absent: reads share the data source's connection.
   */
  readConnections?: number;
  /** SQLite only: the driver of the read connections (SQLITE_DRIVER); node-sqlite3 by default. */
  sqliteDriver?: SqliteDriver;
  /** PostgreSQL only: the statement texts the reads prepare by name (POSTGRES_NAMED_STATEMENTS; 0: none). */
  namedStatements?: number;
}

/**
 * Opens the database the config names and migrates it forward: a new database gets every
 * migration, an existing one only those it lacks. Nothing is ever dropped; `synchronize` is off.
 */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions): Promise<Database> {
  const dataSource = createDataSource(config, options.entities, options.statementTimeoutMs);
  try {
    await dataSource.initialize();
    if (config.kind === 'postgres' && config.schema) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${config.schema}`);
    if (config.kind === 'sqlite') {
      await dataSource.query('PRAGMA journal_mode = WAL');
      await dataSource.query('PRAGMA busy_timeout = 5000');
      // WAL with synchronous NORMAL: a commit is not synced to disk until the next checkpoint, so
      // a power loss (not a crash of the process) may lose the last commits, never corrupt the
      // file; each write then costs no fsync (one editor's updates: 10.7 -> 8.2 ms each).
      await dataSource.query('PRAGMA synchronous = NORMAL');
      // Sorts in memory. The API reads through the read connections (sqlite-reader.ts), each
      // with a 16 MB page cache; this one keeps SQLite's default (2 MB). No mmap anywhere: mapped
      // pages of a large file count as resident memory, which kept RSS above the 300 MB target.
      await dataSource.query('PRAGMA temp_store = MEMORY');
    }
    // A migration that names rebuilds records them as due itself (RECORDING_MIGRATIONS).
    if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw isUnavailable(error) || !dataSource.isInitialized ? new DatabaseOpenError(config, error) : error;
  }
  const dialect = config.kind === 'postgres' ? postgresDialect : sqliteDialect;
  let reader: SqliteReader | null = null;
  if (config.kind === 'sqlite' && config.path !== ':memory:' && (options.readConnections ?? 0) > 0) {
    try {
      reader = await openSqliteReader(config.path, { driver: options.sqliteDriver ?? 'sqlite3', connections: options.readConnections! });
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      throw new DatabaseOpenError(config, error);
    }
  }
  return {
    dataSource,
    dialect,
    readsApart: reader !== null || config.kind === 'postgres',
    read: reader
      ? (sql, params) => reader.all(sql, params)
      : config.kind === 'postgres'
        ? namedReads(dataSource, dialect, options.namedStatements ?? NAMED_STATEMENTS)
        : (sql, params) => dataSource.query(dialect.placeholders(sql), params as unknown[]) as Promise<Row[]>,
    async close() {
      await reader?.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** The database could not be opened; the message names where it was looked for and why. */
export class DatabaseOpenError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(config: DatabaseConfig, cause: unknown) {
    const where = config.kind === 'postgres' ? redact(config.url) : config.path;
    const reason = reasonOf(cause);
    const hint = /CANTOPEN|READONLY|readonly/.test(reason) ? ' (the server needs to write to the file and its folder)' : '';
    super(`Cannot open the ${config.kind} database at ${where}: ${reason}${hint}`);
  }
}

/** A database URL without its password, for messages and logs. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}

/** How `whenAvailable` retries, waiting for a database still starting or restarting: every `intervalMs` (1 s) until `timeoutMs`, telling `onRetry` each time. */
export interface RetryOptions {
  timeoutMs: number;
  intervalMs?: number;
  onRetry?: (error: Error, attempt: number) => void;
}

/**
 * Runs `attempt` on the database `config` names, again while it fails because the database does
 * not answer, until `timeoutMs`; such a failure is a DatabaseOpenError naming the database.
 */
export async function whenAvailable<T>(config: DatabaseConfig, attempt: () => Promise<T>, { timeoutMs, intervalMs, onRetry }: RetryOptions): Promise<T> {
  const started = Date.now();
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (caught) {
      if (!isUnavailable(caught)) throw caught;
      const error = caught instanceof DatabaseOpenError ? caught : new DatabaseOpenError(config, caught);
      if (Date.now() - started >= timeoutMs) throw error;
      onRetry?.(error, count);
      await new Promise((resolve) => setTimeout(resolve, intervalMs ?? 1000));
    }
  }
}

/**
 * The TypeORM data source. On PostgreSQL, `statementTimeoutMs` makes the server cancel any
 * statement running longer (statement_timeout on every pooled connection).
 */
export function createDataSource(config: DatabaseConfig, entities: readonly EntityClass[], statementTimeoutMs?: number): DataSource {
  const common = { entities: [...entities], migrations: [...RECORDING_MIGRATIONS], synchronize: false, logging: false };
  if (config.kind === 'postgres') {
    // A schema of its own (the draft stage) is the first and only one searched: no statement can
    // reach another stage's tables without naming it.
    const extra = {
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
      ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
    };
    return new DataSource({ type: 'postgres', url: config.url, extra, ...(config.schema ? { schema: config.schema } : {}), ...common });
  }
  if (config.path !== ':memory:') fs.mkdirSync(path.dirname(config.path), { recursive: true });
  // TypeORM calls the driver's verbose(), which makes node-sqlite3 capture a stack and
  // util.inspect every argument on every call (7% of a forum page's CPU): given a driver whose
  // verbose() is itself, it stays quiet. Errors still carry the SQLite code and message.
  const driver = { ...sqlite3, verbose: () => driver };
  return new DataSource({ type: 'sqlite', database: config.path, driver, ...common });
}
