import type { DataSource } from 'typeorm';
import type { Dialect } from './dialect';

/** What one request did to the database: read by GRAPH_DEBUG and asserted by tests. */
export interface SqlStats {
  statements: number;
  ms: number;
}

export type Row = Record<string, unknown>;

/**
 * Runs the read statements of one request: every statement the API runs goes through here,
 * so `stats` is the exact count. Statements use `?` placeholders and bind parameters only.
 */
export class Sql {
  readonly stats: SqlStats = { statements: 0, ms: 0 };

  constructor(
    private readonly dataSource: DataSource,
    readonly dialect: Dialect,
  ) {}

  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    const started = performance.now();
    this.stats.statements += 1;
    try {
      return (await this.dataSource.query(this.dialect.placeholders(sql), params)) as T[];
    } finally {
      this.stats.ms += performance.now() - started;
    }
  }
}
