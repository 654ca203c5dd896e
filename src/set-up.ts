import type { DatabaseConfig } from './config';
import { type Database, type OpenOptions, type RetryOptions, openDatabase, whenAvailable } from './db/data-source';
import { isEmpty } from './db/is-empty';
import { type SetUpLock, holdSetUpLock } from './db/set-up-lock';
import { draftConfigOf } from './db/draft-location';
import type { FileCopy } from './db/sqlite-copy';
import { rebuildAfterWritesNow, rebuildDerivedData } from './derived-data';
import { rebuildArmed } from './modules/writes/write-later';
import { ENTITIES } from './entities';
import type { RecordDocument } from './modules/writes/write-rows';
import type { NodeType } from './shared/global-id';
import { contentTables, openDraft } from './stages';
import type { Rebuild } from './db/migrations/rebuild';

/*
 * A database as every process opens it, the server (start.ts) and the command-line tools alike:
 * migrated, the derived data a migration left due rebuilt (db/migrations/rebuild.ts), seeded
 * when empty where the caller says how, and its drafts made where they are new; all of it
 * holding the set-up lock, so that processes started together do it once (db/set-up-lock.ts).
 */

/** Without `retry`: the database is tried once. */
const ONE_ATTEMPT: RetryOptions = { timeoutMs: 0 };

/** What a process says when it waits for another's set-up (SetUpOptions.onWait). */
export const WAITING_FOR_SET_UP = 'another process is setting up the database (migrations, the first drafts); waiting for it';

/** How to open the stages; `statementTimeoutMs` (PostgreSQL) bounds the statements of the requests, never those of the set-up. */
export interface SetUpOptions extends Omit<OpenOptions, 'entities' | 'migrate'> {
  /** Wait for a database that does not answer yet (start-up); without it, one attempt. */
  retry?: RetryOptions;
  /** The set-up lock, taken already (the entry point's, main.ts); let go here all the same. */
  lock?: SetUpLock | null;
  /** Told once when another process holds the set-up lock and this one waits for it. */
  onWait?: () => void;
  /** Told what was rebuilt of a stage's derived data, where anything was. */
  onRebuilt?: (stage: 'published' | 'draft', rebuilt: readonly Rebuild[]) => void;
  /** Fills an empty published stage (start-up loads the real data set); without it, an empty database stays empty. */
  seedWhenEmpty?: (database: Database) => Promise<void>;
  /** The seed documents of the first drafts' IMPORT revisions (openDraft). */
  documents?: () => ReadonlyMap<NodeType, readonly RecordDocument[]>;
  /** The first drafts' copy made ahead (openDraft). */
  copiedAhead?: FileCopy | null;
}

/** The published stage and its drafts, set up (see above). */
export async function setUpStages(config: DatabaseConfig, options: SetUpOptions = {}): Promise<{ published: Database; draft: Database }> {
  const { statementTimeoutMs, ...setUp } = options;
  const stages = await underSetUpLock(config, setUp, async (lock) => {
    const published = await openPublished(config, setUp, lock);
    try {
      if (setUp.seedWhenEmpty && (await isEmpty(published.dataSource))) await setUp.seedWhenEmpty(published);
      const draft = await openDraft(published, config, contentTables(ENTITIES), { ...openOptions(setUp), documents: setUp.documents, copiedAhead: setUp.copiedAhead });
      await rebuilt(draft, 'draft', setUp)
        .then(() => lock.assertHeld())
        .catch(async (error: unknown) => {
          await draft.close().catch(() => undefined);
          throw error;
        });
      return { published, draft };
    } catch (error) {
      await published.close().catch(() => undefined);
      throw error;
    }
  });
  if (statementTimeoutMs === undefined || config.kind !== 'postgres') return stages;
  // What a write of the set-up armed (a delete a crash cut in two, finished) is rebuilt before its
  // connections close: armed on them, it would never run.
  if (rebuildArmed(stages.draft)) await rebuildAfterWritesNow(stages.draft, stages.published);
  if (rebuildArmed(stages.published)) await rebuildAfterWritesNow(stages.published);
  const [published, draft] = await forRequests(
    [
      [config, stages.published],
      [draftConfigOf(config), stages.draft],
    ],
    { ...options, statementTimeoutMs },
  );
  return { published, draft };
}

/** The published stage alone, set up (see above), for the tools that never touch the drafts. */
export async function setUpPublished(config: DatabaseConfig, options: SetUpOptions = {}): Promise<Database> {
  const { statementTimeoutMs, ...setUp } = options;
  const published = await underSetUpLock(config, setUp, (lock) => openPublished(config, setUp, lock));
  if (statementTimeoutMs === undefined || config.kind !== 'postgres') return published;
  const [opened] = await forRequests([[config, published]], { ...options, statementTimeoutMs });
  return opened;
}

/**
 * The set-up ran without the requests' statement timeout (a scale-10 drafts' fill copies a table
 * for longer than a request may run: REQUEST_TIMEOUT_MS cancelled it, and the server never
 * started); on PostgreSQL, where the timeout is the connections', the stages set up are closed
 * and opened again with it, as the requests use them.
 */
async function forRequests(stages: [DatabaseConfig, Database][], options: SetUpOptions): Promise<Database[]> {
  const opened: Database[] = [];
  try {
    for (const [config] of stages) opened.push(await whenAvailable(config, () => openDatabase(config, { ...openOptions(options), migrate: false }), options.retry ?? ONE_ATTEMPT));
    return opened;
  } catch (error) {
    for (const database of opened) await database.close().catch(() => undefined);
    throw error;
  } finally {
    for (const [, setUp] of stages) await setUp.close().catch(() => undefined);
  }
}

/** Runs `setUp` holding the set-up lock; each of its steps ends asserting the lock is still held (SetUpLockLost). */
async function underSetUpLock<T>(config: DatabaseConfig, options: SetUpOptions, setUp: (lock: SetUpLock) => Promise<T>): Promise<T> {
  const lock = options.lock ?? (await whenAvailable(config, () => holdSetUpLock(config, { onWait: options.onWait }), options.retry ?? ONE_ATTEMPT));
  return setUp(lock).finally(() => lock.release());
}

async function openPublished(config: DatabaseConfig, options: SetUpOptions, lock: SetUpLock): Promise<Database> {
  const database = await whenAvailable(config, () => openDatabase(config, openOptions(options)), options.retry ?? ONE_ATTEMPT);
  try {
    await rebuilt(database, 'published', options);
    lock.assertHeld();
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function rebuilt(database: Database, stage: 'published' | 'draft', options: SetUpOptions): Promise<void> {
  const done = await rebuildDerivedData(database);
  if (done.length > 0) options.onRebuilt?.(stage, done);
}

function openOptions(options: SetUpOptions): OpenOptions {
  const { statementTimeoutMs, readConnections, sqliteDriver, namedStatements } = options;
  return { entities: ENTITIES, statementTimeoutMs, readConnections, sqliteDriver, namedStatements };
}
