import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { createSchema } from './schema';
import { createServer, listen } from './server';
import { projectPath } from './shared/paths';
import { loadSeeds } from '../seeds/load';
import { isEmpty } from './db/is-empty';

/** Start-up: config -> database (migrated; seeded when empty) -> schema -> server. */
async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  if (await isEmpty(database.dataSource)) {
    const summary = await loadSeeds(database.dataSource, projectPath('seeds'));
    console.log(`Empty database: loaded the real data set (${Object.values(summary).reduce((a, b) => a + b, 0)} records).`);
  }
  const schema = await createSchema();
  const server = await createServer(config, database, schema);
  const port = await listen(server, config.port, config.host);
  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`Content graph ready: http://${shown}:${port}/graphql (${config.database.kind})`);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.stop();
    await database.dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Start-up failed:', error);
  process.exit(1);
});
