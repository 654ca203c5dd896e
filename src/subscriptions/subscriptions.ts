import type http from 'node:http';
import type { RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/data-source';
import type { TrustedDocuments } from '../execution/trusted-documents';
import { tokenLookup } from '../http-auth';
import type { RateLimiter } from '../limits/rate-limit';
import { liveTokenNames } from '../modules/auth/auth.tokens';
import { ChangeFeed } from '../modules/changes/change-feed';
import type { WriteEvents } from '../modules/writes/write-events';
import { SubscriptionDocuments } from './documents';
import { type EventStreams, subscriptionsOverSse } from './sse';
import { TokenWatch } from './token-watch';
import { type WebSocketSubscriptions, subscriptionsOverWebSocket } from './ws';

/** The change feed of one server and the two transports of its subscriptions, started and stopped with it. */
export interface Subscriptions {
  feed: ChangeFeed;
  /** The subscription documents parsed and validated so far, kept by text. */
  documents: SubscriptionDocuments;
  /** The SSE middleware of /graphql (before Apollo). */
  eventStreams: RequestHandler;
  /** WebSocket connections and SSE streams open now, the feed's subscribers, and the connections and streams holding a token. */
  open(): { webSockets: number; eventStreams: number; subscribers: number; tokensHeld: number };
  /** Closes every WebSocket (1001) and stream, then stops the feed. */
  stop(): Promise<void>;
}

/**
 * Opens the change feed over the drafts' database (where the outbox lives), wakes it after each
 * of this server's writes, and serves it on `path` over graphql-ws and graphql-sse.
 */
export async function openSubscriptions(options: {
  config: Config;
  schema: GraphQLSchema;
  httpServer: http.Server;
  path: string;
  published: Database;
  draft: Database;
  writeEvents: WriteEvents;
  rateLimiter: RateLimiter | null;
  validationErrors: number;
  /** The registered documents: a subscription sent as a registered text is served their parsed document. */
  trusted?: TrustedDocuments | null;
  logger: Logger;
}): Promise<Subscriptions> {
  const { config, logger } = options;
  const settings = config.subscriptions;
  const { published } = options;
  const watch = new TokenWatch({
    live: (names) => liveTokenNames((sql, params) => published.read(sql, params), names),
    pollMs: settings.pollMs,
    onError: (error) => logger.error({ err: error }, 'subscriptions: a check of the tokens held failed; the next one retries'),
  });
  const feed = new ChangeFeed({
    drafts: options.draft,
    pollMs: settings.pollMs,
    queueLength: settings.queueLength,
    beforeDelivery: () => watch.check(),
    onError: (error) => logger.error({ err: error }, 'change feed: a read of the outbox failed; the next one retries'),
  });
  await feed.start();
  const unsubscribe = options.writeEvents.onWrite('after-commit', () => void feed.wake());
  const documents = new SubscriptionDocuments({ schema: options.schema, limits: config.limits, validationErrors: options.validationErrors, trusted: options.trusted ?? null });
  const gate = { schema: options.schema, limits: config.limits, rateLimiter: options.rateLimiter, feed, published: options.published, draft: options.draft, documents };
  let sse: EventStreams | null = null;
  const ws: WebSocketSubscriptions = subscriptionsOverWebSocket({
    httpServer: options.httpServer,
    path: options.path,
    gate,
    lookup: tokenLookup(published),
    watch,
    maxConnections: settings.maxConnections,
    otherConnections: () => sse?.open ?? 0,
    perConnection: settings.perConnection,
    maxPayload: config.maxBodyBytes,
    onError: (error) => logger.warn({ err: error }, 'subscriptions: a WebSocket failed'),
  });
  sse = subscriptionsOverSse({ gate, queueLength: settings.queueLength, maxConnections: settings.maxConnections, otherConnections: () => ws.open, watch });
  const streams = sse;
  return {
    feed,
    documents,
    eventStreams: streams.middleware,
    open: () => ({ webSockets: ws.open, eventStreams: streams.open, subscribers: feed.size, tokensHeld: watch.size }),
    async stop() {
      unsubscribe();
      streams.close();
      await ws.close();
      await feed.stop();
      watch.stop();
    },
  };
}
