import { createRequire } from 'node:module';
import sqlite3 from 'sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { PreparedStatements, STATEMENTS_PER_CONNECTION } from './prepared-statements';
import type { Row } from './sql';

/** What the API reads through on SQLite. */
export interface SqliteReader {
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * Whether the SQLite under `dataSource` was built with SQLITE_DEFAULT_MEMSTATUS=0 (scripts/
 * sqlite3-build.js, npm's postinstall, says why it matters: with statistics on, every allocation
 * of every connection takes one mutex).
 */
export async function sqliteMemstatusOff(dataSource: { query(sql: string): Promise<unknown> }): Promise<boolean> {
  const options = (await dataSource.query('PRAGMA compile_options')) as { compile_options: string }[];
  return options.some((option) => option.compile_options === 'DEFAULT_MEMSTATUS=0');
}

/** The SQLite drivers the read connections can use (SQLITE_DRIVER). */
export type SqliteDriver = 'sqlite3' | 'better-sqlite3';

/**
 * Opens the read connections: `connections` node-sqlite3 connections, or with better-sqlite3 one
 * synchronous connection (it runs on the event loop's thread, so a second would add nothing).
 */
export function openSqliteReader(path: string, options: { driver: SqliteDriver; connections: number }): Promise<SqliteReader> {
  return options.driver === 'better-sqlite3' ? Promise.resolve(BetterSqliteReader.open(path)) : NodeSqliteReader.open(path, options.connections);
}

/** One read-only connection with its prepared statements, and how many statements it runs now. */
class ReaderConnection {
  inFlight = 0;
  private readonly statements: PreparedStatements;

  constructor(readonly db: sqlite3.Database) {
    this.statements = new PreparedStatements(db);
  }

  async all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    this.inFlight += 1;
    try {
      return await this.statements.all(sql, params);
    } finally {
      this.inFlight -= 1;
    }
  }

  async close(): Promise<void> {
    await this.statements.finalize();
    await new Promise<void>((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}

function open(path: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(db)));
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}

/**
 * The API's reads on SQLite: a few read-only connections to the database file, beside the one
 * TypeORM writes and migrates with. In WAL mode readers never wait for each other or for the
 * writer, so the statements of concurrent requests run side by side on libuv's thread pool
 * instead of queueing on one connection. Each statement goes to the connection with the
 * fewest statements in flight.
 */
class NodeSqliteReader implements SqliteReader {
  private constructor(private readonly connections: ReaderConnection[]) {}

  static async open(path: string, size: number): Promise<NodeSqliteReader> {
    const connections: ReaderConnection[] = [];
    try {
      for (let i = 0; i < size; i++) {
        const db = await open(path);
        connections.push(new ReaderConnection(db));
        // Sorts in memory, and a 16 MB page cache each (the file's other pages come from the OS cache).
        await exec(db, 'PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16384;');
      }
    } catch (error) {
      await Promise.allSettled(connections.map((c) => c.close()));
      throw error;
    }
    return new NodeSqliteReader(connections);
  }

  all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    let best = this.connections[0];
    for (const connection of this.connections) if (connection.inFlight < best.inFlight) best = connection;
    return best.all(sql, params);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.connections.map((c) => c.close()));
  }
}

/**
 * One better-sqlite3 connection, read-only, with its prepared statements (least recently used
 * dropped first). Statements run synchronously on the event loop's thread: no thread-pool hop
 * and no callback per statement, but a long statement holds every other request meanwhile.
 */
class BetterSqliteReader implements SqliteReader {
  private readonly statements = new LRUCache<string, BetterSqlite3.Statement>({ max: STATEMENTS_PER_CONNECTION });

  private constructor(private readonly db: BetterSqlite3.Database) {}

  static open(path: string): BetterSqliteReader {
    // Loaded only when chosen: better-sqlite3 is an optional dependency of the server.
    const Database = createRequire(__filename)('better-sqlite3') as typeof BetterSqlite3;
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -16384');
    return new BetterSqliteReader(db);
  }

  private statement(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    return this.statement(sql).all(...params) as Row[];
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db.close();
  }
}
