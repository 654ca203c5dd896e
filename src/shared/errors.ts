import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';

/** Codes that clients can branch on; they appear as `extensions.code`. */
export type ErrorCode = 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR' | 'CONFIG_INVALID' | 'SEED_INVALID' | 'UNAUTHENTICATED' | 'FORBIDDEN';

/**
 * A client error: the request was well-formed GraphQL but an argument value was not acceptable.
 * The message says what was expected and what was received; `argument` names the argument path.
 */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
  }
}

/** The request's role is below what the field or operation needs: nothing was read or changed. */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** Renders a received value for an error message: short, quoted, never the whole of a huge input. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Thrown for an internal assumption that does not hold: a bug, never the client's fault. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant violation: ${message}`);
}

/** The JSON body of a refusal, in the shape GraphQL errors have. */
export function requestErrorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * Answers a request refused before GraphQL runs in the shape GraphQL errors have:
 * `{ errors: [{ message, extensions: { code } }] }` with the given HTTP status.
 */
export function sendRequestError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = requestErrorBody(code, message);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
