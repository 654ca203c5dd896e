import type express from 'express';
import { sendError } from './exports/http';
import { sendRequestError } from './shared/errors';

/** The methods of an Express route (`route.methods`), e.g. `{ get: true }`. */
interface RouteLayer {
  match(path: string): boolean;
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: RouteLayer[] };
}

/** The methods `stack` has a route for at `path` (routers mounted at the root, such as the exports', included). */
function methodsAt(stack: readonly RouteLayer[], path: string, into: Set<string>): Set<string> {
  for (const layer of stack) {
    if (!layer.match(path)) continue;
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) if (on) into.add(method.toUpperCase());
    } else if (layer.handle?.stack) methodsAt(layer.handle.stack, path, into);
  }
  return into;
}

/**
 * The app's last handler: what no route answered. A path some route answers by other methods is
 * 405 METHOD_NOT_ALLOWED with `Allow` (GET implies HEAD); any other is 404 NOT_FOUND. Both are
 * JSON in the shape of the path's own errors: the exports' `{ error: { code, message } }` under
 * /export and /calendar.ics, GraphQL's `{ errors: [...] }` elsewhere. Never Express's HTML page.
 */
export function unknownRoutes(app: express.Express): express.RequestHandler {
  return (req, res) => {
    const stack = (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
    const methods = methodsAt(stack, req.path, new Set());
    if (methods.has('GET')) methods.add('HEAD');
    const exportsShape = /^\/(export(\/|$)|calendar\.ics$)/.test(req.path);
    const send = (status: number, code: string, message: string) =>
      exportsShape ? sendError(res, status, code, message) : (res.set('Cache-Control', 'no-store'), sendRequestError(res, status, code, message));
    // A route of this method that let the request through answers nothing more: 404, not 405.
    if (methods.size > 0 && !methods.has(req.method)) {
      const allow = [...methods].sort().join(', ');
      res.set('Allow', allow);
      send(405, 'METHOD_NOT_ALLOWED', `${req.method} ${req.path}: expected one of ${allow}; received ${req.method}`);
      return;
    }
    send(404, 'NOT_FOUND', `No route ${req.method} ${req.path}: expected a path this server answers (/graphql, /export, /export/<list>.csv or .json, /calendar.ics, /healthz, /readyz, /metrics)`);
  };
}
