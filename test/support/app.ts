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
import { contentTables, openDraft } from '../../src/stages';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: { sql?: { statements: number; ms: number; compiled?: boolean } } & Record<string, any>;
}

/** A running server on a fresh database of its own, seeded with the real data set. */
export interface TestApp {
  url: string;
  config: Config;
  database: Database;
  /** The draft stage, where the app was started with `draft: true`. */
  draft: Database | null;
  server: Server;
  /** Posts an operation; `as.token` sends it with `Authorization: Bearer <token>`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, as?: { token?: string }): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A fresh, empty database for one test file: a new SQLite file, or, when TEST_DATABASE_URL names
 * a PostgreSQL server, a new database created there (and dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
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
 * Starts the whole server in-process on an ephemeral port. GRAPH_DEBUG is on and the rate limit
 * practically off unless `env` says otherwise.
 */
export async function startTestApp(options: { env?: Record<string, string>; seed?: boolean; logger?: Logger; draft?: boolean } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', GRAPH_DEBUG: '1', RATE_LIMIT_POINTS: '1000000000', LOG_LEVEL: 'silent', DATABASE_URL: testDb.url, ...options.env });
  const database = await openDatabase(config.database, { entities: ENTITIES,  readConnections: config.sqliteReadConnections, sqliteDriver: config.sqliteDriver });
  if (options.seed !== false) await loadSeeds(database.dataSource, projectPath('seeds'));
  const draft = options.draft
    ? await openDraft(database, config.database, contentTables(ENTITIES), {
        entities: ENTITIES,
        readConnections: config.sqliteReadConnections,
        sqliteDriver: config.sqliteDriver,
        documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
      })
    : null;
  const server = await createServer(config, database, await createSchema(), { logger: options.logger, draft });
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    config,
    database,
    draft,
    server,
    gql: (query, variables, as) => post(url, query, variables, as?.token),
    async close() {
      await server.stop();
      await draft?.close();
      await database.close();
      await testDb.drop();
    },
  };
}

/** A second server over the database of `app`, with some settings changed (the data is shared, not copied). */
export async function alsoServe(app: TestApp, settings: Partial<Config>): Promise<Pick<TestApp, 'url' | 'gql' | 'close'>> {
  const server = await createServer({ ...app.config, ...settings }, app.database, await createSchema(), { draft: app.draft });
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    gql: (query, variables, as) => post(url, query, variables, as?.token),
    async close() {
      await server.stop();
    },
  };
}

async function post(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
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
