import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../config';
import type { Context } from '../context';
import { type CostReport, costReport } from '../limits/limits';
import type { RateLimiter } from '../limits/rate-limit';
import { onExchangeEnd } from '../http-lifecycle';
import { type Clock, systemClock } from '../shared/clock';

/** One cached answer: the JSON of its `data`, and what a hit needs to answer as Apollo did. */
interface Entry {
  data: Buffer;
  /** The operation's cost, charged to the client's rate-limit window on every hit. */
  cost: number;
  operation: string;
  contentType: string;
  maxAgeSeconds: number;
  storedAt: number;
  /** The answer's Cache-Tag (cdn-headers.ts): the same data, the same tags. */
  cacheTag: string;
}

/** What the plugin saw of an answer Apollo is about to send, kept until the response has gone out. */
interface Captured {
  data: string;
  cost: number;
  operation: string;
}

export interface ResponseCacheOptions {
  /** The most bytes the cached answers may take (their data, and their keys). */
  maxBytes: number;
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
  /** With GRAPH_DEBUG on, answers carry `extensions.sql`; a hit says it ran no statement. */
  debug: boolean;
  clientOf(req: Request): string;
  requestIdOf(req: Request): string;
  /** Called for every answer served from the cache, with the time it took. */
  onHit?(hit: { requestId: string; operation: string; cost: number; seconds: number }): void;
  /** Where an answer's age and its expiry read the time (the system clock unless a test moves its own). */
  clock?: Clock;
}

const CACHEABLE = /^max-age=(\d+), public$/;
const DATA_PREFIX = Buffer.from('{"data":');

/**
 * The response cache (RESPONSE_CACHE_SECONDS > 0): the answers to queries, kept as the bytes of
 * their JSON `data`, keyed by the Accept header and the raw request body, for as long as Apollo's
 * cache-control policy allows (`cache-control: max-age=N, public`, no errors). A hit is answered
 * before Apollo runs: no parsing, no validation, no execution and no `JSON.stringify` of the
 * answer; its `extensions` are made anew (the cost, charged to the client's rate-limit window as a
 * miss would be; `sql: { statements: 0 }` with GRAPH_DEBUG), and `age` tells how old it is.
 *
 * Apollo's own response-cache plugin keeps the data as an object and answers from
 * `responseForOperation`, after parsing, validation and the operation's plugins, then serializes
 * the whole answer again; for answers of 100 KB that was most of a hit's cost.
 *
 * Identical requests that arrive while the first of them executes wait for its answer and are
 * served from the cache (if it could be kept; else they execute). Only POST requests with a JSON
 * object body are looked up (a GET is Apollo's to refuse or answer under its CSRF rules). The
 * cache is per process, in memory, bounded by RESPONSE_CACHE_MB.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  /** The raw body of each request, from express.json's `verify`. */
  private readonly rawBodies = new WeakMap<IncomingMessage, Buffer>();
  /** The parsed bodies of the requests that missed, for the plugin to know which answers to keep. */
  private readonly missed = new WeakSet<object>();
  private readonly captured = new WeakMap<object, Captured>();
  /** Keys whose answer one request is computing now; settled when its exchange ends, however it ends. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly clock: Clock;

  constructor(private readonly options: ResponseCacheOptions) {
    this.clock = options.clock ?? systemClock;
    this.entries = new LRUCache<string, Entry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry, key) => entry.data.length + key.length + 200,
      // The entries expire by the clock their `age` is told by.
      perf: this.clock,
    });
  }

  /** Forgets every stored answer: a change of the published stage has committed. */
  clear(): void {
    this.entries.clear();
  }

  /** express.json's `verify` option: keeps the raw body the key is made of. */
  readonly verify = (req: IncomingMessage, _res: ServerResponse, body: Buffer): void => {
    this.rawBodies.set(req, body);
  };

  /** Answers a request whose answer is cached, or lets it through and keeps its answer if cacheable. */
  middleware(): RequestHandler {
    const { options } = this;
    return async (req, res, next) => {
      const started = performance.now();
      const raw = this.rawBodies.get(req);
      const body: unknown = req.body;
      // An answer for a token (its viewer, its drafts) is never shared with another request.
      if (req.method !== 'POST' || req.get('authorization') !== undefined || !raw || typeof body !== 'object' || body === null || Array.isArray(body)) {
        next();
        return;
      }
      const key = createHash('sha256').update(req.get('accept') ?? '').update('\n').update(raw).digest('base64url');
      let entry = this.entries.get(key);
      // The same question already being answered: wait for that answer rather than execute it
      // again (a burst of identical requests on a cold or expired entry runs the operation once).
      const pending = entry ? undefined : this.pending.get(key);
      if (pending) {
        await pending;
        entry = this.entries.get(key);
      }
      if (!entry) {
        this.missed.add(body);
        if (!this.pending.has(key)) {
          let done!: () => void;
          this.pending.set(key, new Promise<void>((resolve) => (done = resolve)));
          onExchangeEnd(req, res, () => {
            this.pending.delete(key);
            done();
          });
        }
        res.once('finish', () => this.keep(key, body, res));
        next();
        return;
      }
      // A shared answer tells no one's window (limits.ts); the hit is charged to it all the same.
      const report: CostReport = costReport(entry.cost, options.limits);
      if (options.rateLimiter) {
        const state = await options.rateLimiter.consume(options.clientOf(req), entry.cost);
        // Refused: Apollo answers it as it answers every refusal (a refusal spends nothing).
        if (!state.allowed) {
          next();
          return;
        }
      }
      const requestId = options.requestIdOf(req);
      const extensions = options.debug ? { sql: { statements: 0, ms: 0, compiled: false }, cost: report } : { cost: report };
      const tail = Buffer.from(`,"extensions":${JSON.stringify(extensions)}}\n`);
      const age = Math.max(0, Math.floor((this.clock.now() - entry.storedAt) / 1000));
      res.statusCode = 200;
      res.setHeader('content-type', entry.contentType);
      res.setHeader('cache-control', `max-age=${Math.max(0, entry.maxAgeSeconds - age)}, public`);
      res.setHeader('age', String(age));
      if (entry.cacheTag) res.setHeader('cache-tag', entry.cacheTag);
      res.setHeader('x-request-id', requestId);
      res.setHeader('content-length', DATA_PREFIX.length + entry.data.length + tail.length);
      res.cork();
      res.write(DATA_PREFIX);
      res.write(entry.data);
      res.end(tail);
      options.onHit?.({ requestId, operation: entry.operation, cost: entry.cost, seconds: (performance.now() - started) / 1000 });
    };
  }

  /** The Apollo plugin that hands the middleware the data of each answer that may be kept. */
  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async ({ request }) => {
        const body = request.http?.body;
        if (typeof body !== 'object' || body === null || !this.missed.has(body)) return;
        return {
          willSendResponse: async ({ response, operation, operationName }) => {
            if (operation?.operation !== 'query' || response.body.kind !== 'single') return;
            const { data, errors, extensions } = response.body.singleResult;
            if (errors || data == null) return;
            // A hit makes the extensions anew; an answer with any other extension is not kept.
            if (Object.keys(extensions ?? {}).some((name) => name !== 'cost' && name !== 'sql')) return;
            const cost = (extensions?.cost as CostReport | undefined)?.requested;
            if (typeof cost !== 'number') return;
            this.captured.set(body, { data: JSON.stringify(data), cost, operation: operationName ?? 'anonymous' });
          },
        };
      },
    };
  }

  /** After the answer went out: keeps it when Apollo answered 200 and said it may be cached. */
  private keep(key: string, body: object, res: ServerResponse): void {
    const captured = this.captured.get(body);
    if (!captured || res.statusCode !== 200) return;
    const maxAge = Number(CACHEABLE.exec(String(res.getHeader('cache-control') ?? ''))?.[1] ?? 0);
    const contentType = res.getHeader('content-type');
    if (maxAge <= 0 || typeof contentType !== 'string') return;
    this.entries.set(
      key,
      { data: Buffer.from(captured.data), cost: captured.cost, operation: captured.operation, contentType, maxAgeSeconds: maxAge, storedAt: this.clock.now(), cacheTag: String(res.getHeader('cache-tag') ?? '') },
      { ttl: maxAge * 1000 },
    );
  }
}
