import { GraphQLError } from 'graphql';

const CONNECTION_FAILURES = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|terminating connection|server closed the connection|Client has encountered a connection error|the database system is (starting up|shutting down)|SQLITE_BUSY|database is locked|SQLITE_CANTOPEN|SQLITE_READONLY|attempt to write a readonly database/i;

/** True for an error that says the database cannot be reached or used now, not that a query is wrong. */
export function isUnavailable(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : String(error);
  return CONNECTION_FAILURES.test(text);
}

/** The database did not answer: the request can be retried; nothing was written. */
export class DatabaseUnavailableError extends GraphQLError {
  constructor(reason: string) {
    super(`The database is unavailable (${reason}); try again shortly.`, {
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
