import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from './db/data-source';
import type { Viewer } from './modules/auth/auth.roles';
import { viewerOf } from './modules/auth/auth.tokens';
import { sendRequestError } from './shared/errors';

const BEARER = /^Bearer ([\w\-.~+/]+=*)$/;

/**
 * Reads `Authorization: Bearer <token>` before anything else runs: no header is an anonymous
 * reader; a token that is unknown, revoked or not a bearer token is 401 UNAUTHENTICATED and
 * nothing else runs. The token is looked up on every request, so a revoke takes effect on the
 * next one. The viewer is kept in `res.locals.viewer` (see viewerOfRequest).
 *
 * `X-API-Key: <token>` names a rate-limit budget and nothing more: it must be a live token the
 * server issued (any role; it grants none), else 401 as for a bad bearer token. A key the client
 * made up never buys it a budget of its own (see clientOf).
 */
export function authenticate(database: Database): RequestHandler {
  const lookup = tokenLookup(database);
  return (req, res, next) => {
    const header = req.get('authorization');
    const apiKey = req.get('x-api-key');
    res.locals.viewer = null;
    res.locals.apiKeyName = null;
    if (apiKey !== undefined) {
      lookup(apiKey).then((owner) => {
        if (!owner) {
          sendRequestError(res, 401, 'UNAUTHENTICATED', 'X-API-Key: expected a key this server issued (npm run token -- create); received an unknown or revoked one. Send none to be counted by your address.');
          return;
        }
        res.locals.apiKeyName = owner.name;
        bearer(header, res, next);
      }, next);
      return;
    }
    bearer(header, res, next);
  };

  function bearer(header: string | undefined, res: Response, next: NextFunction): void {
    if (header === undefined) {
      next();
      return;
    }
    const token = bearerToken(header);
    if (!token) {
      refuseBearer(res, 'invalid_request', 'Expected the header "Authorization: Bearer <token>"; received an Authorization header of another form.');
      return;
    }
    lookup(token).then((viewer) => {
      if (!viewer) {
        refuseBearer(res, 'invalid_token', 'The bearer token is unknown or revoked.');
        return;
      }
      res.locals.viewer = viewer;
      next();
    }, next);
  }
}

/** The viewer of a token, looked up on every call (a revoke takes effect at once): null for one unknown or revoked. */
export function tokenLookup(database: Database): (token: string) => Promise<Viewer | null> {
  return (token) => viewerOf((sql, params) => database.read(sql, params), token);
}

/** The token of an `Authorization: Bearer <token>` header; null for a header of another form. */
export function bearerToken(header: string): string | null {
  return BEARER.exec(header)?.[1] ?? null;
}

/** 401 UNAUTHENTICATED with `WWW-Authenticate: Bearer error="<error>"` (RFC 6750). */
export function refuseBearer(res: Response, error: string, message: string): void {
  res.setHeader('www-authenticate', `Bearer error="${error}"`);
  sendRequestError(res, 401, 'UNAUTHENTICATED', message);
}

/** The name of the issued key a request sent as X-API-Key; null without one. */
export function apiKeyOfRequest(req: Request): string | null {
  return (req.res?.locals.apiKeyName as string | null | undefined) ?? null;
}

/** The viewer `authenticate` found for `req`: null for an anonymous request. */
export function viewerOfRequest(req: Request): Viewer | null {
  return (req.res?.locals.viewer as Viewer | null | undefined) ?? null;
}
