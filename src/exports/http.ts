import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Database } from '../db/data-source';
import { viewerOfRequest } from '../http-auth';
import { onExchangeEnd } from '../http-lifecycle';
import { requireStageAccess } from '../modules/writes/stage';
import { BadUserInputError, describeValue, invariant } from '../shared/errors';
import { Stage } from '../shared/stage';
import { internalMessage } from '../observability/errors';

/** How the export routes report problems: masked or not, and where unexpected errors are logged. */
export interface RouteOptions {
  mask: boolean;
  log: (error: unknown) => void;
}

/** The JSON error body of the export routes: `{ error: { code, message, argument? } }`. */
export function sendError(res: Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).set('Cache-Control', 'no-store').json({ error: { code, message, ...extra } });
}

/**
 * Answers an error thrown before the body was started: 400 for a client's bad input, 500 (masked
 * in production and for every database error, and logged) for anything else.
 */
export function sendFailure(res: Response, error: unknown, options: RouteOptions): void {
  if (error instanceof GraphQLError && error.extensions?.code === 'FORBIDDEN') {
    sendError(res, 403, 'FORBIDDEN', error.message);
    return;
  }
  if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT') {
    const argument = error.extensions.argument;
    sendError(res, 400, 'BAD_USER_INPUT', error.message, typeof argument === 'string' ? { argument } : {});
    return;
  }
  options.log(error);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', internalMessage(error, options.mask));
}

/**
 * The query-string parameters of a request, each given at most once, all among `allowed`;
 * otherwise BAD_USER_INPUT naming the parameter. A typo such as `?filter=` is refused, not ignored.
 */
export function queryParameters<K extends string>(req: Request, allowed: readonly K[]): Partial<Record<K, string>> {
  const query = req.query as Record<string, unknown>;
  const result: Partial<Record<K, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new BadUserInputError(`${name}: expected one of the parameters ${allowed.join(', ')}; received ${name}=${describeValue(value)}`, name);
    }
    if (typeof value !== 'string') {
      throw new BadUserInputError(`${name}: expected the parameter once, as text; received ${describeValue(value)}`, name);
    }
    result[name as K] = value;
  }
  return result;
}

/**
 * A response body written as it is produced. `write` waits while the client is slow (backpressure);
 * `gone` turns true when the client has left, and the producer should stop. The client has left
 * when the exchange ends (onExchangeEnd), not only when the response closes: a response pipelined
 * behind another on a socket that died never closes, and its producer would wait for a `drain`
 * that never comes.
 */
export class BodyWriter {
  private closed = false;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly res: Response) {
    onExchangeEnd(res.req, res, () => {
      this.closed = true;
      for (const wake of this.waiting) wake();
    });
  }

  get gone(): boolean {
    return this.closed;
  }

  async write(chunk: string): Promise<void> {
    if (this.closed || this.res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.waiting.delete(done);
        resolve();
      };
      this.res.on('drain', done);
      this.waiting.add(done);
    });
  }

  /**
   * Ends a body that failed after it started: the status is sent, so the connection is cut and
   * the client sees an incomplete transfer instead of a file that looks whole.
   */
  abort(error: unknown, options: RouteOptions): void {
    options.log(error);
    this.res.destroy();
  }
}

/** The databases of the two stages a route reads. */
export interface StageDatabases {
  published: Database;
  draft: Database | null;
}

/**
 * The database of the stage the `stage` parameter names (PUBLISHED when absent): DRAFT needs the
 * stage's role (requireStageAccess, as a GraphQL DRAFT read: FORBIDDEN otherwise), anything else
 * is BAD_USER_INPUT.
 */
export function stageDatabase(req: Request, stages: StageDatabases, value: string | undefined): Database {
  if (value === undefined || value === Stage.PUBLISHED) return stages.published;
  if (value !== Stage.DRAFT) throw new BadUserInputError(`stage: expected PUBLISHED or DRAFT; received ${describeValue(value)}`, 'stage');
  requireStageAccess(viewerOfRequest(req), Stage.DRAFT);
  invariant(stages.draft, 'the server has a draft stage');
  return stages.draft;
}
