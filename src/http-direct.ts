import type http from 'node:http';
import { IncomingMessage, ServerResponse } from 'node:http';
import type express from 'express';

/*
 * The GraphQL API's requests without Express's router. Express answers a request by walking its
 * router: every layer of the app (the health checks, the metrics, the exports, the Playground)
 * is matched against the path, and a mounted sub-app walks its own; `{ __typename }` spent about a
 * quarter of its CPU in the two routers and their `next`. The API's handlers are still Express
 * middleware (they use `req.get`, `res.status`, `res.locals`, `req.ip`): `chain` runs them in
 * order, as the router would, and `directRoutes` hands them the requests of the API with the
 * methods of an Express app of their own (its settings: `trust proxy`, no ETags), without the walk.
 * Everything else goes to the app as before.
 *
 * The methods come with the objects: `expressClasses` makes the HTTP server create its requests
 * and responses as subclasses of Node's that carry Express's methods. Express itself swaps an
 * object's prototype on each request (Object.setPrototypeOf), which costs V8 the object's
 * optimised shape: measured alone (Node's server, body-parser, a fixed answer), 6,700-7,700 req/s
 * with the swap against 19,600 with the objects born so.
 */

/**
 * Express middleware run in order, as a router runs them: `next()` calls the next one, `next(error)`
 * skips to `done(error)`; a handler that throws, or whose promise rejects, is `next(error)` (as in
 * Express 5). Past the last one: `done()`.
 */
export function chain(handlers: readonly express.RequestHandler[]): (req: express.Request, res: express.Response, done: (error?: unknown) => void) => void {
  return (req, res, done) => {
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined) {
        done(error);
        return;
      }
      const handler = handlers[index++];
      if (!handler) {
        done();
        return;
      }
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    next();
  };
}

/**
 * Request and response classes for Node's HTTP server (its IncomingMessage and ServerResponse
 * options) with the methods and getters of Express's request and response, and `app`: `api`. A
 * request the app answers is given the app's prototypes by Express as before.
 */
export function expressClasses(api: express.Express): { IncomingMessage: typeof http.IncomingMessage; ServerResponse: typeof http.ServerResponse } {
  class ApiRequest extends IncomingMessage {}
  class ApiResponse extends ServerResponse {}
  for (const [target, source] of [
    [ApiRequest.prototype, Object.getPrototypeOf(api.request) as object],
    [ApiResponse.prototype, Object.getPrototypeOf(api.response) as object],
  ] as const) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(source))) Object.defineProperty(target, name, descriptor);
    Object.defineProperty(target, 'app', { configurable: true, enumerable: true, writable: true, value: api });
  }
  return { IncomingMessage: ApiRequest, ServerResponse: ApiResponse as typeof http.ServerResponse };
}

export interface DirectRoutes {
  /** The server's request listener: the API's requests to `run`, the others to `app`. */
  listener: http.RequestListener;
  /** The classes the HTTP server makes its requests and responses of (expressClasses of `api`). */
  classes: ReturnType<typeof expressClasses>;
  /** Serves the API's requests from now on (until then they go to `app`, which answers 404). */
  serve(run: ReturnType<typeof chain>, onError: express.ErrorRequestHandler): void;
}

/**
 * The request listener: a request `isApi` says is the API's is run by `serve`'s chain on the
 * request and response prototypes of `api` (an Express app that is never mounted: its settings
 * apply, its router is never walked); what the chain does not answer, and every other request,
 * goes to `app`. An error the chain passes on goes to `onError`, as to the app's error handler.
 */
export function directRoutes(app: express.Express, api: express.Express, isApi: (req: http.IncomingMessage) => boolean): DirectRoutes {
  let run: ReturnType<typeof chain> | null = null;
  let onError: express.ErrorRequestHandler | null = null;
  const classes = expressClasses(api);
  return {
    classes,
    listener(incoming, outgoing) {
      if (!run || !isApi(incoming)) {
        app(incoming, outgoing);
        return;
      }
      const req = incoming as express.Request;
      const res = outgoing as express.Response;
      // What app.handle does before its router: the links, the prototypes (unless the server made
      // the objects with them: expressClasses), the locals.
      req.res = res;
      res.req = req;
      if (!(req instanceof classes.IncomingMessage)) Object.setPrototypeOf(req, api.request);
      if (!(res instanceof classes.ServerResponse)) Object.setPrototypeOf(res, api.response);
      res.locals = Object.create(null) as Record<string, unknown>;
      req.originalUrl = req.url;
      run(req, res, (error) => {
        if (error === undefined) app(req, res);
        else if (res.headersSent) res.destroy();
        else onError!(error, req, res, () => res.destroy());
      });
    },
    serve(chained, handleError) {
      run = chained;
      onError = handleError;
    },
  };
}

/**
 * Whether a request is the GraphQL API's on `path`: every POST, and a GET that carries an
 * operation (`query`, `documentId` or `extensions` in its query string). A GET without one is the
 * Playground's page (or the API's 400, which the app answers as before).
 */
export function isGraphqlRequest(path: string): (req: http.IncomingMessage) => boolean {
  const withQuery = `${path}?`;
  return (req) => {
    const url = req.url ?? '';
    if (url === path) return req.method === 'POST';
    if (!url.startsWith(withQuery)) return false;
    if (req.method === 'POST') return true;
    return req.method === 'GET' && /[?&](query|documentId|extensions)=/.test(url);
  };
}
