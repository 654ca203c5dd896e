import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/db/data-source';
import { isEmpty } from '../src/db/is-empty';
import { projectPath } from '../src/shared/paths';
import { generateSynthetic } from './synthetic';
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
  database: string;
  force: boolean;
}

/** `--scale N [--seed S] [--database PATH] [--force]`; a bad value throws with what was expected. */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const scale = Number(value('scale') ?? '1');
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new Error(`--scale: expected a number above 0, at most 100; received "${value('scale')}"`);
  const seed = Number(value('seed') ?? '1');
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: expected a non-negative integer; received "${value('seed')}"`);
  const database = path.resolve(value('database') ?? syntheticDatabasePath(scale));
  return { scale, seed, database, force: argv.includes('--force') };
}

/**
 * Writes a synthetic database at `args.database`: refuses the real data set's file, and a
 * database that already holds data unless `force` (which deletes the file first).
 */
export async function seedSyntheticFile(args: SeedArgs, progress = true): Promise<void> {
  if (path.resolve(args.database) === REAL_DATABASE) {
    throw new Error(`--database: ${args.database} is the real data set's file; synthetic data goes into a database of its own`);
  }
  if (fs.existsSync(args.database) && args.force) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.database + suffix, { force: true });
  }
  const database = await openDatabase({ kind: 'sqlite', path: args.database }, { entities: ENTITIES });
  try {
    if (!(await isEmpty(database.dataSource))) {
      throw new Error(`${args.database} already holds data; pass --force to replace it`);
    }
    const started = Date.now();
    const counts = await generateSynthetic(database, { scale: args.scale, seed: args.seed, progress });
    const summary = Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(', ');
    console.error(`${args.database}: ${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.dataSource.destroy();
  }
}

if (require.main === module) {
  seedSyntheticFile(parseSeedArgs(process.argv.slice(2))).catch((error: Error) => {
    console.error(`seed:synthetic failed: ${error.message}`);
    process.exitCode = 1;
  });
}
