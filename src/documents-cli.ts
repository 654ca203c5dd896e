import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { WAITING_FOR_SET_UP, setUpPublished } from './set-up';
import { DocumentsRefusedError, listApps, readManifest, registerDocuments, retireDocuments } from './modules/documents/documents.registry';
import { createSchema } from './schema';
import { runAsMain, stderrLine, stdoutLine } from './shared/cli-main';

const USAGE = `Usage:
  npm run --silent documents -- register MANIFEST --app NAME --version V   registers the manifest's documents (all or none)
  npm run --silent documents -- retire --app NAME --version V              retires that app version's documents
  npm run --silent documents -- list                                       app, version, live, retired, last used
MANIFEST is GraphQL Code Generator's persisted-documents.json (client preset, persistedDocuments: true):
a JSON object from each document's SHA-256 (hex) to its text.
The database is the server's: DATABASE_URL (default ./data/graph.sqlite).`;

/** `npm run documents -- register|retire|list`: the operator's tool for trusted documents. Resolves with the exit code. */
export async function runDocumentsCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { app: { type: 'string' }, version: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { app, version } = parsed.values;
  const named = app !== undefined && version !== undefined;
  const valid =
    (command === 'register' && rest.length === 1 && named) || (command === 'retire' && rest.length === 0 && named) || (command === 'list' && rest.length === 0 && app === undefined && version === undefined);
  if (!valid) {
    err(`Expected register MANIFEST --app --version, retire --app --version, or list; received ${JSON.stringify(argv.join(' '))}.\n${USAGE}`);
    return 2;
  }
  let manifest: Record<string, unknown> | null = null;
  if (command === 'register') {
    try {
      manifest = readManifest(fs.readFileSync(rest[0], 'utf8'));
    } catch (error) {
      err(`${rest[0]}: ${(error as Error).message}`);
      return 1;
    }
  }
  const config = loadConfig(env);
  const database = await setUpPublished(config.database, { onWait: () => err(WAITING_FOR_SET_UP) });
  try {
    if (command === 'register') {
      const registration = await registerDocuments(database.dataSource, database.dialect, await createSchema(), { app: app!, version: version!, manifest: manifest! });
      for (const id of registration.ids) out(id);
      err(`Registered ${registration.ids.length} documents for ${app} ${version} (${registration.added} new).`);
    } else if (command === 'retire') {
      const ids = await retireDocuments(database.dataSource, database.dialect, app!, version!);
      for (const id of ids) out(id);
      err(ids.length > 0 ? `Retired ${ids.length} documents of ${app} ${version}: unknown from then on, unless another live version has them.` : `${app} ${version} has no live documents.`);
    } else {
      for (const a of await listApps(database.dataSource)) out([a.app, a.version, `${a.live} live`, `${a.retired} retired`, a.lastUsedAt ? `last used ${a.lastUsedAt}` : 'never used'].join('\t'));
    }
    return 0;
  } catch (error) {
    if (error instanceof DocumentsRefusedError) {
      err(`${error.failures.length} documents cannot be registered, so none was:`);
      for (const failure of error.failures) err(`  ${failure.hash}: ${failure.message}`);
    } else {
      err((error as Error).message);
    }
    return 1;
  } finally {
    await database.close();
  }
}

if (require.main === module) runAsMain('documents', () => runDocumentsCli(process.argv.slice(2), stdoutLine, stderrLine));
