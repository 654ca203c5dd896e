import { GraphQLError } from 'graphql';
import type { Dialect } from './dialect';
import { DatabaseUnavailableError, isUnavailable, reasonOf } from './unavailable';

/** PostgreSQL's code for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

/** The request ran past its time (REQUEST_TIMEOUT_MS): no further statement is started for it. */
export class RequestTimeoutError extends GraphQLError {
  constructor() {
    super('The operation took longer than the server allows and was stopped; ask for less, or try again.', {
      extensions: { code: 'TIMEOUT', http: { status: 503 } },
    });
  }
}

/** What one request did to the database: read by GRAPH_DEBUG and asserted by tests. */
export interface SqlStats {
  statements: number;
  ms: number;
  /** Whether the operation was answered by one compiled statement (src/compiler); 'partial': some of its root fields were, the resolvers answered the others. */
  compiled: boolean | 'partial';
}

export type Row = Record<string, unknown>;

/**
 * Runs the read statements of one request: every statement the API runs goes through here,
 * so `stats` is the exact count. Statements use `?` placeholders and bind parameters only.
 */
export class Sql {
  readonly stats: SqlStats = { statements: 0, ms: 0, compiled: false };

  constructor(
    private readonly database: { read(sql: string, params: readonly unknown[]): Promise<Row[]> },
    readonly dialect: Dialect,
    private readonly deadline?: number,
  ) {}

  async query<T extends Row = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.deadline !== undefined && Date.now() > this.deadline) throw new RequestTimeoutError();
    const started = performance.now();
    this.stats.statements += 1;
    try {
      return (await this.database.read(sql, params)) as T[];
    } catch (error) {
      if ((error as { code?: string }).code === QUERY_CANCELED) throw new RequestTimeoutError();
      if (isUnavailable(error)) throw new DatabaseUnavailableError(reasonOf(error));
      throw asError(error);
    } finally {
      this.stats.ms += performance.now() - started;
    }
  }
}

/**
 * The driver's error as an Error of this realm: a native driver's errors can fail `instanceof
 * Error` where the code runs in another realm (a test runner's VM context), and graphql-js would
 * then report "Unexpected error value" instead of the message.
 */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  const { message, code } = error as { message?: unknown; code?: unknown };
  const converted = new Error(typeof message === 'string' ? message : String(error));
  if (typeof code === 'string') Object.assign(converted, { code });
  return converted;
}
