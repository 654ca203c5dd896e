import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import type { OperationLimits } from '../config';
import type { Context } from '../context';
import { type CostReport, costReport } from '../limits/limits';
import type { RateLimiter } from '../limits/rate-limit';
import { onExchangeEnd } from '../http-lifecycle';
import { type Clock, systemClock } from '../shared/clock';
import type { CacheHints } from './cache-hints';
import { type CacheStore, EVERY_CHANGE } from './cache-store';
import { etagOf, noneMatch } from './cdn-headers';
import { rawBytesOf } from './raw-result';

/** What the plugin saw of an answer Apollo is about to send, kept until the response has gone out. */
interface Captured {
  data: Buffer;
  cost: number;
  operation: string;
  /** Whether its tags name all it depends on (cache-hints.ts); if not, every publish drops it. */
  tagged: boolean;
}

export interface ResponseCacheOptions {
  /** Where the answers are kept: in memory, or in Redis (cache-store.ts). */
  store: CacheStore;
  /** The operations' policies, for whether an answer's tags name all it depends on. */
  hints: CacheHints;
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
  /** With GRAPH_DEBUG on, answers carry `extensions.sql`; a hit says it ran no statement. */
  debug: boolean;
  clientOf(req: Request): string;
  requestIdOf(req: Request): string;
  /** Called for every answer served from the cache, with the time it took. */
  onHit?(hit: { requestId: string; operation: string; cost: number; seconds: number }): void;
  /** Where an answer's age reads the time (the system clock unless a test moves its own; the memory store's expiry reads the same). */
  clock?: Clock;
}

const CACHEABLE = /^public, max-age=(\d+)\b/;
/** The headers by which a GET says it is not a cross-site form or link (Apollo's CSRF prevention). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
const DATA_PREFIX = Buffer.from('{"data":');

/**
 * The response cache (RESPONSE_CACHE_SECONDS > 0): the answers to queries, kept as the bytes of
 * their JSON `data`, for as long as their cache policy allows (`cache-control: public, max-age=N`,
 * cache-policy.ts; no errors). A POST is keyed by the Accept header and the raw body, a GET by the
 * Accept header and its query string. A hit is answered before Apollo runs: no parsing, no
 * validation, no execution and no `JSON.stringify` of the answer; its `extensions` are made anew
 * (the cost, charged to the client's rate-limit window as a miss would be; `sql: { statements: 0 }`
 * with GRAPH_DEBUG), its `cache-control` is the miss's, and `age` tells how old it is.
 *
 * Every entry is indexed by its tags (its Cache-Tag: its records' IDs and root lists); a publish
 * drops exactly the entries holding a tag of a change it made (`purge`), and the answers whose
 * tags do not name all they depend on (a search, the aggregates) with every publish.
 *
 * Identical requests that arrive while the first of them executes wait for its answer and are
 * served from the cache (if it could be kept; else they execute): per process, whatever the store.
 * A GET is looked up only with a header Apollo's CSRF prevention accepts as proof of a preflight
 * (else Apollo refuses it, as it would without the cache).
 */
export class ResponseCache {
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
  }

  /** Drops the answers holding any of `tags` (a change of the published stage has committed). */
  purge(tags: readonly string[]): Promise<number> {
    return this.options.store.purge(tags);
  }

  close(): Promise<void> {
    return this.options.store.close();
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
      const key = this.keyOf(req);
      // An answer for a token (its viewer, its drafts) is never shared with another request.
      if (key === null) {
        next();
        return;
      }
      const body = req.body as object;
      let { entry, generation } = await options.store.lookup(key);
      // The same question already being answered: wait for that answer rather than execute it
      // again (a burst of identical requests on a cold or expired entry runs the operation once).
      const pending = entry ? undefined : this.pending.get(key);
      if (pending) {
        await pending;
        ({ entry, generation } = await options.store.lookup(key));
      }
      if (!entry) {
        this.missed.add(body);
        // 'finish' comes before the exchange ends: those waiting look up once the answer is kept.
        let kept = Promise.resolve();
        res.once('finish', () => (kept = this.keep(key, body, res, generation)));
        if (!this.pending.has(key)) {
          let done!: () => void;
          this.pending.set(key, new Promise<void>((resolve) => (done = resolve)));
          onExchangeEnd(req, res, () => {
            void kept.then(() => {
              this.pending.delete(key);
              done();
            });
          });
        }
        next();
        return;
      }
      // A shared answer tells no one's window (limits.ts, tailOf); the hit is charged to it all the same.
      if (options.rateLimiter) {
        const state = await options.rateLimiter.consume(options.clientOf(req), entry.cost);
        // Refused: Apollo answers it as it answers every refusal (a refusal spends nothing).
        if (!state.allowed) {
          next();
          return;
        }
      }
      const requestId = options.requestIdOf(req);
      const tail = this.tailOf(entry.cost);
      res.statusCode = 200;
      res.setHeader('content-type', entry.contentType);
      res.setHeader('cache-control', entry.cacheControl);
      res.setHeader('age', String(Math.max(0, Math.floor((this.clock.now() - entry.storedAt) / 1000))));
      res.setHeader('x-request-id', requestId);
      // What cdnHeaders would work out from the bytes, kept with the entry: a hit is not hashed
      // nor scanned for its records' IDs again (for a 158 KB answer, most of a hit's cost).
      res.setHeader('etag', entry.etag);
      if (entry.cacheTag) {
        res.setHeader('cache-tag', entry.cacheTag);
        res.setHeader('surrogate-key', entry.cacheTag.replaceAll(',', ' '));
      }
      if (noneMatch(res.locals.ifNoneMatch as string | undefined, entry.etag)) {
        res.statusCode = 304;
        res.removeHeader('content-type');
        res.end();
        options.onHit?.({ requestId, operation: entry.operation, cost: entry.cost, seconds: (performance.now() - started) / 1000 });
        return;
      }
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
          willSendResponse: async ({ response, operation, operationName, document }) => {
            if (operation?.operation !== 'query' || !document || response.body.kind !== 'single') return;
            const { data, errors, extensions } = response.body.singleResult;
            if (errors || data == null) return;
            // A hit makes the extensions anew; an answer with any other extension is not kept.
            if (Object.keys(extensions ?? {}).some((name) => name !== 'cost' && name !== 'sql')) return;
            const cost = (extensions?.cost as CostReport | undefined)?.requested;
            if (typeof cost !== 'number') return;
            // The compiled statements' data is its bytes already (raw-result.ts): kept as sent.
            const bytes = rawBytesOf(data) ?? Buffer.from(JSON.stringify(data));
            this.captured.set(body, { data: bytes, cost, operation: operationName ?? 'anonymous', tagged: this.options.hints.of(document, operation).tagged });
          },
        };
      },
    };
  }

  /**
   * The key of a request that may be answered from the cache: an anonymous POST with a JSON object
   * body, or an anonymous GET with a query string and a preflight header; null for any other.
   */
  private keyOf(req: Request): string | null {
    if (req.get('authorization') !== undefined) return null;
    const hash = createHash('sha256').update(req.method).update('\n').update(req.get('accept') ?? '').update('\n');
    if (req.method === 'GET') {
      const at = req.url.indexOf('?');
      if (at < 0 || !PREFLIGHT_HEADERS.some((name) => (req.get(name) ?? '') !== '')) return null;
      // The plugin knows the requests that missed by their body: a GET gets one of its own.
      if (typeof req.body !== 'object' || req.body === null) req.body = {};
      return hash.update(req.url.slice(at + 1)).digest('base64url');
    }
    const raw = this.rawBodies.get(req);
    const body: unknown = req.body;
    if (req.method !== 'POST' || !raw || typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    return hash.update(raw).digest('base64url');
  }

  /**
   * What follows a hit's data: its extensions, the same for every hit of an entry (a shared answer's
   * cost report tells no one's window; with GRAPH_DEBUG, no statement ran).
   */
  private tailOf(cost: number): Buffer {
    const report: CostReport = costReport(cost, this.options.limits);
    const extensions = this.options.debug ? { sql: { statements: 0, ms: 0, compiled: false }, cost: report } : { cost: report };
    return Buffer.from(`,"extensions":${JSON.stringify(extensions)}}\n`);
  }

  /** After the answer went out: keeps it when it went out 200 and its policy says it may be shared. */
  private async keep(key: string, body: object, res: ServerResponse, generation: string): Promise<void> {
    const captured = this.captured.get(body);
    if (!captured || res.statusCode !== 200) return;
    const cacheControl = String(res.getHeader('cache-control') ?? '');
    const maxAge = Number(CACHEABLE.exec(cacheControl)?.[1] ?? 0);
    const contentType = res.getHeader('content-type');
    if (maxAge <= 0 || typeof contentType !== 'string') return;
    const cacheTag = String(res.getHeader('cache-tag') ?? '');
    const tags = cacheTag.split(',').filter((tag) => tag !== '');
    if (!captured.tagged) tags.push(EVERY_CHANGE);
    const etag = etagOf(Buffer.concat([DATA_PREFIX, captured.data, this.tailOf(captured.cost)]));
    const entry = { data: captured.data, cost: captured.cost, operation: captured.operation, contentType, cacheControl, storedAt: this.clock.now(), cacheTag, etag };
    await this.options.store.set(key, entry, tags, maxAge * 1000, generation);
  }
}
