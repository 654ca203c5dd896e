import path from 'node:path';

/** Every setting of the server, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  nodeEnv: 'development' | 'production' | 'test';
  /** GRAPH_DEBUG=1: every response carries `extensions.sql = { statements, ms }`. */
  debug: boolean;
}

export type DatabaseConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string };

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

  const nodeEnvRaw = env.NODE_ENV?.trim() || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV: expected one of development, production, test; received "${nodeEnvRaw}"`);
  }

  const debugRaw = env.GRAPH_DEBUG?.trim() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(debugRaw)) {
    problems.push(`GRAPH_DEBUG: expected 1/true or 0/false; received "${debugRaw}"`);
  }

  const database = parseDatabaseUrl(env.DATABASE_URL, cwd, problems);

  if (problems.length > 0) {
    throw new ConfigError(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    port,
    host,
    database: database!,
    nodeEnv: nodeEnvRaw as Config['nodeEnv'],
    debug: debugRaw === '1' || debugRaw === 'true',
  };
}

function parsePort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined || raw.trim() === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT: expected an integer from 0 to 65535; received "${raw}"`);
  }
  return port;
}

/**
 * DATABASE_URL selects the store: unset means the embedded SQLite file under ./data/;
 * `postgres://` or `postgresql://` selects PostgreSQL; `sqlite:PATH` or a plain path selects SQLite at that path.
 */
export function parseDatabaseUrl(
  raw: string | undefined,
  cwd: string,
  problems: string[] = [],
): DatabaseConfig | undefined {
  const value = raw?.trim();
  if (!value) return { kind: 'sqlite', path: path.resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      problems.push(`DATABASE_URL: expected a valid postgres:// URL; received "${value}"`);
      return undefined;
    }
    return { kind: 'postgres', url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    problems.push(
      `DATABASE_URL: expected a postgres:// URL or a SQLite file path; received "${value}" (unsupported scheme)`,
    );
    return undefined;
  }
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (file === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: path.resolve(cwd, file) };
}
