import { createHash } from 'node:crypto';
import { BadUserInputError, describeValue } from './errors';

/** The most rows one page may ask for, and the page size when first and last are both absent. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgsInput {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One key of an ordering; the last key of every ordering is unique and never null. */
export interface SortKey {
  /** The SQL expression sorted on, e.g. `t.title_fold`. */
  sql: string;
  direction: 'ASC' | 'DESC';
  /** Nulls sort as the largest value: last when ascending, first when descending. */
  nullable: boolean;
  /** Text is compared by code point, the same on SQLite and PostgreSQL. */
  text: boolean;
}

/** Validated paging arguments: which way to read, how many rows, and the decoded cursors. */
export interface PageRequest {
  backward: boolean;
  limit: number;
  after: unknown[] | null;
  before: unknown[] | null;
}

/** A signature of an ordering: a cursor made under one ordering is refused under another. */
export function orderSignature(keys: readonly SortKey[]): string {
  const text = keys.map((k) => `${k.sql} ${k.direction}`).join(',');
  return createHash('sha1').update(text).digest('base64url').slice(0, 8);
}

export function encodeCursor(signature: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([signature, ...values]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, keys: readonly SortKey[], argument: string): unknown[] {
  const fail = (why: string): never => {
    throw new BadUserInputError(
      `${argument}: expected a cursor from this connection's edges (${why}); received ${describeValue(cursor)}`,
      argument,
    );
  };
  if (typeof cursor !== 'string' || cursor.length > 4000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) fail('not a cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return fail('not a cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1) return fail('not a cursor');
  if (parsed[0] !== orderSignature(keys)) fail('it was made for another ordering');
  const values = parsed.slice(1);
  values.forEach((value, i) => {
    const ok = value === null ? keys[i].nullable : typeof value === (keys[i].text ? 'string' : 'number');
    if (!ok) fail('not a cursor');
  });
  return values;
}

function checkSize(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(
      `${argument}: expected an integer from 0 to ${MAX_PAGE_SIZE}; received ${describeValue(value)}`,
      argument,
    );
  }
  return value;
}

/**
 * Checks first/last/after/before. first and last together are refused (as GitHub does): the
 * answer would depend on a slice of a slice that no client means to ask for.
 */
export function toPageRequest(args: PageArgsInput, keys: readonly SortKey[], path = ''): PageRequest {
  const name = (arg: string) => (path ? `${path}.${arg}` : arg);
  const first = checkSize(args.first, name('first'));
  const last = checkSize(args.last, name('last'));
  if (first !== null && last !== null) {
    throw new BadUserInputError(
      `${name('first')}/${name('last')}: expected one of first or last; received both (first: ${first}, last: ${last})`,
      name('last'),
    );
  }
  return {
    backward: last !== null,
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    after: args.after == null ? null : decodeCursor(args.after, keys, name('after')),
    before: args.before == null ? null : decodeCursor(args.before, keys, name('before')),
  };
}
