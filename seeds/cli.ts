import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { WAITING_FOR_SET_UP, setUpPublished } from '../src/set-up';
import { projectPath } from '../src/shared/paths';
import { loadSeeds } from './load';

/** `npm run seed`: loads the real data set into the database DATABASE_URL names. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { dataSource } = await setUpPublished(config.database, { onWait: () => console.error(WAITING_FOR_SET_UP) });
  try {
    const summary = await loadSeeds(dataSource, projectPath('seeds'));
    const counts = Object.entries(summary).map(([kind, n]) => `${kind} ${n}`).join(', ');
    console.log(`Loaded the real data set: ${counts}.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`Seed failed: ${error.message}`);
  process.exitCode = 1;
});
