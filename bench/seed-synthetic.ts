import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { type DatabaseConfig, parseDatabaseUrl } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { isEmpty } from '../src/db/is-empty';
import { projectPath } from '../src/shared/paths';
import { type SyntheticCounts, generateSynthetic } from './synthetic';
import { ENTITIES } from '../src/entities';

/** The real data set's file: the generator never writes to it. */
const REAL_DATABASE = projectPath('data', 'graph.sqlite');

/** Where scale N goes unless --database says otherwise. */
export function syntheticDatabasePath(scale: number): string {
  return projectPath('data', `synthetic-scale-${scale}.sqlite`);
}

export interface SeedArgs {
  scale: number;
  seed: number;
  /** A SQLite file, or a PostgreSQL database (`postgres://` or `postgresql://`). */
  database: DatabaseConfig;
  force: boolean;
}

/** An argument of seed:synthetic that cannot be used: the message says what was expected and what was received. */
export class SeedArgsError extends Error {
  readonly code = 'INVALID_ARGUMENT';
}

/** Where `database` is, for messages: the file, or the URL without its password. */
function where(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return database.path;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/**
 * `--scale N [--seed S] [--database PATH|URL] [--force]`; a bad value throws SeedArgsError.
 * `--database` is read as DATABASE_URL is: a postgres:// or postgresql:// URL, `sqlite:PATH` or
 * a path; any other scheme (`mysql://x`, `postgres:/oops`) is refused, never made a file's name.
 */
export function parseSeedArgs(argv: readonly string[], cwd = process.cwd()): SeedArgs {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const scale = Number(value('scale') ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new SeedArgsError(`--scale: expected a number above 0, at most 100; received "${value('scale')}"`);
  const seed = Number(value('seed') ?? '1');
  if (!Number.isInteger(seed) || seed < 0) throw new SeedArgsError(`--seed: expected a non-negative integer; received "${value('seed')}"`);
  const problems: string[] = [];
  const database = parseDatabaseUrl(value('database') ?? syntheticDatabasePath(scale), cwd, problems, '--database');
  if (!database) throw new SeedArgsError(problems.join('; '));
  const force = argv.includes('--force');
  if (force && database.kind === 'postgres') {
    throw new SeedArgsError(`--force: expected a SQLite file to replace; received a PostgreSQL database (${where(database)}): give an empty database or schema instead`);
  }
  return { scale, seed, database, force };
}

/**
 * Writes a synthetic database at `args.database`, migrated as the server migrates it: refuses
 * the real data set's file, and a database that already holds data unless `force` (SQLite only:
 * the file is deleted first). Resolves with the counts written.
 */
export async function seedSyntheticDatabase(args: SeedArgs, progress = true): Promise<SyntheticCounts> {
  const target = args.database;
  if (target.kind === 'sqlite' && target.path === REAL_DATABASE) {
    throw new SeedArgsError(`--database: expected a database of its own for synthetic data; received ${target.path}, the real data set's file`);
  }
  if (target.kind === 'sqlite' && fs.existsSync(target.path) && args.force) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target.path + suffix, { force: true });
  }
  const database = await openDatabase(target, { entities: ENTITIES });
  try {
    if (!(await isEmpty(database.dataSource))) {
      throw new SeedArgsError(`--database: expected an empty database; received ${where(target)}, which already holds data${target.kind === 'sqlite' ? ' (pass --force to replace it)' : ''}`);
    }
    const started = Date.now();
    const counts = await generateSynthetic(database, { scale: args.scale, seed: args.seed, progress });
    const summary = Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(', ');
    if (progress) console.error(`${where(target)}: ${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return counts;
  } finally {
    await database.close();
  }
}

/** seedSyntheticDatabase into the SQLite file `args.database` (what the benchmarks generate). */
export async function seedSyntheticFile(args: Omit<SeedArgs, 'database'> & { database: string }, progress = true): Promise<void> {
  await seedSyntheticDatabase({ ...args, database: { kind: 'sqlite', path: path.resolve(args.database) } }, progress);
}

if (require.main === module) {
  Promise.resolve()
    .then(() => seedSyntheticDatabase(parseSeedArgs(process.argv.slice(2))))
    .catch((error: Error & { code?: string }) => {
      console.error(`seed:synthetic failed: ${error.code ? `${error.code}: ` : ''}${error.message}`);
      process.exitCode = 1;
    });
}
