import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import pino, { type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from '../config';
import type { Context } from '../context';
import { OperationNames, errorCodeLabel } from './metric-labels';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The server's structured JSON log (pino), one per server: no module-global logger. */
export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'professionalitet-graph' } });
}

/**
 * The server's Prometheus metrics, in registries of their own (never prom-client's global one).
 * The metrics of operations are kept twice: by operation name, shown only to a scraper allowed to
 * see what clients named their operations (METRICS_TOKEN), and summed over operations, shown to
 * anyone. Every label comes from a closed set (see metric-labels.ts).
 */
export class Metrics {
  /** What every scraper sees: process, queue and error metrics, and the operations' sums. */
  readonly registry: Registry;
  /** The same with the operations' metrics by operation name. */
  readonly byOperation: Registry;
  readonly operationNames: OperationNames;
  private readonly shared = new Registry();
  private readonly named = new Registry();
  private readonly summed = new Registry();
  readonly requests = {
    named: new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations answered, by operation and outcome', labelNames: ['operation', 'outcome'] as const, registers: [this.named] }),
    summed: new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations answered, by outcome', labelNames: ['outcome'] as const, registers: [this.summed] }),
  };
  readonly duration = {
    named: new Histogram({ name: 'graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation', labelNames: ['operation'] as const, buckets: DURATION_BUCKETS, registers: [this.named] }),
    summed: new Histogram({ name: 'graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation', buckets: DURATION_BUCKETS, registers: [this.summed] }),
  };
  readonly cacheHits = {
    named: new Counter({ name: 'graphql_response_cache_hits_total', help: 'GraphQL operations answered from the response cache', labelNames: ['operation'] as const, registers: [this.named] }),
    summed: new Counter({ name: 'graphql_response_cache_hits_total', help: 'GraphQL operations answered from the response cache', registers: [this.summed] }),
  };
  readonly compiled = {
    named: new Counter({ name: 'graphql_compiled_operations_total', help: 'GraphQL operations answered by one statement of the selection compiler', labelNames: ['operation'] as const, registers: [this.named] }),
    summed: new Counter({ name: 'graphql_compiled_operations_total', help: 'GraphQL operations answered by one statement of the selection compiler', registers: [this.summed] }),
  };
  /** Cacheable answers whose record tags did not fit the 16 KB of Cache-Tag / Surrogate-Key (cdn-headers.ts). */
  readonly cacheTagsTruncated = new Counter({ name: 'graphql_cache_tags_truncated_total', help: 'Cacheable answers whose Cache-Tag named their types instead of their records (past 16 KB)', registers: [this.shared] });
  readonly errors = new Counter({ name: 'graphql_errors_total', help: 'Errors in GraphQL responses, by code', labelNames: ['code'] as const, registers: [this.shared] });
  readonly cost = new Histogram({ name: 'graphql_operation_cost', help: 'Computed cost of each operation', buckets: [1, 10, 100, 1_000, 10_000, 50_000], registers: [this.shared] });
  readonly statements = new Histogram({ name: 'graphql_sql_statements', help: 'SQL statements run per operation', buckets: [0, 1, 2, 4, 8, 16, 32, 64], registers: [this.shared] });
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  /**
   * `maxOperationNames`: METRICS_MAX_OPERATION_NAMES, the names kept as labels besides
   * `knownOperations`, which always are (see OperationNames).
   */
  constructor(options: { maxOperationNames: number; knownOperations?: Iterable<string> }) {
    this.operationNames = new OperationNames(options.maxOperationNames, options.knownOperations);
    collectDefaultMetrics({ register: this.shared });
    this.loop.enable();
    const loop = this.loop;
    new Gauge({
      name: 'graphql_event_loop_lag_p99_seconds',
      help: 'p99 event-loop delay since the last scrape',
      registers: [this.shared],
      collect() {
        this.set(loop.percentile(99) / 1e9);
        loop.reset();
      },
    });
    this.registry = Registry.merge([this.shared, this.summed]);
    this.byOperation = Registry.merge([this.shared, this.named]);
  }

  /** Gauges of the operation queue (MAX_CONCURRENT_OPERATIONS), read at each scrape. */
  watchConcurrency(stats: () => { active: number; queued: number }): void {
    new Gauge({ name: 'graphql_operations_running', help: 'GraphQL operations executing now', registers: [this.registry, this.byOperation], collect() { this.set(stats().active); } });
    new Gauge({ name: 'graphql_operations_queued', help: 'GraphQL operations waiting for a slot', registers: [this.registry, this.byOperation], collect() { this.set(stats().queued); } });
  }

  /** Connections open now, and what the connection ceilings refused (HttpConnections), read at each scrape. */
  watchConnections(connections: () => { open: number; refusals: Readonly<Record<'pipelined' | 'perClient', number>> }): void {
    new Gauge({ name: 'http_connections_open', help: 'HTTP connections open now', registers: [this.registry, this.byOperation], collect() { this.set(connections().open); } });
    new Gauge({
      name: 'http_connection_refusals',
      help: 'Requests and connections refused by a connection ceiling since the start (MAX_PIPELINED_REQUESTS, MAX_CONNECTIONS_PER_CLIENT)',
      labelNames: ['ceiling'] as const,
      registers: [this.registry, this.byOperation],
      collect() {
        const { refusals } = connections();
        this.set({ ceiling: 'pipelined' }, refusals.pipelined);
        this.set({ ceiling: 'per_client' }, refusals.perClient);
      },
    });
  }

  close(): void {
    this.loop.disable();
  }
}

/** What one answered operation reports: its log line and its metrics. */
interface OperationRecord {
  requestId: string;
  operation: string;
  seconds: number;
  cost: number | undefined;
  statements: number;
  codes: readonly string[];
  cache?: 'hit';
  /** The token's name, where the request has one. */
  actor?: string;
  /** The changes the operation committed: who changed what. */
  changes?: readonly { action: string; id: string; version: number | null }[];
  /** Answered by one statement of the selection compiler. */
  compiled?: boolean | 'partial';
}

function record(logger: Logger, metrics: Metrics, op: OperationRecord): void {
  const operation = metrics.operationNames.label(op.operation);
  const outcome = op.codes.length > 0 ? 'error' : 'ok';
  metrics.requests.named.inc({ operation, outcome });
  metrics.requests.summed.inc({ outcome });
  metrics.duration.named.observe({ operation }, op.seconds);
  metrics.duration.summed.observe(op.seconds);
  for (const code of op.codes) metrics.errors.inc({ code: errorCodeLabel(code) });
  if (op.cost !== undefined) metrics.cost.observe(op.cost);
  metrics.statements.observe(op.statements);
  if (op.cache === 'hit') {
    metrics.cacheHits.named.inc({ operation });
    metrics.cacheHits.summed.inc();
  }
  if (op.compiled === true) {
    metrics.compiled.named.inc({ operation });
    metrics.compiled.summed.inc();
  }
  logger.info(
    {
      requestId: op.requestId,
      operation: op.operation,
      ms: Math.round(op.seconds * 1000 * 10) / 10,
      cost: op.cost,
      statements: op.statements,
      errors: op.codes.length > 0 ? op.codes : undefined,
      cache: op.cache,
      compiled: op.compiled || undefined,
      actor: op.actor,
      changes: op.changes && op.changes.length > 0 ? op.changes : undefined,
    },
    'graphql',
  );
}

/** The log line and metrics of an operation answered from the response cache (Apollo never saw it). */
export function observeCacheHit(options: { logger: Logger; metrics: Metrics }) {
  return (hit: { requestId: string; operation: string; cost: number; seconds: number }): void =>
    record(options.logger, options.metrics, { ...hit, statements: 0, codes: [], cache: 'hit' });
}

/** The log line and metrics of an operation refused before Apollo parsed it (documentGuard). */
export function observeRefusal(options: { logger: Logger; metrics: Metrics }) {
  return (refusal: { requestId: string; operationName: unknown; code: string; seconds: number }): void => {
    const name = refusal.operationName;
    const operation = typeof name === 'string' && /^\w{1,100}$/.test(name) ? name : 'anonymous';
    record(options.logger, options.metrics, { requestId: refusal.requestId, operation, seconds: refusal.seconds, cost: undefined, statements: 0, codes: [refusal.code] });
  };
}

/**
 * useObservability: one log line and the metrics for every operation: request id, operation
 * name, outcome, error codes, cost, SQL statements, whether the selection compiler answered, and duration. Query text and variables are
 * logged only at debug level, since they may hold personal data.
 */
export function useObservability(options: { logger: Logger; metrics: Metrics }): ApolloServerPlugin<Context> {
  const { logger, metrics } = options;
  return {
    async requestDidStart({ request, contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const seconds = (performance.now() - started) / 1000;
          const operation = operationName ?? 'anonymous';
          const codes = (errors ?? []).map((e: GraphQLError) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const extensions = response.body.kind === 'single' ? response.body.singleResult.extensions : undefined;
          const cost = (extensions?.cost as { requested?: number } | undefined)?.requested;
          const { statements, compiled } = contextValue.sql.stats;
          record(logger, metrics, { requestId: contextValue.requestId, operation, seconds, cost, statements, compiled, codes, actor: contextValue.viewer?.name, changes: contextValue.changes });
          if (logger.isLevelEnabled('debug')) logger.debug({ requestId: contextValue.requestId, query: request.query, variables: request.variables }, 'graphql request');
        },
      };
    },
  };
}
