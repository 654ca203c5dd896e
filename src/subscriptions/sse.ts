import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { createHandler } from 'graphql-sse';
import type { Context } from '../context';
import { viewerOfRequest } from '../http-auth';
import { clientOf } from '../http-client';
import { requestErrorBody } from '../shared/errors';
import { type SubscriptionGate, prepareSubscription } from './operation';
import type { TokenWatch } from './token-watch';

/*
 * graphql-sse, distinct connections mode, on /graphql: a GET or POST that accepts
 * text/event-stream is one subscription, streamed as Server-Sent Events. It runs after the
 * server's authentication (a bad Authorization header is the same 401) and the size guards;
 * prepareSubscription applies the document limits and charges the cost, as for ws.
 *
 * Event ids: graphql-sse writes `event:` and `data:` lines only (its print() has no id, and no
 * option adds one), so its stream is wrapped: each `next` event is prefixed `id: <cursor>`,
 * the cursor of the change it carries, taken in order from the resolver (the events of one
 * stream are resolved and written in the same order). A reconnecting client's Last-Event-ID
 * (EventSource sends it by itself) is the `after` of an operation that gives none, so it misses
 * nothing.
 *
 * graphql-sse takes every event of the subscription as it comes and keeps it until the stream
 * is read (its `pending`, without bound), so the feed's queue never fills for an SSE stream: the
 * events resolved and not yet written are counted here instead (the cursors), and past
 * queueLength the stream is ended with FEED_OVERFLOW (and the cursor of the last change written),
 * as the feed ends a slow ws subscriber, whether or not its client still reads.
 *
 * A stream opened with a token holds it in the TokenWatch from before its subscription starts:
 * revoked, the stream ends with an UNAUTHENTICATED error event before it is sent another change.
 */

interface StreamState {
  /** The cursors of the events resolved and not yet written, in order. */
  cursors: (string | null)[];
  /** The cursor of the last change written: where a client that fell behind resumes. */
  lastWritten: string | null;
  /** Releases the stream's token from the watch; null for an anonymous stream. */
  release: (() => void) | null;
  /** Ends the stream with a last event, once it is streaming. */
  end: ((last: string) => void) | null;
  /** The last event of a stream ended before it was streaming. */
  endedWith: string | null;
}

/** Ends a stream with `last` now, or as soon as it streams. */
function endWith(state: StreamState, last: string): void {
  if (state.end) state.end(last);
  else state.endedWith ??= last;
}

export interface EventStreamOptions {
  gate: SubscriptionGate;
  /** The most events one stream may have waiting for its client. */
  queueLength: number;
  /** WebSocket connections and SSE streams in all (MAX_SUBSCRIPTION_CONNECTIONS). */
  maxConnections: number;
  /** The WebSocket connections open now, which count against maxConnections too. */
  otherConnections: () => number;
  /** Where a stream holds the token it was opened with, for as long as it is open. */
  watch: TokenWatch;
}

export interface EventStreams {
  /** The middleware: streams what accepts text/event-stream, passes on the rest. */
  middleware: RequestHandler;
  readonly open: number;
  /** Ends every stream (without `complete`: an EventSource reconnects, with Last-Event-ID). */
  close(): void;
}

/** What a request to /graphql may prefer: a JSON answer, or an event stream. */
const ANSWER_TYPES = ['application/graphql-response+json', 'application/json', 'text/event-stream'];

/**
 * Whether a request asks for an event stream: it prefers text/event-stream to a JSON answer.
 * Merely accepting one is not asking: urql, for one, sends every operation with
 * `Accept: application/graphql-response+json, …, text/event-stream, multipart/mixed`.
 */
export function wantsEventStream(req: Request): boolean {
  return req.accepts(ANSWER_TYPES) === 'text/event-stream';
}

export function subscriptionsOverSse(options: EventStreamOptions): EventStreams {
  const { gate } = options;
  const open = new Set<() => void>();
  const handler = createHandler<Request, StreamState, Record<PropertyKey, unknown>>({
    schema: gate.schema,
    // No registered streams (single connection mode): every stream is its own operation.
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      const viewer = viewerOfRequest(req.raw);
      const state = req.context;
      if (viewer) state.release = options.watch.hold(viewer.name, () => endWith(state, revokedEvent()));
      const prepared = await prepareSubscription(gate, {
        query: params.query,
        variables: params.variables,
        operationName: params.operationName,
        viewer,
        client: clientOf(req.raw),
        requestId: req.raw.res?.getHeader('x-request-id')?.toString() ?? randomUUID(),
        lastEventId: req.headers.get('last-event-id') ?? null,
        resolved: (cursor) => {
          state.cursors.push(cursor);
          if (state.cursors.length > options.queueLength) endWith(state, overflowEvent(options.queueLength, state.lastWritten));
        },
      });
      if (prepared.refusal) {
        const { status, errors } = prepared.refusal;
        return [JSON.stringify({ errors: errors.map((error) => error.toJSON()) }), { status, statusText: status === 429 ? 'Too Many Requests' : 'Bad Request', headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' } }];
      }
      // graphql-sse types its context as a plain record; ours is the request's Context.
      return prepared.args as typeof prepared.args & { contextValue: Context & Record<PropertyKey, unknown> };
    },
  });

  const middleware: RequestHandler = (req, res, next) => {
    if (!wantsEventStream(req) || (req.method !== 'GET' && req.method !== 'POST')) return next();
    if (open.size + options.otherConnections() >= options.maxConnections) {
      res.status(503).setHeader('content-type', 'application/json; charset=utf-8');
      res.end(requestErrorBody('TOO_MANY_CONNECTIONS', `Too many subscription connections: expected at most ${options.maxConnections} WebSockets and streams together (MAX_SUBSCRIPTION_CONNECTIONS); received one more. Retry later.`));
      return;
    }
    stream(req, res).catch(next);
  };

  async function stream(req: Request, res: Response): Promise<void> {
    const state: StreamState = { cursors: [], lastWritten: null, release: null, end: null, endedWith: null };
    try {
      await streamOn(req, res, state);
    } finally {
      state.release?.();
    }
  }

  async function streamOn(req: Request, res: Response, state: StreamState): Promise<void> {
    const [body, init] = await handler({
      method: req.method,
      url: req.originalUrl,
      // graphql-sse streams only for exactly this Accept; a browser may send more.
      headers: { get: (key) => (key.toLowerCase() === 'accept' ? 'text/event-stream' : (req.get(key) ?? null)) },
      body: (req.body as Record<string, unknown> | undefined) ?? null,
      raw: req,
      context: state,
    });
    res.writeHead(init?.status ?? 200, init?.statusText, init?.headers as Record<string, string> | undefined);
    if (body === null || typeof body === 'string') {
      res.end(body ?? undefined);
      return;
    }
    res.flushHeaders();
    let ended = false;
    /** Wakes the loop's wait for 'drain' when the stream ends meanwhile. */
    let wake: (() => void) | null = null;
    const end = (last?: string) => {
      if (ended) return;
      ended = true;
      void body.return(undefined);
      if (last) res.write(last);
      res.end();
      wake?.();
    };
    open.add(end);
    req.once('close', () => end());
    state.end = end;
    if (state.endedWith) end(state.endedWith);
    const drained = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          wake = null;
          resolve();
        };
        wake = done;
        res.once('drain', done);
      });
    try {
      for await (const chunk of body) {
        if (ended) break;
        let text = chunk;
        if (chunk.startsWith('event: next')) {
          const cursor = state.cursors.shift();
          if (cursor) {
            text = `id: ${cursor}\n${chunk}`;
            state.lastWritten = cursor;
          }
        }
        if (!res.write(text)) await drained();
      }
    } finally {
      open.delete(end);
      end();
    }
  }

  return {
    middleware,
    get open() {
      return open.size;
    },
    close() {
      for (const end of [...open]) end();
    },
  };
}

/** The last event of a stream whose token was revoked while it was open. */
function revokedEvent(): string {
  const message = 'The bearer token was revoked: expected a live token to go on streaming changes; received one revoked while this stream was open.';
  return `event: next\ndata: ${JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] })}\n\nevent: complete\ndata:\n\n`;
}

/** The last event of a stream whose client fell too far behind: reconnect with its Last-Event-ID (`cursor`, the last change written). */
function overflowEvent(queueLength: number, cursor: string | null): string {
  const message = `The stream fell behind: expected its client to read the changes as they come, at most ${queueLength} waiting; received more. Reconnect with Last-Event-ID to miss nothing.`;
  return `event: next\ndata: ${JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'FEED_OVERFLOW', ...(cursor ? { cursor } : {}) } }] })}\n\nevent: complete\ndata:\n\n`;
}
