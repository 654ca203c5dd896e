import type { Request, RequestHandler, Response } from 'express';
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
 */
export function authenticate(database: Database): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) {
      res.locals.viewer = null;
      next();
      return;
    }
    const token = BEARER.exec(header)?.[1];
    if (!token) {
      refuse(res, 'invalid_request', 'Expected the header "Authorization: Bearer <token>"; received an Authorization header of another form.');
      return;
    }
    viewerOf((sql, params) => database.read(sql, params), token).then((viewer) => {
      if (!viewer) {
        refuse(res, 'invalid_token', 'The bearer token is unknown or revoked.');
        return;
      }
      res.locals.viewer = viewer;
      next();
    }, next);
  };
}

function refuse(res: Response, error: string, message: string): void {
  res.setHeader('www-authenticate', `Bearer error="${error}"`);
  sendRequestError(res, 401, 'UNAUTHENTICATED', message);
}

/** The viewer `authenticate` found for `req`: null for an anonymous request. */
export function viewerOfRequest(req: Request): Viewer | null {
  return (req.res?.locals.viewer as Viewer | null | undefined) ?? null;
}
