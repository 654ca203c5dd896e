import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { WAITING_FOR_SET_UP, setUpStages } from './set-up';
import { ANALYZE_AFTER_RECORDS, type ImportSource, analyzeImported, importRecords } from './modules/writes/write-import';
import { followWrites, rebuildAfterWritesNow } from './derived-data';
import { publishRecords } from './modules/writes/write-publish';
import { runAsMain, stdoutLine } from './shared/cli-main';

const USAGE = `Usage: npm run --silent import -- FILE... --actor NAME [--dry-run] [--publish]
  FILE       records in the seed files' format (YAML or JSON): a list named by its file (forums.yaml),
             or a mapping from kinds (forums, sessions, ...) to lists
  --actor    the name every revision gives as who made the change
  --dry-run  validate and count what would be created, updated or left unchanged; write nothing
  --publish  publish what was imported, in the same run
The database is the server's: DATABASE_URL (default ./data/graph.sqlite). All or nothing.`;

/** A progress bar on stderr, redrawn at most every 100 ms. */
function progressBar(write: (text: string) => void): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} records${done === total ? '\n' : ''}`);
  };
}

/** The waits before the second and later attempts of the rebuild after an import, when the database is busy. */
export const REFRESH_RETRY_MS: readonly number[] = [250, 1_000, 4_000];

/** An error of a database busy with another connection's write (SQLite), or of a lock or serialization conflict (PostgreSQL). */
function isBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return ['SQLITE_BUSY', 'SQLITE_LOCKED', '40001', '40P01', '55P03'].includes(String(code)) || /SQLITE_BUSY|SQLITE_LOCKED|database is locked/.test(String(message));
}

/**
 * The work after an import's commit: rebuilding the summaries and search top lists it made stale.
 * Never a failure of the import, which is committed: a database busy with the server's writes is
 * retried after each wait of `retryMs` (each attempt also waits out the busy timeout); where the
 * rebuild still fails, the warning says so (the import's transaction marked them stale, so
 * readers compute live, with the same answers, until the server's next write or another import
 * rebuilds them). Resolves with that warning, or null once rebuilt.
 */
export async function refreshAfterImport(steps: readonly (() => Promise<void>)[], err: (text: string) => void, retryMs: readonly number[] = REFRESH_RETRY_MS): Promise<string | null> {
  const failures: string[] = [];
  for (const step of steps) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await step();
        break;
      } catch (error) {
        const message = (error as Error).message;
        if (!isBusy(error) || attempt >= retryMs.length) {
          failures.push(message);
          break;
        }
        err(`The database is busy (${message}); rebuilding the summaries again in ${retryMs[attempt]} ms.\n`);
        await new Promise((resolve) => setTimeout(resolve, retryMs[attempt]));
      }
    }
  }
  if (failures.length === 0) return null;
  return `Warning: the import is committed, but the summaries and search top lists were not rebuilt (${failures.join('; ')}); readers compute them live until the server's next write or another import rebuilds them.`;
}

/** `npm run import -- FILE...`: the operator's import, straight into DATABASE_URL. Resolves with the exit code. */
export async function runImportCli(
  argv: readonly string[],
  out: (line: string) => void,
  err: (text: string) => void,
  options: { refreshRetryMs?: readonly number[] } = {},
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { actor: { type: 'string' }, 'dry-run': { type: 'boolean' }, publish: { type: 'boolean' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const files = parsed.positionals;
  const { actor } = parsed.values;
  if (files.length === 0 || !actor) {
    err(`Expected at least one FILE and --actor NAME; received ${JSON.stringify(argv.join(' '))}.\n${USAGE}\n`);
    return 2;
  }
  const sources: ImportSource[] = [];
  for (const file of files) {
    try {
      sources.push({ name: file, format: /\.json$/i.test(file) ? 'JSON' : 'YAML', text: fs.readFileSync(file, 'utf8') });
    } catch (error) {
      err(`${file}: cannot be read: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const config = loadConfig();
  const { published, draft } = await setUpStages(config.database, { onWait: () => err(`${WAITING_FOR_SET_UP}\n`) });
  try {
    const scope = { published, draft, actor, events: followWrites() };
    const result = await importRecords(scope, sources, { dryRun: parsed.values['dry-run'] ?? false, path: [], onProgress: progressBar(err) });
    if (result.userErrors.length > 0) {
      for (const e of result.userErrors) err(`${e.code}: ${e.message}\n`);
      err('Nothing was written.\n');
      return 1;
    }
    if (!result.dryRun && parsed.values.publish && result.written.length > 0) {
      // The drafts are committed: a publish that fails says so, whatever it failed on.
      const problems = await publishRecords(scope, result.written).then(
        (answer) => answer.userErrors.map((e) => `${e.code}: ${e.message}`),
        (error: Error) => [`the publish failed: ${error.message}`],
      );
      if (problems.length > 0) {
        for (const problem of problems) err(`${problem}\n`);
        err('Imported as drafts, but not published.\n');
        return 1;
      }
      if (result.written.length >= ANALYZE_AFTER_RECORDS) await analyzeImported(published, published, result.counts.map((c) => c.type));
    }
    for (const c of result.counts) out(`${c.type}\tcreated ${c.created}\tupdated ${c.updated}\tunchanged ${c.unchanged}`);
    out(result.dryRun ? 'Dry run: nothing was written.' : parsed.values.publish ? 'Imported and published.' : 'Imported as drafts.');
    if (result.dryRun) return 0;
    const steps = [() => rebuildAfterWritesNow(draft, published), ...(parsed.values.publish ? [() => rebuildAfterWritesNow(published, published)] : [])];
    const warning = await refreshAfterImport(steps, err, options.refreshRetryMs);
    if (warning) err(`${warning}\n`);
    return 0;
  } finally {
    await draft.close();
    await published.close();
  }
}

if (require.main === module) runAsMain('import', () => runImportCli(process.argv.slice(2), stdoutLine, (text) => process.stderr.write(text)));
