import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type sqlite3 from 'sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import type { Dialect } from './dialect';
import type { Row } from './sql';

/** Prepared statements kept per connection (either driver's); the statements are built from a few dozen shapes. */
export const STATEMENTS_PER_CONNECTION = 256;

/**
 * One node-sqlite3 connection's prepared statements, by SQL text (least recently used dropped
 * first). node-sqlite3 parses and plans a statement again on every `db.all`, a thread-pool hop
 * of its own; a prepared one is bound and stepped only (a 1-row lookup: ~100 → ~40 µs here).
 */
export class PreparedStatements {
  private readonly statements = new LRUCache<string, Promise<sqlite3.Statement>>({
    max: STATEMENTS_PER_CONNECTION,
    dispose: (evicted) => void evicted.then((s) => s.finalize()).catch(() => undefined),
  });

  constructor(private readonly db: sqlite3.Database) {}

  private statement(sql: string): Promise<sqlite3.Statement> {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = new Promise<sqlite3.Statement>((resolve, reject) => {
        const statement = this.db.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
      });
      // A statement that does not prepare is not kept: the same text fails again, as it should.
      prepared.catch(() => this.statements.delete(sql));
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /** Runs `sql` with `params` bound; resolves with its rows (none for a statement that writes). */
  async all(sql: string, params: readonly unknown[]): Promise<Row[]> {
    const statement = await this.statement(sql);
    return new Promise<Row[]>((resolve, reject) => {
      statement.all(params as unknown[], (error: Error | null, rows: Row[]) => (error ? reject(error) : resolve(rows)));
    });
  }

  /** Finalizes every kept statement: a connection closes only once none is left. */
  async finalize(): Promise<void> {
    await Promise.allSettled([...this.statements.values()]);
    this.statements.clear(); // finalizes each (dispose)
  }
}

interface SqliteDriverLike {
  databaseConnection: sqlite3.Database;
  disconnect(): Promise<void>;
}

const writers = new WeakMap<DataSource, PreparedStatements>();

/**
 * The prepared statements of a SQLite data source's own connection (the one TypeORM writes
 * with), made on first use; null for PostgreSQL. They are finalized before the data source
 * disconnects, however it is closed.
 */
function writerStatements(dataSource: DataSource): PreparedStatements | null {
  if (dataSource.options.type !== 'sqlite') return null;
  let statements = writers.get(dataSource);
  if (!statements) {
    const driver = dataSource.driver as unknown as SqliteDriverLike;
    const kept = new PreparedStatements(driver.databaseConnection);
    const disconnect = driver.disconnect.bind(driver);
    driver.disconnect = async () => {
      writers.delete(dataSource);
      await kept.finalize();
      return disconnect();
    };
    writers.set(dataSource, (statements = kept));
  }
  return statements;
}

/**
 * Runs `sql` (with `?` placeholders) through `manager`, inside its transaction where it has
 * one. On SQLite the statement is prepared once per connection and kept: a write runs a dozen
 * statements, each otherwise parsed and planned again. On PostgreSQL it goes through TypeORM.
 */
export function runIn(manager: EntityManager, dialect: Dialect, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  const statements = writerStatements(manager.connection);
  return statements ? statements.all(sql, params) : manager.query(dialect.placeholders(sql), params as unknown[]);
}

/**
 * Runs `sql` through `manager` once, never kept prepared: a statement of many rows, whose text
 * (its number of rows) is its own, would only push the kept shapes out.
 */
export function runOnceIn(manager: EntityManager, dialect: Dialect, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
  return manager.query(dialect.placeholders(sql), params as unknown[]);
}

/** The most statement texts one PostgreSQL pool prepares by name, by default; past them, statements go unnamed. */
export const NAMED_STATEMENTS = 1_000;

interface PgPoolLike {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

/**
 * The reads of a PostgreSQL data source as named prepared statements: the name is a hash of the
 * text, so each pooled connection parses and plans a shape once (node-postgres prepares a name on
 * a connection's first use of it) and binds it afterwards; PostgreSQL then keeps its plan, or a
 * generic one once it costs no more than the custom plans (plan_cache_mode auto). An unnamed
 * statement is parsed, analyzed and planned on every request. The statements are built from a
 * few dozen shapes (lists bind one array, `= ANY(?)`), so at most `limit` texts are named per
 * pool; a connection keeps its prepared statements until it closes. `limit` 0 names none: for a
 * pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
 */
export function namedReads(dataSource: DataSource, dialect: Dialect, limit: number): (sql: string, params: readonly unknown[]) => Promise<Row[]> {
  const names = new Map<string, string>();
  const pool = (): PgPoolLike => (dataSource.driver as unknown as { master: PgPoolLike }).master;
  return async (sql, params) => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `q_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
      names.set(sql, name);
    }
    const result = await pool().query({ ...(name ? { name } : {}), text: dialect.placeholders(sql), values: params as unknown[] });
    return result.rows;
  };
}
