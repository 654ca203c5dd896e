import { ConfigError, loadConfig } from './config';
import { copyFirstDraftsAhead } from './db/draft-location';
import type { FileCopy } from './db/sqlite-copy';

/*
 * The process's entry point (`npm start`). Before it loads the server's modules (~1.2 s of this
 * thread), it begins what start-up would otherwise wait for after them: on SQLite, the first
 * drafts' copy of the published file, which runs in the thread pool meanwhile. start.ts does the
 * rest, and reports a bad setting.
 */

async function main(): Promise<void> {
  let copiedAhead: Promise<FileCopy | null> = Promise.resolve(null);
  try {
    const ahead = copyFirstDraftsAhead(loadConfig().database);
    await ahead.copying;
    copiedAhead = ahead.copied;
  } catch (error) {
    // A bad setting: start() reads the settings again and says what is wrong with them.
    if (!(error instanceof ConfigError)) throw error;
  }
  const { start } = await import('./start');
  await start(copiedAhead);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Start-up failed:', error);
  process.exit(1);
});
