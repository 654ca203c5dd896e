import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { describeValue, sendRequestError } from '../shared/errors';
import { PRIVATE_NO_STORE } from './cache-policy';
import { requestOperation, requestParams } from '../limits/request-operation';

/** The SHA-256 of a document's text, in hex: Apollo's query hash, and a trusted document's id without its `sha256:`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The `extensions` of a request, from the JSON body (POST) or the query string (GET, JSON text); null when there are none or they are unreadable. */
export function requestExtensions(req: Request): Record<string, unknown> | null {
  let extensions: unknown = requestParams(req).extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      return null;
    }
  }
  return extensions !== null && typeof extensions === 'object' ? (extensions as Record<string, unknown>) : null;
}

/**
 * Automatic persisted queries sent with their text: the hash they name must be the text's
 * SHA-256, or the request is the client's mistake. Apollo answers it with a 400 coded
 * INTERNAL_SERVER_ERROR; here it is PERSISTED_QUERY_HASH_MISMATCH, saying both hashes.
 */
export function persistedQueryHashCheck(): RequestHandler {
  return (req, res, next) => {
    const persisted = requestExtensions(req)?.persistedQuery as { sha256Hash?: unknown } | undefined;
    const { query } = requestOperation(req);
    if (!persisted || typeof persisted !== 'object' || query === null) return next();
    const received = persisted.sha256Hash;
    const expected = sha256Hex(query);
    if (received === expected) return next();
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    sendRequestError(
      res,
      400,
      'PERSISTED_QUERY_HASH_MISMATCH',
      `The persisted query's sha256Hash must be the SHA-256 of its query: expected "${expected}"; received ${describeValue(received)}.`,
    );
  };
}
