import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The message of every masked error. */
export const MASKED_MESSAGE = 'Internal server error';

/** SQLite's result codes (`SQLITE_ERROR`, `SQLITE_CONSTRAINT_UNIQUE`) and PostgreSQL's SQLSTATEs (`42P01`). */
const DRIVER_CODE = /^(SQLITE_[A-Z_]+|[0-9A-Z]{5})$/;

/**
 * Whether `error`, or any error it wraps (`originalError`, `cause`, `driverError`), comes from the
 * database: TypeORM's QueryFailedError, a driver's error (sqlite3, better-sqlite3, pg), or a
 * message that quotes SQL. Its text names tables, columns and statements, so it never reaches a
 * client, in any mode.
 */
export function isDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const { name, code, severity, driverError, query, message } = e as Record<string, unknown>;
    if (name === 'QueryFailedError' || name === 'SqliteError' || driverError !== undefined || typeof query === 'string') return true;
    if (typeof code === 'string' && DRIVER_CODE.test(code) && (code.startsWith('SQLITE_') || typeof severity === 'string')) return true;
    if (typeof message === 'string' && /\bSQLITE_[A-Z]+\b|\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*\b(FROM|INTO|SET)\b/.test(message)) return true;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause ?? driverError;
  }
  return false;
}

/**
 * What a client is told of an unexpected error: nothing when `mask` is on or the error comes
 * from the database ({@link isDatabaseError}), its message otherwise (development and tests).
 */
export function internalMessage(error: unknown, mask: boolean): string {
  return mask || isDatabaseError(error) || !(error instanceof Error) ? MASKED_MESSAGE : error.message;
}

/**
 * graphql-js's words when a value read from the database does not fit its field's scalar, e.g.
 * "Int cannot represent non 32-bit signed integer value: 1e+300". Coercing a client's input says
 * it after `Variable "$x" got invalid value`, so at the start of a field's error it is output.
 */
const UNREPRESENTABLE = /^(Int|Float|String|Boolean|ID) cannot represent /;

/** The code of a field whose stored value its type cannot hold: that field reads as null. */
export const INVALID_STORED_VALUE = 'INVALID_STORED_VALUE';

/**
 * Whether a field's error is a stored value its scalar cannot hold (graphql-js's own error from
 * serializing it): one bad row, which reads as null in that field alone, not a failure of the read.
 */
export function isStoredValueError(error: GraphQLError): boolean {
  const original = unwrapResolverError(error);
  return error.path !== undefined && original instanceof GraphQLError && !original.extensions?.code && UNREPRESENTABLE.test(original.message);
}

/**
 * Errors a client may see as they are: GraphQL's own (validation, parsing) and ours, which carry a
 * code. A stored value its field's scalar cannot hold (a bad row) is that field's
 * INVALID_STORED_VALUE, logged: the rest of the answer stands. Anything else is a bug, logged,
 * and answered as INTERNAL_SERVER_ERROR: with no detail in production; with its message and
 * Apollo's stack trace in development and tests, except a database error, masked in every mode.
 */
export function createFormatError(options: { mask: boolean; log: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions?.code && original.extensions.code !== 'INTERNAL_SERVER_ERROR') {
      return formatted;
    }
    if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    options.log(original);
    if (error instanceof GraphQLError && isStoredValueError(error)) {
      return {
        message: `A stored value does not fit the field's type, so it reads as null (fix the record): ${(original as Error).message}.`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: INVALID_STORED_VALUE },
      };
    }
    if (!options.mask && !isDatabaseError(original)) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return {
      message: MASKED_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
