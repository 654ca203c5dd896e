import fs from 'node:fs';
import { ENTITIES } from '../src/entities';
import { contentTables, draftConfigOf, openDraft } from '../src/stages';
import { type TestApp, startTestApp } from './support/app';

/* The draft stage opens over any published database: a new one, and one whose drafts were lost. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ draft: true });
}, 90_000);
afterAll(() => app?.close());

async function count(database: { dataSource: { query: (sql: string) => Promise<{ n: number | string }[]> } }, sql: string): Promise<number> {
  return Number((await database.dataSource.query(sql))[0].n);
}

it('makes the drafts anew from the published records when they are lost, keeping the published state', async () => {
  const forums = await count(app.database, 'SELECT COUNT(*) AS n FROM forum');
  const states = await count(app.database, 'SELECT COUNT(*) AS n FROM record_state');
  await app.draft!.close();
  const draftConfig = draftConfigOf(app.config.database);
  if (draftConfig.kind === 'sqlite') {
    if (app.config.database.kind === 'sqlite') await app.database.dataSource.query('DETACH DATABASE draft');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(draftConfig.path + suffix, { force: true });
  } else {
    await app.database.dataSource.query('DROP SCHEMA draft CASCADE');
  }
  const draft = await openDraft(app.database, app.config.database, contentTables(ENTITIES), { entities: ENTITIES });
  try {
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM forum')).toBe(forums);
    expect(await count(draft, 'SELECT COUNT(*) AS n FROM record_state')).toBe(states);
    expect(await count(app.database, 'SELECT COUNT(*) AS n FROM record_state')).toBe(states);
  } finally {
    await draft.close();
    app.draft = null;
  }
});
