import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { type Config, loadConfig } from '../../src/config';
import { type Database, openDatabase } from '../../src/db/data-source';
import { createSchema } from '../../src/schema';
import { type Server, createServer, listen } from '../../src/server';
import { projectPath } from '../../src/shared/paths';
import { loadSeeds } from '../../seeds/load';
import { readSeedSet } from '../../seeds/read';
import { documentsOf } from '../../src/modules/writes/write-state';
import { ENTITIES } from '../../src/entities';
import type { Role } from '../../src/modules/auth/auth.roles';
import { createToken } from '../../src/modules/auth/auth.tokens';
import { contentTables, openDraft } from '../../src/stages';
import type { Clock } from '../../src/shared/clock';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { sql?: { statements: number; ms: number; compiled?: boolean } } & Record<string, any>;
}

/** What the server answered one request: parsed once, for every suite alike. */
export interface HttpAnswer<B = any> {
  status: number;
  headers: Headers;
  /** The JSON the answer holds when its content type says JSON (parsed), its text otherwise. */
  body: B;
  /** The body as sent, decoded as UTF-8 (a BOM kept): for tests that compare bytes or parse CSV. */
  text: string;
  bytes: Buffer;
}

export interface HttpRequest {
  /** GET unless a body is given, then POST. */
  method?: string;
  /** Sent as JSON, with `content-type: application/json` (unless `headers` names another). */
  json?: unknown;
  /** Sent as it is, with only the headers given: for bodies that are not JSON, or not well-formed. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  signal?: AbortSignal;
}

/**
 * The one HTTP client of the suites: one request to the app (or any URL), its answer read whole.
 * Tests that need a connection's own bytes (pipelining, slow reads) use support/raw-http.ts.
 */
export async function request<B = any>(url: string | URL, init: HttpRequest = {}): Promise<HttpAnswer<B>> {
  const headers: Record<string, string> = {
    ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    ...init.headers,
  };
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.raw;
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: init.signal });
  const bytes = Buffer.from(await response.arrayBuffer());
  // Buffer's decoder keeps a BOM, which fetch's text() would drop.
  const text = bytes.toString('utf8');
  return { status: response.status, headers: response.headers, body: /\bjson\b/.test(response.headers.get('content-type') ?? '') ? parseJson(text, response.status, url) : text, text, bytes };
}

function parseJson(text: string, status: number, url: string | URL): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${String(url)}: expected the JSON its content type says (status ${status}); received ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/** A clock a test moves by hand (src/shared/clock.ts), for windows that end when the test says. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** Starts at the start of a UTC day (a window of any whole number of seconds that divides a day starts there too). */
export function manualClock(start = Date.UTC(2030, 0, 1)): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/** A running server on a fresh database of its own, seeded with the real data set. */
export interface TestApp {
  url: string;
  /** The server's origin, for the routes beside /graphql: `${app.origin}/export/forums.csv`. */
  origin: string;
  config: Config;
  database: Database;
  /** The draft stage, where the app was started with `draft: true`. */
  draft: Database | null;
  server: Server;
  /** Posts an operation; `as.token` sends it with `Authorization: Bearer <token>`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: { token?: string }): Promise<GraphQLResponse<T>>;
  /**
   * POSTs `body` to /graphql: an object as JSON, a string or Buffer as it is (malformed bodies
   * included), as `application/json` unless `init.headers` says otherwise.
   */
  post<B = any>(body: unknown, init?: Omit<HttpRequest, 'json' | 'raw'>): Promise<HttpAnswer<B>>;
  /** Requests a path of the server: `app.get('/export/forums.csv')`. */
  get<B = any>(path: string, init?: HttpRequest): Promise<HttpAnswer<B>>;
  close(): Promise<void>;
}

/** What any server a test starts offers to talk to it. */
function clientOf(url: string): Pick<TestApp, 'url' | 'origin' | 'gql' | 'post' | 'get'> {
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    gql: async (query, variables, as) => (await request<GraphQLResponse>(url, { json: { query, variables }, token: as?.token })).body,
    post: (body, init = {}) =>
      typeof body === 'string' || Buffer.isBuffer(body)
        ? request(url, { ...init, raw: body, headers: { 'content-type': 'application/json', ...init.headers } })
        : request(url, { ...init, json: body }),
    get: (path, init) => request(origin + path, init),
  };
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh, empty database for one test file: a new SQLite file, or, when `base` (by default
 * TEST_DATABASE_URL) names a PostgreSQL server, a new database created there (and dropped afterwards).
 */
export async function createTestDatabase(base = process.env.TEST_DATABASE_URL): Promise<TestDatabase> {
  counter += 1;
  if (base && /^postgres/.test(base)) {
    const name = `graph_test_${process.pid}_${counter}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const client = new Client({ connectionString: base });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-test-'));
  return {
    url: path.join(dir, 'graph.sqlite'),
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the whole server in-process on an ephemeral port. GRAPH_DEBUG is on, the rate limit
 * practically off and an idle keep-alive connection kept a minute unless `env` says otherwise.
 *
 * The minute: fetch counts a connection's idle time in ticks of its own timer, which run slow while
 * the test process is starved, and then reuses a connection the server closed after Node's default
 * 5 s (`read ECONNRESET`; keep-alive.test.ts). The server ends its idle connections when it stops.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; seed?: boolean; logger?: Logger; draft?: boolean; clock?: Clock; /** false: the first drafts get no seed documents (as a synthetic database's records) */ documents?: boolean } = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', GRAPH_DEBUG: '1', RATE_LIMIT_POINTS: '1000000000', KEEP_ALIVE_TIMEOUT_MS: '60000', LOG_LEVEL: 'silent', DATABASE_URL: testDb.url, ...options.env });
  const database = await openDatabase(config.database, { entities: ENTITIES,  readConnections: config.sqliteReadConnections, sqliteDriver: config.sqliteDriver });
  if (options.seed !== false) await loadSeeds(database.dataSource, projectPath('seeds'));
  const draft = options.draft
    ? await openDraft(database, config.database, contentTables(ENTITIES), {
        entities: ENTITIES,
        readConnections: config.sqliteReadConnections,
        sqliteDriver: config.sqliteDriver,
        documents: options.documents === false ? undefined : () => documentsOf(readSeedSet(projectPath('seeds'))),
      })
    : null;
  const server = await createServer(config, database, await createSchema(), { logger: options.logger, draft, clock: options.clock });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    ...clientOf(`http://127.0.0.1:${port}/graphql`),
    config,
    database,
    draft,
    server,
    async close() {
      await server.stop();
      await draft?.close();
      await database.close();
      await testDb.drop();
    },
  };
}

/** A second server over the database of `app`, with some settings changed (the data is shared, not copied). */
export async function alsoServe(app: TestApp, settings: Partial<Config>, options: { clock?: Clock; logger?: Logger } = {}): Promise<Pick<TestApp, 'url' | 'origin' | 'gql' | 'post' | 'get' | 'close' | 'server'>> {
  const server = await createServer({ ...app.config, ...settings }, app.database, await createSchema(), { draft: app.draft, clock: options.clock, logger: options.logger });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    ...clientOf(`http://127.0.0.1:${port}/graphql`),
    server,
    async close() {
      await server.stop();
    },
  };
}

/** A pino logger whose lines land in an array, parsed. */
export function captureLogger(): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** The data of a response that must have no errors; fails the test with the errors otherwise. */
export function dataOf<T = any>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}

/**
 * One token per role on the database of `app`, each named `${prefix}-${role in lower case}`
 * ('rows-editor', 'rows-publisher'), keyed by the role in lower case:
 * `({ editor, publisher } = await tokens(app, 'rows'))`.
 */
export async function tokens<R extends Role = 'EDITOR' | 'PUBLISHER'>(
  app: Pick<TestApp, 'database'>,
  prefix: string,
  roles: readonly R[] = ['EDITOR', 'PUBLISHER'] as R[],
): Promise<Record<Lowercase<R>, string>> {
  const made = {} as Record<Lowercase<R>, string>;
  // One after another, in the order given, as the tests made them by hand.
  for (const role of roles) {
    const key = role.toLowerCase() as Lowercase<R>;
    made[key] = await createToken(app.database.dataSource, app.database.dialect, `${prefix}-${key}`, role);
  }
  return made;
}
