import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { bearerToken, refuseBearer } from '../http-auth';
import type { Metrics } from './observability';

/**
 * GET /metrics, the Prometheus text. Operation names are what clients typed (an editor's
 * included), so they are shown only to a scraper allowed to see them:
 * - with METRICS_TOKEN set, only a request with `Authorization: Bearer <METRICS_TOKEN>` is
 *   answered, with the operations' metrics by name; any other is 401 UNAUTHENTICATED;
 * - without it, anyone is answered, with the operations' metrics summed over operations.
 * The token is compared in constant time (both sides hashed first, so their lengths say nothing).
 */
export function metricsRoute(metrics: Metrics, token: string | null): RequestHandler {
  const expected = token === null ? null : sha256(token);
  return async (req, res, next) => {
    try {
      res.setHeader('cache-control', 'no-store');
      if (expected === null) {
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
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

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
