import { GraphQLError } from 'graphql';

const CONNECTION_FAILURES = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error|the database system is (starting up|shutting down)|SQLITE_BUSY|database is locked|SQLITE_CANTOPEN|SQLITE_READONLY|attempt to write a readonly database/i;

/** True for an error that says the database cannot be reached or used now, not that a query is wrong. */
export function isUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : String(error);
  return CONNECTION_FAILURES.test(text);
}

/** The database did not answer: the request can be retried; nothing was written. */
export class DatabaseUnavailableError extends GraphQLError {
  /** `reason` is for the logs; the client's message names only the failure's code (see codeOf). */
  constructor(readonly reason: string) {
    super(`The database is unavailable (${codeOf(reason) ?? 'no connection'}); try again shortly.`, {
      extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } },
    });
  }
}

/** A short, safe reason for a database failure: the error code or first line, no SQL. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, 160);
}

/**
 * The code a reason starts with or holds (`SQLITE_BUSY`, `ECONNREFUSED`, a SQLSTATE such as
 * `57P01`), else "no connection": a client is told what kind of failure it was, never the
 * driver's words, an address or a file name.
 */
function codeOf(reason: string): string | null {
  return /\b(SQLITE_[A-Z_]+|E[A-Z]{3,}|[0-9][0-9A-Z]{4})\b/.exec(reason)?.[1] ?? null;
}

/** The code of a database failure, safe to show anyone (see codeOf); null when it has none. */
export function failureCode(error: unknown): string | null {
  return codeOf(reasonOf(error));
}
