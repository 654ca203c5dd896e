import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { viewerOfRequest } from '../http-auth';
import { Role, holds } from '../modules/auth/auth.roles';
import { DOCUMENT_ID } from '../modules/documents/documents.registry';
import { describeValue, sendRequestError } from '../shared/errors';
import { PRIVATE_NO_STORE } from './cache-policy';
import { requestExtensions, sha256Hex } from './persisted-queries';
import type { TrustedDocument, TrustedDocuments } from './trusted-documents';

/**
 * TRUSTED_DOCUMENTS: what happens to an operation that is not a registered document. `off`: it
 * runs; `audit`: it runs, and is logged with its hash; `enforce`: it runs for EDITOR tokens and
 * above, and is refused (403 TRUSTED_DOCUMENT_REQUIRED) for anonymous and READER requests.
 */
export type TrustedDocumentsMode = 'off' | 'audit' | 'enforce';
export const TRUSTED_DOCUMENTS_MODES: readonly TrustedDocumentsMode[] = ['off', 'audit', 'enforce'];

/** The registered document a request runs, once trustedDocumentRequests has found it (res.locals). */
export function trustedDocumentOf(res: Response): TrustedDocument | null {
  return (res.locals.trustedDocument as TrustedDocument | undefined) ?? null;
}

/**
 * Express middleware after the body parser: the GraphQL-over-HTTP persisted documents convention
 * and TRUSTED_DOCUMENTS.
 *
 * - `{"documentId": "sha256:<hex>", "variables": ..., "operationName": ...}` by POST, or
 *   `?documentId=...&variables=...` by GET, runs the registered document with that id: the
 *   request is handed on as if it carried the document's text (Apollo then finds it parsed and
 *   validated, and refuses a mutation by GET with 405). An unknown id is 400
 *   PERSISTED_DOCUMENT_NOT_FOUND; a malformed one 400 DOCUMENT_ID_INVALID.
 * - A query sent as text whose SHA-256 is a registered document's id counts as that document; so
 *   does an automatic persisted query's hash sent alone (Apollo is handed the text).
 * - Any other operation is logged (audit) or refused for anonymous and READER requests (enforce).
 */
export function trustedDocumentRequests(options: { trusted: TrustedDocuments; mode: TrustedDocumentsMode; logger: Logger; clientOf: (req: Request) => string }): RequestHandler {
  const { trusted, mode, logger } = options;
  const refuse = (res: Response, status: number, code: string, message: string) => {
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    sendRequestError(res, status, code, message);
  };
  return (req, res, next) => {
    const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : null;
    const get = req.method === 'GET';
    const documentId: unknown = get ? req.query.documentId : body?.documentId;
    const query: unknown = get ? req.query.query : body?.query;
    if (documentId !== undefined) {
      if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId)) {
        refuse(res, 400, 'DOCUMENT_ID_INVALID', `documentId: expected "sha256:" and the 64 lower-case hex digits of the document's SHA-256; received ${describeValue(documentId)}.`);
        return;
      }
      if (query !== undefined) {
        refuse(res, 400, 'BAD_REQUEST', `A request names its document by documentId or sends it as query, not both; received both (documentId "${documentId}").`);
        return;
      }
      trusted
        .find(documentId.slice('sha256:'.length))
        .then((document) => {
          if (!document) {
            refuse(
              res,
              400,
              'PERSISTED_DOCUMENT_NOT_FOUND',
              `No live trusted document has the id "${documentId}": expected the id of a document registered for a live app version (npm run documents -- register); it may have been retired.`,
            );
            return;
          }
          if (get) req.url = withQuery(req.url, document.text);
          else {
            delete body!.documentId;
            body!.query = document.text;
          }
          accept(res, document);
          next();
        })
        .catch(next);
      return;
    }
    const text = typeof query === 'string' ? query : null;
    // With the text there is nothing to decide when off (and its hash is not worked out: a few % of
    // a small request); an automatic persisted query's hash alone may name a registered document
    // (urql's persisted exchange sends them so), in any mode.
    if (mode === 'off' && text !== null) return next();
    const apqHash = text === null ? (requestExtensions(req)?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash : undefined;
    const hash = text !== null ? sha256Hex(text) : typeof apqHash === 'string' && /^[0-9a-f]{64}$/.test(apqHash) ? apqHash : null;
    if (hash === null) return next();
    trusted
      .find(hash)
      .then((document) => {
        if (document) {
          if (text === null) {
            // Apollo's own cache of persisted queries may not have it: it gets the text, and checks the hash.
            if (get) req.url = withQuery(req.url, document.text);
            else if (body) body.query = document.text;
          }
          accept(res, document);
          return next();
        }
        if (mode === 'off') return next();
        const viewer = viewerOfRequest(req);
        const operationName = get ? req.query.operationName : body?.operationName;
        const line = { documentId: `sha256:${hash}`, operationName: typeof operationName === 'string' ? operationName.slice(0, 100) : null, client: options.clientOf(req), role: viewer?.role ?? null };
        if (mode === 'audit') {
          logger.warn(line, 'unregistered operation (TRUSTED_DOCUMENTS=audit)');
          return next();
        }
        if (holds(viewer, Role.EDITOR)) return next();
        logger.info(line, 'unregistered operation refused (TRUSTED_DOCUMENTS=enforce)');
        const who = viewer ? `the token "${viewer.name}" has the role ${viewer.role}` : 'the request has no token';
        refuse(
          res,
          403,
          'TRUSTED_DOCUMENT_REQUIRED',
          `This server runs only registered documents for anonymous and READER requests (TRUSTED_DOCUMENTS=enforce): expected a documentId of a registered document, or an EDITOR token or higher; received an operation whose id "sha256:${hash}" is not registered, and ${who}.`,
        );
      })
      .catch(next);
  };

  function accept(res: Response, document: TrustedDocument): void {
    res.locals.trustedDocument = document;
    trusted.used(document);
  }
}

/** A GET's URL with its documentId replaced by the document's text as `query`, the other parameters kept. */
function withQuery(url: string, text: string): string {
  const at = url.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  params.delete('documentId');
  params.set('query', text);
  return `${at < 0 ? url : url.slice(0, at)}?${params.toString()}`;
}
