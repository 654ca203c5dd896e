import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express, { type RequestHandler } from 'express';
import { bearerToken, refuseBearer } from '../http-auth';
import { listenOn } from '../http-connections';
import { sendRequestError } from '../shared/errors';
import type { Metrics } from './observability';

/**
 * GET /metrics, the Prometheus text. Operation names are what clients typed (an editor's
 * included), so they are shown only to a scraper allowed to see them:
 * - with METRICS_TOKEN set, only a request with `Authorization: Bearer <METRICS_TOKEN>` is
 *   answered, with the operations' metrics by name; any other is 401 UNAUTHENTICATED;
 * - without it, anyone is answered: on the API's port with the operations' metrics summed over
 *   operations, on METRICS_PORT (`byName`, reachable by those its address lets in) by name.
 * The token is compared in constant time (both sides hashed first, so their lengths say nothing).
 */
export function metricsRoute(metrics: Metrics, options: { token: string | null; byName?: boolean }): RequestHandler {
  const expected = options.token === null ? null : sha256(options.token);
  return async (req, res, next) => {
    try {
      res.setHeader('cache-control', 'no-store');
      if (expected === null) {
        const registry = options.byName ? metrics.byOperation : metrics.registry;
        res.type(registry.contentType).send(await registry.metrics());
        return;
      }
      const header = req.get('authorization');
      if (header === undefined) {
        refuseBearer(res, 'invalid_request', 'Expected the header "Authorization: Bearer <METRICS_TOKEN>" (this server\'s /metrics needs its token); received no Authorization header.');
        return;
      }
      const given = bearerToken(header);
      if (given === null || !timingSafeEqual(sha256(given), expected)) {
        refuseBearer(res, 'invalid_token', 'Expected the header "Authorization: Bearer <METRICS_TOKEN>"; received another token, or a header of another form.');
        return;
      }
      res.type(metrics.byOperation.contentType).send(await metrics.byOperation.metrics());
    } catch (error) {
      next(error);
    }
  };
}

/** METRICS_PORT: a listener of its own that answers GET /metrics only, by operation name. */
export interface MetricsPort {
  httpServer: http.Server;
  /** Starts listening on METRICS_HOST:METRICS_PORT; resolves with the port bound (0 picks one). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

/** The METRICS_PORT listener, or null when METRICS_PORT is unset. */
export function openMetricsPort(metrics: Metrics, config: { metricsPort: { port: number; host: string } | null; metricsToken: string | null }): MetricsPort | null {
  const address = config.metricsPort;
  if (!address) return null;
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsRoute(metrics, { token: config.metricsToken, byName: true }));
  app.use((_req, res) => sendRequestError(res, 404, 'NOT_FOUND', 'Expected GET /metrics (the only route of METRICS_PORT); received another method or path.'));
  const failed: express.ErrorRequestHandler = (_error, _req, res, _next) => sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  app.use(failed);
  const httpServer = http.createServer(app);
  return {
    httpServer,
    listen: () => listenOn(httpServer, address.port, address.host),
    close: () =>
      new Promise((resolve) => {
        if (!httpServer.listening) return resolve();
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
