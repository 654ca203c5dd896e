import { ConfigError, loadConfig } from './config';
import { copyFirstDraftsAhead } from './db/draft-location';

/*
 * The process's entry point (`npm start`). Before it loads the server's modules (~1.2 s of this
 * thread), it begins what start-up would otherwise wait for after them: on SQLite, with the
 * set-up lock, the first drafts' copy of the published file, which runs in the thread pool
 * meanwhile. start.ts does the rest.
 */

async function main(): Promise<void> {
  // A bad setting throws here, and is reported below.
  const config = loadConfig();
  const ahead = copyFirstDraftsAhead(config.database);
  await ahead.copying;
  const { start } = await import('./start');
  await start(config, ahead);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Start-up failed:', error);
  process.exit(1);
});
