import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type DatabaseConfig } from '../config';
import { type FileCopy, copySqliteFileAhead } from './sqlite-copy';

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

/**
 * On SQLite, with no drafts beside the published file yet, begins their copy (the slowest part
 * of a first start: 1.3–4.7 s for a 2.4 GB file here) in the thread pool; see copySqliteFileAhead.
 * Anywhere else, and wherever it cannot begin, `copied` is null and openDraft copies as before.
 */
export function copyFirstDraftsAhead(config: DatabaseConfig): { copying: Promise<void>; copied: Promise<FileCopy | null> } {
  const none = { copying: Promise.resolve(), copied: Promise.resolve(null) };
  if (config.kind !== 'sqlite' || config.path === ':memory:') return none;
  const drafts = draftConfigOf(config);
  if (drafts.kind !== 'sqlite' || fs.existsSync(drafts.path)) return none;
  return copySqliteFileAhead(config.path, partialDraftsOf(drafts.path));
}
