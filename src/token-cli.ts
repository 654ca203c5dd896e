import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { WAITING_FOR_SET_UP, setUpPublished } from './set-up';
import { createToken, listTokens, revokeToken } from './modules/auth/auth.tokens';
import { runAsMain, stderrLine, stdoutLine } from './shared/cli-main';

const USAGE = `Usage:
  npm run --silent token -- create --name NAME --role READER|EDITOR|PUBLISHER|ADMIN   prints the token alone on one line
  npm run --silent token -- list                                                     name, role, created, revoked
  npm run --silent token -- revoke --name NAME                                       refused from the next request on
The database is the server's: DATABASE_URL (default ./data/graph.sqlite).`;

/** `npm run token -- create|list|revoke`: the operator's tool for API tokens. Resolves with the exit code. */
export async function runTokenCli(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { name, role } = parsed.values;
  const valid =
    rest.length === 0 &&
    ((command === 'create' && name !== undefined && role !== undefined) || (command === 'revoke' && name !== undefined && role === undefined) || (command === 'list' && name === undefined && role === undefined));
  if (!valid) {
    err(`Expected create --name --role, list, or revoke --name; received ${JSON.stringify(argv.join(' '))}.\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const database = await setUpPublished(config.database, { onWait: () => err(WAITING_FOR_SET_UP) });
  try {
    if (command === 'create') {
      out(await createToken(database.dataSource, database.dialect, name!, role!));
    } else if (command === 'revoke') {
      if (!(await revokeToken(database.dataSource, database.dialect, name!))) {
        err(`No live token is named ${JSON.stringify(name)}.`);
        return 1;
      }
      err(`Revoked "${name}": it is refused from the next request on.`);
    } else {
      for (const t of await listTokens(database.dataSource)) out([t.name, t.role, t.createdAt, t.revokedAt ? `revoked ${t.revokedAt}` : 'live'].join('\t'));
    }
    return 0;
  } catch (error) {
    err((error as Error).message);
    return 1;
  } finally {
    await database.close();
  }
}

if (require.main === module) runAsMain('token', () => runTokenCli(process.argv.slice(2), stdoutLine, stderrLine));
