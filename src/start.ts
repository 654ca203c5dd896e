import 'reflect-metadata';
import type { Config } from './config';
import { sqliteMemstatusOff } from './db/sqlite-reader';
import { createLogger } from './observability/observability';
import { createSchema } from './schema';
import { createServer, listen } from './server';
import { projectPath } from './shared/paths';
import { loadSeeds } from '../seeds/load';
import { readSeedSet } from '../seeds/read';
import { documentsOf } from './modules/writes/write-state';
import type { SetUpAhead } from './db/draft-location';
import { WAITING_FOR_SET_UP, setUpStages } from './set-up';

/** How long start-up waits for a database that does not answer yet. */
const DATABASE_WAIT_MS = 30_000;

/** How long a SIGTERM waits for requests in flight before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Start-up (the settings read by main.ts): schema -> database (migrated; seeded when empty) -> drafts -> server.
 * `ahead`: what the entry point began before these modules loaded (main.ts): the set-up lock and
 * the first drafts' file copy, awaited once the schema is built and before anything opens the
 * database. The database's set-up (up to the drafts) is done holding the set-up lock, so that
 * instances started together set it up once (set-up.ts).
 */
export async function start(config: Config, ahead: Pick<SetUpAhead, 'lock' | 'copied'>): Promise<void> {
  const logger = createLogger(config);
  // Built while the copy begun ahead runs: it needs no database.
  const schema = await createSchema();
  const { published: database, draft } = await setUpStages(config.database, {
    statementTimeoutMs: config.requestTimeoutMs,
    readConnections: config.sqliteReadConnections,
    sqliteDriver: config.sqliteDriver,
    namedStatements: config.postgresNamedStatements,
    retry: {
      timeoutMs: DATABASE_WAIT_MS,
      onRetry: (error, attempt) => logger.warn({ attempt, reason: error.message }, 'database not reachable yet; retrying'),
    },
    lock: await ahead.lock,
    onWait: () => logger.info(WAITING_FOR_SET_UP),
    onRebuilt: (stage, rebuilt) => logger.info({ stage, rebuilt }, 'migrated: rebuilt the derived data the migrations left to rebuild'),
    seedWhenEmpty: async (published) => {
      const summary = await loadSeeds(published.dataSource, projectPath('seeds'));
      logger.info({ records: summary }, 'empty database: loaded the real data set');
    },
    documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
    copiedAhead: await ahead.copied,
  });
  if (config.database.kind === 'sqlite' && config.sqliteDriver === 'sqlite3' && !(await sqliteMemstatusOff(database.dataSource))) {
    logger.warn(
      'sqlite3 is built with SQLite\'s memory statistics on: concurrent reads queue on one mutex (slower under load); `node scripts/sqlite3-build.js` rebuilds it with SQLITE_DEFAULT_MEMSTATUS=0, as npm install does',
    );
  }
  const server = await createServer(config, database, schema, { logger, draft });
  const port = await listen(server, config.port, config.host);
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info({ port, database: config.database.kind }, `content graph ready: http://${shown}:${port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown deadline passed: exiting with requests in flight');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    force.unref();
    const report = await server.stop();
    await draft.close();
    await database.close();
    logger.info({ ...report }, 'stopped cleanly');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

