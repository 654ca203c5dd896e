import path from 'node:path';
import { NAMED_STATEMENTS } from './db/prepared-statements';
import { parseCacheHints, parseInteger, parseMetricsToken, parsePort, parseSchedule, parseSwitch, parseTrustProxy } from './config-values';

/** Every setting of the server, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  nodeEnv: 'development' | 'production' | 'test';
  /** GRAPH_DEBUG=1: every response carries `extensions.sql = { statements, ms }`. */
  debug: boolean;
  limits: OperationLimits;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Cost points per client per window; null when rate limiting is off (RATE_LIMIT_POINTS=0). */
  rateLimit: { points: number; windowSeconds: number } | null;
  /** Where rate-limit windows and automatic persisted queries are kept when several instances share them; null: in memory. */
  redisUrl: string | null;
  /** With REDIS_URL: APQ_REDIS_PREFIX (default `graph:`) begins every key of an automatic persisted query, kept APQ_TTL_SECONDS (default a day). */
  apq: { prefix: string; ttlSeconds: number };
  /** OUTBOX_RETENTION_HOURS: change outbox rows older than this are pruned, except those a webhook endpoint still has to queue (default 168, a week). */
  outboxRetentionHours: number;
  introspection: boolean;
  /** Origins allowed by CORS; empty: no CORS headers (same-origin only). */
  corsOrigins: string[];
  /** An operation still running after this long is stopped with a TIMEOUT error. */
  requestTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * RESPONSE_CACHE_SECONDS: when above 0, the default max-age of an answer a cache may share
   * (CACHE_HINTS lowers it per type), which is kept as the bytes of its data (in memory, or in
   * Redis with REDIS_URL) until then or until a publish changes a record it holds; 0 (the
   * default): nothing is cached and every response says `no-store`.
   */
  responseCacheSeconds: number;
  /**
   * How the answers a cache may keep are told to be kept (README, "Caching by a CDN"): CACHE_HINTS,
   * per-type max-age overrides (the smallest of the types an operation touches wins);
   * CACHE_S_MAXAGE_SECONDS, a shared cache's lifetime (null: the answer's max-age);
   * CACHE_STALE_WHILE_REVALIDATE_SECONDS (default 30, 0 leaves it out); RESPONSE_CACHE_REDIS_PREFIX,
   * the namespace of the cached answers in Redis (with REDIS_URL they are kept there).
   */
  responseCachePolicy: { hints: Record<string, number>; sMaxAge: number | null; staleWhileRevalidate: number; redisPrefix: string };
  /**
   * The webhook deliveries: WEBHOOK_RETRY_SCHEDULE, how long after each failed attempt the next
   * is made ("5s,30s,2m,10m,1h,6h": seven attempts in all, then the delivery is FAILED);
   * WEBHOOK_POLL_MS, how often the worker looks for due deliveries besides after each publish;
   * WEBHOOK_TIMEOUT_MS, how long one attempt waits for the receiver's answer.
   */
  webhooks: { retryScheduleMs: number[]; pollMs: number; timeoutMs: number };
  /**
   * The change feed's subscriptions (graphql-ws and graphql-sse on /graphql): CHANGE_FEED_POLL_MS,
   * how often the feed reads the outbox for other processes' writes (this one's wake it at once);
   * SUBSCRIPTION_QUEUE_LENGTH, the changes one subscriber may have waiting before it is ended
   * (FEED_OVERFLOW); MAX_SUBSCRIPTION_CONNECTIONS, WebSocket connections and SSE streams in all;
   * SUBSCRIPTIONS_PER_CONNECTION, subscriptions at once on one WebSocket.
   */
  subscriptions: { pollMs: number; queueLength: number; maxConnections: number; perConnection: number };
  /**
   * MAX_CONCURRENT_OPERATIONS: GraphQL operations executed at once, the rest queued in order
   * (0: no limit); MAX_QUEUED_OPERATIONS: how many may wait before 503 SERVER_BUSY.
   */
  concurrency: { max: number; maxQueued: number } | null;
  /** RESPONSE_CACHE_MB: the most memory the cached answers may take, in MiB (least recently used dropped first). */
  responseCacheMb: number;
  /**
   * SQLITE_READ_CONNECTIONS: read-only SQLite connections the API reads through, so concurrent
   * requests' statements run side by side (WAL); 0 reads on the one connection TypeORM holds.
   */
  sqliteReadConnections: number;
  /**
   * SQLITE_DRIVER: the driver of those read connections: sqlite3 (node-sqlite3, the default) or
   * better-sqlite3 (optional dependency; synchronous, one connection). See BENCHMARKS.md.
   */
  sqliteDriver: 'sqlite3' | 'better-sqlite3';
  /**
   * POSTGRES_NAMED_STATEMENTS: the statement texts the reads prepare by name on PostgreSQL, each
   * parsed and planned once per pooled connection (default 1000); 0 sends every statement unnamed,
   * for a pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode).
   */
  postgresNamedStatements: number;
  /**
   * TRUSTED_DOCUMENTS: what happens to an operation that is not a registered trusted document
   * (README, "Trusted documents"): off (the default) runs it; audit runs it and logs its id;
   * enforce refuses it (403 TRUSTED_DOCUMENT_REQUIRED) to anonymous and READER requests.
   */
  trustedDocuments: 'off' | 'audit' | 'enforce';
  /** GRAPHQL_JIT: execute operations with graphql-jit (default on). */
  graphqlJit: boolean;
  /**
   * GRAPHQL_JIT_AFTER: graphql-jit compiles a query the n-th time it runs (default 2); before,
   * graphql-js runs it, so a query sent once is never compiled.
   */
  graphqlJitAfter: number;
  /**
   * GRAPHQL_COMPILE: answer operations the selection compiler covers with one SQL statement that
   * builds the JSON (default on).
   */
  graphqlCompile: boolean;
  /** SEARCH_TOP_HITS: read one-word searches of common words from their kept top lists (default on). */
  searchTopHits: boolean;
  /** What one client may hold of the HTTP server: sockets, pipelined requests, and how long it may stall. */
  connections: ConnectionLimits;
  /**
   * TRUST_PROXY: Express's `trust proxy` (off by default): the number of proxies in front, or
   * their addresses/subnets separated by commas. With it, the rate limit and the per-client
   * socket ceiling count an anonymous client by the address its proxies report.
   */
  trustProxy: number | string[] | false;
  /**
   * METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`, with the
   * operations' metrics by name; unset (null), /metrics is public and sums them over operations.
   */
  metricsToken: string | null;
  /**
   * METRICS_PORT and METRICS_HOST (default 127.0.0.1): a listener of its own answering /metrics by
   * operation name (with METRICS_TOKEN, to its bearer only); null when METRICS_PORT is unset.
   */
  metricsPort: { port: number; host: string } | null;
  /** METRICS_MAX_OPERATION_NAMES: operation names kept as metric labels; later ones are `other` (default 100). */
  metricsMaxOperationNames: number;
}

/** The bounds on connections: each protects the server from a client that holds without releasing. */
export interface ConnectionLimits {
  /** HEADERS_TIMEOUT_MS: a request's headers must arrive within this long of its first byte. */
  headersTimeoutMs: number;
  /** REQUEST_BODY_TIMEOUT_MS: the whole request (headers and body) must arrive within this long. */
  requestBodyTimeoutMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: an idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** SOCKET_IDLE_TIMEOUT_MS: a connection on which nothing moves either way for this long is closed. */
  socketIdleTimeoutMs: number;
  /** MAX_PIPELINED_REQUESTS: requests one socket may have received and not yet been sent the answer of. */
  maxPipelined: number;
  /** MAX_CONNECTIONS_PER_CLIENT: open sockets from one address. */
  maxPerClient: number;
  /** MAX_CONNECTIONS: open sockets in all. */
  maxConnections: number;
}

/** MAX_EDITOR_VARIABLES_BYTES's default, 2 MiB: an import document of about a million Cyrillic characters, as JSON. */
export const EDITOR_VARIABLES_BYTES = 2 * 1024 * 1024;

/** The limits every GraphQL operation is held to. */
export interface OperationLimits {
  maxCost: number;
  maxDepth: number;
  maxQueryLength: number;
  maxAliases: number;
  maxFields: number;
  maxVariablesBytes: number;
  /**
   * The variables of a request with an EDITOR token or higher. importContent's document travels
   * in them, so this is the largest import the API takes (larger ones go through the CLI).
   */
  maxEditorVariablesBytes: number;
  /** graphql-js's parser stops past this many tokens. */
  maxTokens: number;
  /** Fragment spreads, each counted where it lands. */
  maxSpreads: number;
  maxDirectives: number;
  /** How deep lists and objects may nest in literals and variables. */
  maxInputDepth: number;
  /** How many values (scalars, list items, object fields) the literals, and the variables, may hold. */
  maxInputValues: number;
  /** How many fields may answer under one response path (validation compares each pair). */
  maxFieldRepeats: number;
  /** Pairs of fields of one response path validation compares, each weighted by its depth. */
  maxFieldComparisons: number;
}

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  /** `schema`: the PostgreSQL schema the tables live in (the draft stage's is `draft`); public when absent. */
  | { kind: 'postgres'; url: string; schema?: string };

/** A setting that cannot be used; the message names the variable, what it expects and what it got. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const DEFAULT_SQLITE_PATH = 'data/graph.sqlite';

/**
 * Reads and validates the settings. Throws a ConfigError listing every bad variable at once,
 * so a misconfigured deployment fails at start with one clear message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const port = parsePort(env.PORT, problems);
  const host = env.HOST?.trim() || '0.0.0.0';

  // Unset is production: `npm start` is safe to expose (masked errors, no stack traces).
  const nodeEnvRaw = env.NODE_ENV?.trim() || 'production';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV: expected one of development, production, test; received "${nodeEnvRaw}"`);
  }

  const debugRaw = env.GRAPH_DEBUG?.trim() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(debugRaw)) {
    problems.push(`GRAPH_DEBUG: expected 1/true or 0/false; received "${debugRaw}"`);
  }

  const database = parseDatabaseUrl(env.DATABASE_URL, cwd, problems);
  const int = (name: string, fallback: number, min: number, max: number) => parseInteger(env, name, fallback, min, max, problems);
  const limits: OperationLimits = {
    maxCost: int('MAX_QUERY_COST', 50_000, 1, 1e9),
    maxDepth: int('MAX_QUERY_DEPTH', 15, 1, 1000),
    maxQueryLength: int('MAX_QUERY_LENGTH', 20_000, 100, 1e8),
    maxAliases: int('MAX_ALIASES', 100, 0, 1e6),
    maxFields: int('MAX_FIELDS', 1_000, 1, 1e7),
    maxVariablesBytes: int('MAX_VARIABLES_BYTES', 64 * 1024, 2, 1e9),
    maxEditorVariablesBytes: int('MAX_EDITOR_VARIABLES_BYTES', EDITOR_VARIABLES_BYTES, 2, 1e9),
    maxTokens: int('MAX_TOKENS', 5_000, 10, 1e7),
    maxSpreads: int('MAX_FRAGMENT_SPREADS', 500, 0, 1e6),
    maxDirectives: int('MAX_DIRECTIVES', 50, 0, 1e6),
    maxInputDepth: int('MAX_INPUT_DEPTH', 20, 1, 1000),
    maxInputValues: int('MAX_INPUT_VALUES', 250, 1, 1e7),
    maxFieldRepeats: int('MAX_FIELD_REPEATS', 20, 1, 1e6),
    maxFieldComparisons: int('MAX_FIELD_COMPARISONS', 5_000, 0, 1e9),
  };
  if (limits.maxEditorVariablesBytes < limits.maxVariablesBytes) {
    problems.push(`MAX_EDITOR_VARIABLES_BYTES: expected at least MAX_VARIABLES_BYTES (${limits.maxVariablesBytes}); received ${limits.maxEditorVariablesBytes}`);
  }
  const maxBodyBytes = int('MAX_BODY_BYTES', 1024 * 1024, 1024, 1e9);
  const ratePoints = int('RATE_LIMIT_POINTS', 100_000, 0, 1e12);
  const rateWindow = int('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL: expected a redis:// or rediss:// URL; received "${redisUrl}"`);
  const apq = { prefix: env.APQ_REDIS_PREFIX ?? 'graph:', ttlSeconds: int('APQ_TTL_SECONDS', 86_400, 1, 365 * 86_400) };
  if (!/^[\w:.-]{0,100}$/.test(apq.prefix)) problems.push(`APQ_REDIS_PREFIX: expected at most 100 letters, digits, _ : . or -; received "${apq.prefix}"`);
  const outboxRetentionHours = int('OUTBOX_RETENTION_HOURS', 168, 1, 24 * 3650);
  const introspectionRaw = env.INTROSPECTION?.trim() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(introspectionRaw)) {
    problems.push(`INTROSPECTION: expected 1/true or 0/false; received "${introspectionRaw}"`);
  }
  const corsOrigins = (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS: expected origins like https://example.org, separated by commas; received "${origin}"`);
  }
  const requestTimeoutMs = int('REQUEST_TIMEOUT_MS', 10_000, 10, 3_600_000);
  const responseCacheSeconds = int('RESPONSE_CACHE_SECONDS', 0, 0, 86_400);
  const webhooks = {
    retryScheduleMs: parseSchedule(env.WEBHOOK_RETRY_SCHEDULE, problems),
    pollMs: int('WEBHOOK_POLL_MS', 5_000, 10, 3_600_000),
    timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 10, 600_000),
  };
  const subscriptions = {
    pollMs: int('CHANGE_FEED_POLL_MS', 1_000, 10, 3_600_000),
    queueLength: int('SUBSCRIPTION_QUEUE_LENGTH', 1_000, 1, 1_000_000),
    maxConnections: int('MAX_SUBSCRIPTION_CONNECTIONS', 4_000, 0, 1_000_000),
    perConnection: int('SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
  };
  const maxConcurrent = int('MAX_CONCURRENT_OPERATIONS', 4, 0, 10_000);
  const maxQueued = int('MAX_QUEUED_OPERATIONS', 1_000, 0, 1_000_000);
  const responseCacheMb = int('RESPONSE_CACHE_MB', 32, 1, 65_536);
  const sqliteReadConnections = int('SQLITE_READ_CONNECTIONS', 2, 0, 64);
  const sqliteDriver = env.SQLITE_DRIVER?.trim() || 'sqlite3';
  const postgresNamedStatements = int('POSTGRES_NAMED_STATEMENTS', NAMED_STATEMENTS, 0, 100_000);
  const graphqlJit = parseSwitch(env, 'GRAPHQL_JIT', problems);
  const graphqlJitAfter = int('GRAPHQL_JIT_AFTER', 2, 1, 1_000_000);
  const graphqlCompile = parseSwitch(env, 'GRAPHQL_COMPILE', problems);
  const searchTopHits = parseSwitch(env, 'SEARCH_TOP_HITS', problems);
  const connections: ConnectionLimits = {
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000),
    requestBodyTimeoutMs: int('REQUEST_BODY_TIMEOUT_MS', 30_000, 100, 3_600_000),
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 3_600_000),
    socketIdleTimeoutMs: int('SOCKET_IDLE_TIMEOUT_MS', Math.max(30_000, 2 * requestTimeoutMs), 100, 7_200_000),
    maxPipelined: int('MAX_PIPELINED_REQUESTS', 16, 1, 10_000),
    maxPerClient: int('MAX_CONNECTIONS_PER_CLIENT', 256, 1, 1_000_000),
    maxConnections: int('MAX_CONNECTIONS', 4_096, 1, 1_000_000),
  };
  // Node checks the headers' deadline against the whole request's: the whole cannot come sooner.
  if (connections.headersTimeoutMs > connections.requestBodyTimeoutMs) {
    problems.push(`HEADERS_TIMEOUT_MS: expected at most REQUEST_BODY_TIMEOUT_MS (${connections.requestBodyTimeoutMs}); received ${connections.headersTimeoutMs}`);
  }
  // An operation may run REQUEST_TIMEOUT_MS without a byte on its socket: the idle cut must wait longer.
  if (connections.socketIdleTimeoutMs <= requestTimeoutMs) {
    problems.push(`SOCKET_IDLE_TIMEOUT_MS: expected more than REQUEST_TIMEOUT_MS (${requestTimeoutMs}), which an operation may take without sending a byte; received ${connections.socketIdleTimeoutMs}`);
  }
  if (connections.maxPerClient > connections.maxConnections) {
    problems.push(`MAX_CONNECTIONS_PER_CLIENT: expected at most MAX_CONNECTIONS (${connections.maxConnections}); received ${connections.maxPerClient}`);
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const responseCachePolicy = {
    hints: parseCacheHints(env.CACHE_HINTS, problems),
    sMaxAge: env.CACHE_S_MAXAGE_SECONDS?.trim() ? int('CACHE_S_MAXAGE_SECONDS', 0, 0, 31_536_000) : null,
    staleWhileRevalidate: int('CACHE_STALE_WHILE_REVALIDATE_SECONDS', 30, 0, 86_400),
    redisPrefix: env.RESPONSE_CACHE_REDIS_PREFIX?.trim() || 'graph:response:',
  };
  if (!/^[\w:.-]{1,100}$/.test(responseCachePolicy.redisPrefix)) problems.push(`RESPONSE_CACHE_REDIS_PREFIX: expected up to 100 letters, digits, _ : . -; received "${responseCachePolicy.redisPrefix}"`);
  const trustedDocuments = env.TRUSTED_DOCUMENTS?.trim() || 'off';
  if (!['off', 'audit', 'enforce'].includes(trustedDocuments)) problems.push(`TRUSTED_DOCUMENTS: expected off, audit or enforce; received "${env.TRUSTED_DOCUMENTS}"`);
  if (!['sqlite3', 'better-sqlite3'].includes(sqliteDriver)) problems.push(`SQLITE_DRIVER: expected sqlite3 or better-sqlite3; received "${sqliteDriver}"`);
  const metricsToken = parseMetricsToken(env.METRICS_TOKEN, problems);
  const metricsMaxOperationNames = int('METRICS_MAX_OPERATION_NAMES', 100, 0, 10_000);
  const metricsPort = env.METRICS_PORT?.trim() ? int('METRICS_PORT', 0, 0, 65_535) : null;
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) problems.push(`METRICS_PORT: expected a port other than PORT (${port}); received "${env.METRICS_PORT}"`);
  const logLevel = env.LOG_LEVEL?.trim() || (nodeEnvRaw === 'test' ? 'silent' : 'info');
  const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: expected one of ${LEVELS.join(', ')}; received "${logLevel}"`);

  if (problems.length > 0) {
    throw new ConfigError(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    port,
    host,
    database: database!,
    nodeEnv: nodeEnvRaw as Config['nodeEnv'],
    debug: debugRaw === '1' || debugRaw === 'true',
    limits,
    maxBodyBytes,
    rateLimit: ratePoints > 0 ? { points: ratePoints, windowSeconds: rateWindow } : null,
    redisUrl,
    apq,
    outboxRetentionHours,
    introspection: introspectionRaw !== '0' && introspectionRaw !== 'false',
    corsOrigins,
    requestTimeoutMs,
    logLevel: logLevel as Config['logLevel'],
    responseCacheSeconds,
    responseCachePolicy,
    webhooks,
    subscriptions,
    responseCacheMb,
    concurrency: maxConcurrent > 0 ? { max: maxConcurrent, maxQueued } : null,
    sqliteReadConnections,
    sqliteDriver: sqliteDriver as Config['sqliteDriver'],
    postgresNamedStatements,
    trustedDocuments: trustedDocuments as Config['trustedDocuments'],
    graphqlJit,
    graphqlJitAfter,
    graphqlCompile,
    searchTopHits,
    connections,
    trustProxy,
    metricsToken,
    metricsPort: metricsPort === null ? null : { port: metricsPort, host: env.METRICS_HOST?.trim() || '127.0.0.1' },
    metricsMaxOperationNames,
  };
}

/**
 * DATABASE_URL selects the store: unset means the embedded SQLite file under ./data/;
 * `postgres://` or `postgresql://` selects PostgreSQL; `sqlite:PATH` or a plain path selects SQLite at that path.
 */
export function parseDatabaseUrl(
  raw: string | undefined,
  cwd: string,
  problems: string[] = [],
  name = 'DATABASE_URL',
): DatabaseConfig | undefined {
  const value = raw?.trim();
  if (!value) return { kind: 'sqlite', path: path.resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      problems.push(`${name}: expected a valid postgres:// URL; received "${value}"`);
      return undefined;
    }
    return { kind: 'postgres', url: value };
  }
  // Any other scheme (two letters or more: C: is a drive), postgres:/ with one slash included, is
  // not a file path: taken as one, it became a file named after the URL.
  if (/^[a-z][a-z0-9+.-]+:/i.test(value) && !/^sqlite:/i.test(value)) {
    problems.push(`${name}: expected a postgres:// or postgresql:// URL or a SQLite file path; received "${value}" (unsupported scheme)`);
    return undefined;
  }
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (file === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: path.resolve(cwd, file) };
}
