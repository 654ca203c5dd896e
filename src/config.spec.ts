import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to port 4000, all interfaces, production (masked errors) and the SQLite file under ./data/', () => {
    expect(loadConfig({}, '/srv/app')).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      nodeEnv: 'production',
      debug: false,
      database: { kind: 'sqlite', path: path.resolve('/srv/app', 'data/graph.sqlite') },
    });
  });

  it('has limits that let the examples through, and reads them from the environment', () => {
    expect(loadConfig({})).toMatchObject({
      limits: {
        maxCost: 50_000, maxDepth: 15, maxQueryLength: 20_000, maxAliases: 100, maxFields: 1_000, maxVariablesBytes: 65_536, maxEditorVariablesBytes: 2_097_152,
        maxTokens: 5_000, maxSpreads: 500, maxDirectives: 50, maxInputDepth: 20, maxInputValues: 250, maxFieldRepeats: 20, maxFieldComparisons: 5_000,
      },
      maxBodyBytes: 1_048_576,
      rateLimit: { points: 100_000, windowSeconds: 60 },
      redisUrl: null,
      introspection: true,
      corsOrigins: [],
      requestTimeoutMs: 10_000,
      logLevel: 'info',
    });
    const custom = loadConfig({ MAX_QUERY_COST: '10', RATE_LIMIT_POINTS: '0', REDIS_URL: 'redis://127.0.0.1:6379', INTROSPECTION: '0', CORS_ORIGINS: 'https://a.example, http://localhost:3000' });
    expect(custom).toMatchObject({ limits: { maxCost: 10 }, rateLimit: null, redisUrl: 'redis://127.0.0.1:6379', introspection: false, corsOrigins: ['https://a.example', 'http://localhost:3000'] });
    expect(() => loadConfig({ MAX_QUERY_DEPTH: '0', REDIS_URL: 'localhost', CORS_ORIGINS: 'example.org', LOG_LEVEL: 'loud' })).toThrow(
      [
        'Invalid settings:',
        '  - MAX_QUERY_DEPTH: expected an integer from 1 to 1000; received "0"',
        '  - REDIS_URL: expected a redis:// or rediss:// URL; received "localhost"',
        '  - CORS_ORIGINS: expected origins like https://example.org, separated by commas; received "example.org"',
        '  - LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent; received "loud"',
      ].join('\n'),
    );
  });

  it('selects PostgreSQL by URL and SQLite by path', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/graph' }).database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/graph' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/graph' }).database.kind).toBe('postgres');
    expect(loadConfig({ DATABASE_URL: 'graph.db' }, '/x').database).toEqual({ kind: 'sqlite', path: '/x/graph.db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/a.sqlite' }).database).toEqual({ kind: 'sqlite', path: '/tmp/a.sqlite' });
  });

  it('reads GRAPH_DEBUG, PORT, HOST and NODE_ENV', () => {
    expect(loadConfig({ GRAPH_DEBUG: '1', PORT: '8080', HOST: '127.0.0.1', NODE_ENV: 'production' })).toMatchObject({
      debug: true,
      port: 8080,
      host: '127.0.0.1',
      nodeEnv: 'production',
    });
  });

  it('names every bad setting, what it expects and what it got, at once', () => {
    const load = () => loadConfig({ PORT: 'eighty', NODE_ENV: 'staging', GRAPH_DEBUG: 'yes', DATABASE_URL: 'mysql://db/x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      [
        'Invalid settings:',
        '  - PORT: expected an integer from 0 to 65535; received "eighty"',
        '  - NODE_ENV: expected one of development, production, test; received "staging"',
        '  - GRAPH_DEBUG: expected 1/true or 0/false; received "yes"',
        '  - DATABASE_URL: expected a postgres:// or postgresql:// URL or a SQLite file path; received "mysql://db/x" (unsupported scheme)',
      ].join('\n'),
    );
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: expected an integer from 0 to 65535; received "70000"/);
  });

  it('takes a URL with one slash for what it is, not a file path; sqlite:PATH is a path', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres:/oops' })).toThrow('DATABASE_URL: expected a postgres:// or postgresql:// URL or a SQLite file path; received "postgres:/oops" (unsupported scheme)');
    expect(loadConfig({ DATABASE_URL: 'sqlite:data/x.sqlite' }, '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/data/x.sqlite' });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db' }).database).toEqual({ kind: 'postgres', url: 'postgresql://u@h:5432/db' });
  });

  it('reads METRICS_TOKEN, METRICS_PORT and METRICS_MAX_OPERATION_NAMES, and never echoes the token in an error', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, metricsPort: null, metricsMaxOperationNames: 100 });
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metricsPort).toEqual({ port: 9464, host: '10.0.0.5' });
    expect(() => loadConfig({ PORT: '8080', METRICS_PORT: '8080' })).toThrow('METRICS_PORT: expected a port other than PORT (8080); received "8080"');
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow('METRICS_PORT: expected an integer from 0 to 65535; received "ninety"');
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(32), METRICS_MAX_OPERATION_NAMES: '0' })).toMatchObject({ metricsToken: 'a'.repeat(32), metricsMaxOperationNames: 0 });
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret', METRICS_MAX_OPERATION_NAMES: '100000' })).toThrow(
      [
        'Invalid settings:',
        '  - METRICS_TOKEN: expected at least 16 characters (e.g. `openssl rand -hex 32`); received 12',
        '  - METRICS_MAX_OPERATION_NAMES: expected an integer from 0 to 10000; received "100000"',
      ].join('\n'),
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'a-long-secret with a space' })).toThrow(
      'METRICS_TOKEN: expected a bearer token of letters, digits and - . _ ~ + / (then = padding); received 26 characters, character 14 is not one of those',
    );
    expect(() => loadConfig({ METRICS_TOKEN: 'a-long-secret=with-padding-inside' })).toThrow(/received 33 characters, an = before the end$/);
  });

  it('reads the webhook retry schedule, poll interval and timeout', () => {
    expect(loadConfig({}).webhooks).toEqual({ retryScheduleMs: [5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000], pollMs: 5_000, timeoutMs: 10_000 });
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: ' 250ms, 1s,1d ', WEBHOOK_POLL_MS: '50' }).webhooks).toMatchObject({ retryScheduleMs: [250, 1_000, 86_400_000], pollMs: 50 });
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '5s,soon' })).toThrow(
      'WEBHOOK_RETRY_SCHEDULE: expected at most 50 durations of at most 7 days like 5s,30s,2m,10m,1h,6h (units ms, s, m, h, d), separated by commas; received "5s,soon"',
    );
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: '8d' })).toThrow(/WEBHOOK_RETRY_SCHEDULE: .* received "8d"/);
  });

  it('reads TRUSTED_DOCUMENTS: off by default, audit or enforce, anything else refused', () => {
    expect(loadConfig({}).trustedDocuments).toBe('off');
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'audit' }).trustedDocuments).toBe('audit');
    expect(loadConfig({ TRUSTED_DOCUMENTS: ' enforce ' }).trustedDocuments).toBe('enforce');
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'on' })).toThrow('TRUSTED_DOCUMENTS: expected off, audit or enforce; received "on"');
  });
});
