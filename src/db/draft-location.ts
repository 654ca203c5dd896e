import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type DatabaseConfig } from '../config';
import { type FileCopy, copySqliteFileAhead } from './sqlite-copy';
import { type SetUpLock, lockSetUp } from './set-up-lock';

/*
 * Where the draft stage of a database lives (stages.ts opens it), and, on SQLite, the first
 * drafts' file copy begun ahead. Kept apart from the stages and the write side so that the
 * process's entry point can begin the copy before it loads them (main.ts).
 */

/** The schema (PostgreSQL) and attached database name (SQLite) of the draft stage. */
export const DRAFT_SCHEMA = 'draft';

/** Where the draft stage of the database `config` names lives. */
export function draftConfigOf(config: DatabaseConfig): DatabaseConfig {
  if (config.kind === 'postgres') return { ...config, schema: DRAFT_SCHEMA };
  if (config.path === ':memory:') throw new ConfigError('DATABASE_URL: expected a SQLite file (the drafts live in a file beside it); received ":memory:"');
  const { dir, name, ext } = path.parse(config.path);
  return { kind: 'sqlite', path: path.join(dir, `${name}.${DRAFT_SCHEMA}${ext || '.sqlite'}`) };
}

/** Where the first drafts of a SQLite file are made before they take the drafts' name `drafts`. */
export function partialDraftsOf(drafts: string): string {
  return `${drafts}.partial`;
}

/** What the entry point began before the server's modules load (copyFirstDraftsAhead). */
export interface SetUpAhead {
  /** Resolves once the copy runs in the thread pool, or will not be made. */
  copying: Promise<void>;
  /** The set-up lock, where it was free; null where start-up takes it (and waits for it) itself. */
  lock: Promise<SetUpLock | null>;
  /** The first drafts' copy of the file; null where none was made. */
  copied: Promise<FileCopy | null>;
}

/**
 * On SQLite, with no drafts beside the published file yet, takes the set-up lock where it is free
 * and begins the drafts' copy (the slowest part of a first start: 1.3–4.7 s for a 2.4 GB file
 * here) in the thread pool; see copySqliteFileAhead. Anywhere else, and wherever it cannot begin
 * (another process sets the database up), nothing is begun and start-up does it as before.
 */
export function copyFirstDraftsAhead(config: DatabaseConfig): SetUpAhead {
  const none: SetUpAhead = { copying: Promise.resolve(), lock: Promise.resolve(null), copied: Promise.resolve(null) };
  if (config.kind !== 'sqlite' || config.path === ':memory:') return none;
  const drafts = draftConfigOf(config);
  if (drafts.kind !== 'sqlite' || fs.existsSync(drafts.path)) return none;
  let began: () => void = () => undefined;
  const copying = new Promise<void>((resolve) => (began = resolve));
  const lock = lockSetUp(config, 0).catch(() => null);
  // Only the lock's holder may remove or make the partial copy: another may be making it.
  const copied = lock.then((held) => (held ? copySqliteFileAhead(config.path, partialDraftsOf(drafts.path), began) : null));
  void copied.finally(began);
  return { copying, lock, copied };
}
