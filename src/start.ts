import 'reflect-metadata';
import type { Config } from './config';
import { openDatabaseWithRetry } from './db/data-source';
import { isEmpty } from './db/is-empty';
import { rebuildDerivedData } from './derived-data';
import { sqliteMemstatusOff } from './db/sqlite-reader';
import { createLogger } from './observability/observability';
import { createSchema } from './schema';
import { createServer, listen } from './server';
import { projectPath } from './shared/paths';
import { loadSeeds } from '../seeds/load';
import { readSeedSet } from '../seeds/read';
import { documentsOf } from './modules/writes/write-state';
import { ENTITIES } from './entities';
import { contentTables, openDraft } from './stages';
import type { FileCopy } from './db/sqlite-copy';

/** How long start-up waits for a database that does not answer yet. */
const DATABASE_WAIT_MS = 30_000;

/** How long a SIGTERM waits for requests in flight before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Start-up (the settings read by main.ts): schema -> database (migrated; seeded when empty) -> drafts -> server.
 * `copiedAhead`: the first drafts' file copy the entry point began before these modules loaded
 * (main.ts), awaited once the schema is built and before anything opens the database.
 */
export async function start(config: Config, copiedAhead: Promise<FileCopy | null>): Promise<void> {
  const logger = createLogger(config);
  // Built while the copy begun ahead runs: it needs no database.
  const schema = await createSchema();
  const ahead = await copiedAhead;
  const database = await openDatabaseWithRetry(config.database, { entities: ENTITIES, 
    timeoutMs: DATABASE_WAIT_MS,
    statementTimeoutMs: config.requestTimeoutMs,
    readConnections: config.sqliteReadConnections,
    sqliteDriver: config.sqliteDriver,
    namedStatements: config.postgresNamedStatements,
    onRetry: (error, attempt) => logger.warn({ attempt, reason: error.message }, 'database not reachable yet; retrying'),
  });
  const rebuilt = await rebuildDerivedData(database);
  if (rebuilt.length > 0) logger.info({ rebuilt }, 'migrated: rebuilt the derived data the migrations left to rebuild');
  if (await isEmpty(database.dataSource)) {
    const summary = await loadSeeds(database.dataSource, projectPath('seeds'));
    logger.info({ records: summary }, 'empty database: loaded the real data set');
  }
  const draft = await openDraft(database, config.database, contentTables(ENTITIES), {
    entities: ENTITIES,
    statementTimeoutMs: config.requestTimeoutMs,
    readConnections: config.sqliteReadConnections,
    sqliteDriver: config.sqliteDriver,
    namedStatements: config.postgresNamedStatements,
    documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
    copiedAhead: ahead,
  });
  await rebuildDerivedData(draft);
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
