import type http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { type Context, createContext } from './context';
import type { Database } from './db/data-source';
import { followWrites } from './derived-data';
import { failureCode } from './db/unavailable';
import { publicExportLinks } from './exports/export-route';
import { mountExports } from './exports/mount-exports';
import { authenticate, viewerOfRequest } from './http-auth';
import { clientOf } from './http-client';
import { limitConcurrency } from './http-concurrency';
import { type DrainReport, HttpConnections, listenOn } from './http-connections';
import { unknownRoutes } from './http-not-found';
import { chain, directRoutes, isGraphqlRequest } from './http-direct';
import { mountPlayground } from './playground/playground';
import { exampleOperationNames } from './playground/examples';
import { createFormatError } from './observability/errors';
import { documentGuard, refusalOfQuery } from './limits/document-guard';
import { boundedDocumentStore } from './execution/document-store';
import { persistedQueryHashCheck } from './execution/persisted-queries';
import { RedisApqStore } from './execution/apq-store';
import { TrustedDocuments, trustedDocumentStore } from './execution/trusted-documents';
import { trustedDocumentRequests } from './execution/trusted-requests';
import { jsonBody, operationSizeGuard, useOperationLimits } from './limits/limits';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter, chargePerRequest } from './limits/rate-limit';
import { Metrics, createLogger, observeCacheHit, observeRefusal, useObservability } from './observability/observability';
import { ResponseCache } from './execution/response-cache';
import { CacheHints } from './execution/cache-hints';
import { type CacheFollower, createCacheStore } from './execution/cache-follower';
import { tagsOfChange } from './modules/writes/outbox';
import { type Clock, systemClock } from './shared/clock';
import { useSqlStats } from './observability/sql-stats';
import { type MetricsPort, metricsRoute, openMetricsPort } from './observability/metrics-route';
import { chooseExecution } from './execution/executor';
import { useStages } from './execution/stage-plugin';
import { type SharedPolicy, useCachePolicy } from './execution/cache-policy';
import { cdnHeaders } from './execution/cdn-headers';
import { stringifyResult } from './execution/raw-result';
import { apolloHandler } from './execution/apollo-handler';
import { createSelectionCompiler } from './compiler/compile';
import { sendRequestError } from './shared/errors';
import { Stage } from './shared/stage';
import { WriteEvents } from './modules/writes/write-events';
import { WebhookWorker } from './modules/webhooks/webhook-worker';
import { resolveNodeType } from './shared/node';
import { type Subscriptions, openSubscriptions } from './subscriptions/subscriptions';
import { type OutboxSignal, listenToOutbox } from './modules/writes/outbox-signal';
import type { Logger } from 'pino';

/** The heap the parsed documents Apollo keeps may take (the server's old space is 192 MB). */
const DOCUMENT_STORE_BYTES = 24 * 1024 * 1024;

/** The most validation errors one answer reports; past them graphql-js stops validating. */
export const VALIDATION_ERRORS = 10;

/** The flat rate-limit charge of one export or calendar request: about ten full pages of a list. */
export const EXPORT_COST = 1_000;

export interface Server {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  logger: Logger;
  /** GraphQL operations running and waiting for a slot now (zero each without a concurrency limit). */
  operations(): { active: number; queued: number };
  metrics: Metrics;
  /** METRICS_PORT's listener; null when it is unset. */
  metricsPort: MetricsPort | null;
  /** The registered trusted documents this server has read and prepared. */
  trustedDocuments: TrustedDocuments;
  /** The events of this server's writes: what follows them subscribes here. */
  writeEvents: WriteEvents;
  /** The webhook delivery worker of this process (started with the server, stopped by stop()); null without the draft stage, where the outbox lives. */
  webhooks: WebhookWorker | null;
  /** The change feed and its subscriptions over graphql-ws and graphql-sse on /graphql; null without the draft stage, where the outbox lives. */
  subscriptions: Subscriptions | null;
  /** On PostgreSQL, the session that hears other processes' writes to the outbox and wakes the two above; null without the draft stage. */
  outboxSignal: OutboxSignal | null;
  /** What purges the memory response cache on other processes' publishes; null with Redis, without the cache or the draft stage. */
  cacheFollower: CacheFollower | null;
  /** Stops accepting connections, answers the requests already received, then stops Apollo. */
  stop(): Promise<DrainReport | null>;
}

/**
 * The HTTP server: the Playground (GET /graphql from a browser), the GraphQL endpoint, and
 * /healthz. Nothing here is module-global, so tests run several servers in one process.
 */
export async function createServer(
  config: Config,
  database: Database,
  schema: GraphQLSchema,
  options: { logger?: Logger; draft?: Database | null; clock?: Clock } = {},
): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // GraphQL answers are their own app, without Express's ETags: cdnHeaders gives the answers a
  // shared cache may keep a strong one, of the bytes sent; the others are never kept. Its requests
  // skip the app's router (http-direct.ts); mounted too, for what reaches the app.
  const graphqlApp = express();
  graphqlApp.disable('x-powered-by');
  graphqlApp.set('etag', false);
  const routes = directRoutes(app, graphqlApp, isGraphqlRequest('/graphql'));
  const connections = new HttpConnections(routes.listener, config.connections, routes.classes);
  const httpServer = connections.server;
  const logger = options.logger ?? createLogger(config);
  const metrics = new Metrics({ maxOperationNames: config.metricsMaxOperationNames, knownOperations: exampleOperationNames() });
  const clock = options.clock ?? systemClock;
  const rateLimiter = createRateLimiter(config, logger, clock);
  // Automatic persisted queries: in Redis when there is one, so every instance knows a hash any
  // was sent the text of; else in Apollo's own cache, in this process's memory.
  const apqStore = config.redisUrl
    ? new RedisApqStore(config.redisUrl, {
        ...config.apq,
        onError: (error) => logger.warn({ err: error.message }, 'persisted queries: Redis unavailable, a query sent by hash alone is not found'),
      })
    : null;
  const execution = chooseExecution(schema, {
    compiler: config.graphqlCompile ? createSelectionCompiler(schema, database) : null,
    jit: config.graphqlJit ? { compileAfter: config.graphqlJitAfter } : null,
    typeResolvers: { Node: resolveNodeType },
    onCompiledError: (error) => logger.warn({ err: error }, 'compiled statement failed; the resolvers answer'),
  });
  // The cache policy of the answers a cache may share (the response cache on), from their documents.
  const shared: SharedPolicy | null =
    config.responseCacheSeconds > 0
      ? { ...config.responseCachePolicy, hints: new CacheHints(schema, config.responseCacheSeconds, config.responseCachePolicy.hints) }
      : null;
  // In memory, the store follows the outbox for other processes' publishes (cache-follower.ts).
  const cacheStore = shared ? createCacheStore(config, { logger, clock, drafts: options.draft ?? null }) : null;
  const cacheFollower = cacheStore?.follower ?? null;
  await cacheFollower?.start();
  const responseCache = shared && cacheStore
    ? new ResponseCache({
        store: cacheStore.store,
        hints: shared.hints,
        limits: config.limits,
        rateLimiter,
        debug: config.debug,
        clientOf,
        requestIdOf,
        onHit: observeCacheHit({ logger, metrics }),
        clock,
      })
    : null;
  // The writes of this server's requests: the derived data follows them, and the response cache
  // drops the answers holding what a change of the published stage made stale once it committed.
  const writeEvents = followWrites(
    new WriteEvents({ onError: (error, events) => logger.error({ err: error, events: events.length, first: `${events[0].action} ${events[0].type} ${events[0].key}` }, 'a handler of committed write events failed') }),
  );
  // The webhooks: one delivery loop per process, reading the change outbox (in the drafts' database).
  const webhooks = options.draft
    ? new WebhookWorker({
        published: database,
        drafts: options.draft,
        clock,
        ...config.webhooks,
        outboxRetentionMs: config.outboxRetentionHours * 3_600_000,
        onError: (error) => logger.error({ err: error }, 'webhook worker: a pass failed; the next one retries'),
      })
    : null;
  writeEvents.onWrite('after-commit', async (events, committed) => {
    if (committed.stage !== Stage.PUBLISHED) return;
    webhooks?.wake();
    await responseCache?.purge([...new Set(events.flatMap(tagsOfChange))]);
  });
  // After the purge's handler: the follower skips the rows this process purged (cache-follower.ts).
  cacheFollower?.hearOwnWrites(writeEvents);
  const trustedDocuments = new TrustedDocuments(database, schema, {
    clock,
    hints: shared?.hints ?? null,
    withinLimits: (text) => refusalOfQuery(text, config.limits) === null,
    onError: (error, what) => logger.warn({ err: error }, `trusted documents: ${what}`),
  });
  await trustedDocuments.prepareAll();
  const concurrency = config.concurrency ? limitConcurrency({ ...config.concurrency, clock }) : null;
  if (concurrency) metrics.watchConcurrency(() => concurrency.stats);
  metrics.watchConnections(() => connections);
  const apollo = new ApolloServer<Context>({
    ...(execution ? { gateway: execution.gateway } : { schema }),
    introspection: config.introspection,
    // Without introspection, validation stops suggesting names ("Did you mean «forums»?"), which
    // would let a client rebuild the schema one guess at a time.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // documentGuard parsed the query with the same limit before Apollo sees it.
    parseOptions: { maxTokens: config.limits.maxTokens },
    ...(apqStore ? { persistedQueries: { cache: apqStore, ttl: config.apq.ttlSeconds } } : {}),
    documentStore: trustedDocumentStore(boundedDocumentStore(DOCUMENT_STORE_BYTES), trustedDocuments),
    // Each validation error costs a scan of the text for its line and a stack: 100 of them (graphql-js's
    // default) took 20-30 ms to send; clients act on the first few.
    validationOptions: { maxErrors: VALIDATION_ERRORS },
    // The selection compiler's answers are JSON text already: sent as they are.
    stringifyResult,
    // main.ts owns SIGTERM: Apollo's own handler would stop it and re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.nodeEnv !== 'production',
    formatError: createFormatError({
      mask: config.nodeEnv === 'production',
      log: (error) => logger.error({ err: error }, 'unexpected error'),
    }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      useStages(options.draft ?? null, trustedDocuments),
      useSqlStats({ enabled: config.debug }),
      useOperationLimits({ schema, limits: config.limits, rateLimiter, shared: responseCache !== null, prepared: trustedDocuments }),
      useObservability({ logger, metrics }),
      // Apollo's cache-control plugin (installed by default) would read a hook on every resolved
      // field, which graphql-jit and the compiled statements never run: the policy comes from the document.
      ApolloServerPluginCacheControlDisabled(),
      ...(responseCache ? [responseCache.plugin()] : []),
      useCachePolicy({ shared, prepared: trustedDocuments }),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await readiness(database, rateLimiter, (error) => logger.error({ err: error }, 'readiness: the database did not answer'));
    const ready = Object.values(checks).every((check) => check === 'ok');
    // Told, not required: without Redis a query sent by hash alone is a miss and the client sends its text.
    if (apqStore) checks.persistedQueries = (await apqStore.ready()) ? 'ok' : 'degraded: Redis unreachable, queries by hash are not found';
    // Slots all taken with none freed for twice the longest an operation may run: something holds them.
    const stuckMs = concurrency ? concurrency.fullFor() : 0;
    if (ready && stuckMs > 2 * config.requestTimeoutMs) {
      const { active, queued } = concurrency!.stats;
      checks.operations = `degraded: all ${active} operation slots taken and none freed for ${Math.round(stuckMs / 1000)} s (${queued} waiting)`;
      res.status(503).json({ status: 'degraded', checks });
      return;
    }
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', metricsRoute(metrics, { token: config.metricsToken }));
  const metricsPort = openMetricsPort(metrics, config);
  const authenticated = authenticate(database);
  app.use(authenticated);
  mountExports(app, { published: database, draft: options.draft ?? null }, schema, config, {
    log: (error) => logger.error({ err: error }, 'unexpected error in an export'),
    charge: rateLimiter ? chargePerRequest(rateLimiter, EXPORT_COST, clientOf) : null,
  });
  mountPlayground(app, '/graphql', { exports: publicExportLinks(schema) });
  app.use('/graphql', graphqlApp);
  // Subscriptions: graphql-ws on the upgrade of /graphql, graphql-sse for what accepts text/event-stream.
  const subscriptions = options.draft
    ? await openSubscriptions({ config, schema, httpServer, path: '/graphql', published: database, draft: options.draft, writeEvents, rateLimiter, validationErrors: VALIDATION_ERRORS, trusted: trustedDocuments, logger })
    : null;
  // Other processes' writes (instances, the import CLI) wake this one's readers of the outbox at once on PostgreSQL.
  const outboxSignal = options.draft
    ? listenToOutbox(config.database, {
        onSignal: () => {
          webhooks?.wake();
          void subscriptions?.feed.wake();
          void cacheFollower?.wake();
        },
        onError: (error) => logger.warn({ err: error }, 'outbox listener: the PostgreSQL session failed; reconnecting (the readers poll meanwhile)'),
      })
    : null;
  const guard = documentGuard({ limits: config.limits, rateLimiter, clientOf, requestIdOf, onRefusal: observeRefusal({ logger, metrics }) });
  const graphql = chain([
    cors({ origin: config.corsOrigins, allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'apollo-require-preflight'], maxAge: 600 }),
    guard.spentClients,
    // Every answer here, refusals included, depends on these request headers (cors adds Origin).
    (_req, res, next) => {
      res.vary('Accept');
      res.vary('Authorization');
      next();
    },
    jsonBody(config.maxBodyBytes, config.limits, responseCache?.verify),
    trustedDocumentRequests({ trusted: trustedDocuments, mode: config.trustedDocuments, logger, clientOf }),
    persistedQueryHashCheck(),
    operationSizeGuard(config.limits),
    ...(subscriptions ? [subscriptions.eventStreams] : []),
    ...(responseCache ? [cdnHeaders({ onTruncated: () => metrics.cacheTagsTruncated.inc() }), responseCache.middleware()] : []),
    guard.documents,
    ...(concurrency ? [concurrency] : []),
    apolloHandler(apollo, async (req, res, answer) => {
      const requestId = requestIdOf(req);
      res.setHeader('x-request-id', requestId);
      return createContext(database, { viewer: viewerOfRequest(req), draft: options.draft ?? null, writeEvents, client: clientOf(req), requestId, deadline: Date.now() + config.requestTimeoutMs,
        searchTop: config.searchTopHits,
        answer,
        documentsChanged: (ids) => trustedDocuments.changed(ids),
      });
    }),
  ]);
  graphqlApp.use((req, res, next) => graphql(req, res, next));
  app.use(unknownRoutes(app));
  const errors = requestErrors((error) => logger.error({ err: error }, 'unexpected error'));
  app.use(errors);
  // The API's requests skip the app's router: authenticated, then the chain above.
  routes.serve(chain([authenticated, (req, res, next) => graphql(req, res, next)]), errors);
  webhooks?.start();

  return {
    app,
    httpServer,
    apollo,
    logger,
    operations: () => concurrency?.stats ?? { active: 0, queued: 0 },
    metrics,
    metricsPort,
    writeEvents,
    webhooks,
    subscriptions,
    outboxSignal,
    cacheFollower,
    trustedDocuments,
    async stop() {
      await outboxSignal?.stop();
      await subscriptions?.stop();
      await webhooks?.stop();
      await cacheFollower?.stop();
      await metricsPort?.close();
      const report = httpServer.listening ? await connections.drain() : null;
      await apollo.stop();
      await rateLimiter?.close();
      await apqStore?.close();
      await responseCache?.close();
      metrics.close();
      return report;
    },
  };
}

function createRateLimiter(config: Config, logger: Logger, clock: Clock): RateLimiter | null {
  if (!config.rateLimit) return null;
  const options = { points: config.rateLimit.points, windowMs: config.rateLimit.windowSeconds * 1000, clock };
  if (!config.redisUrl) return new MemoryRateLimiter(options);
  return new RedisRateLimiter(config.redisUrl, {
    ...options,
    onError: (error) => logger.warn({ err: error.message }, 'rate limit: Redis unavailable, letting requests through'),
  });
}

/**
 * What /readyz checks: the database answers and has every migration, and Redis answers if used.
 * /readyz is public: a failure says the driver's error code at most, and the message goes to the log.
 */
async function readiness(database: Database, rateLimiter: RateLimiter | null, log: (error: unknown) => void): Promise<Record<string, string>> {
  const checks: Record<string, string> = {};
  try {
    await database.dataSource.query('SELECT 1');
    await database.read('SELECT 1', []);
    checks.database = 'ok';
    checks.migrations = (await database.dataSource.showMigrations()) ? 'pending' : 'ok';
  } catch (error) {
    log(error);
    const code = failureCode(error);
    checks.database = code ? `unreachable (${code})` : 'unreachable';
  }
  if (rateLimiter) checks.rateLimit = (await rateLimiter.ready()) ? 'ok' : 'unreachable';
  return checks;
}

/** The caller's X-Request-Id when it is a sane token, else a new id. */
function requestIdOf(req: express.Request): string {
  const given = req.get('x-request-id');
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * Errors that reach Express are answered as GraphQL errors are, never with Express's HTML page:
 * a body that cannot be read with its code and the reason, anything else as 500
 * INTERNAL_SERVER_ERROR with no detail (and logged).
 */
function requestErrors(log: (error: unknown) => void): express.ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    if (status >= 500) {
      log(error);
      sendRequestError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      return;
    }
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
    const reason = error.type === 'entity.parse.failed' ? 'the body is not valid JSON' : String(error.message ?? 'unreadable body');
    sendRequestError(res, status, code, `Cannot read the request body: ${reason}.`);
  };
}

/** Listens on the configured host and port (and METRICS_PORT); resolves with the port actually bound (0 picks one). */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  await server.metricsPort?.listen();
  return listenOn(server.httpServer, port, host);
}
