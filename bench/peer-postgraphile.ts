import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Server, createServer } from 'node:http';
import path from 'node:path';
import { type ServerProcess, freePort, spawnServer } from './server-process';

/**
 * PostGraphile v5 (amber preset, the connection filter plugin), the peer the bench measures our
 * server beside on the same PostgreSQL database (`npm run bench -- --database postgres://… --peer
 * postgraphile`). A devDependency of the bench only; loaded in its own process, never by the server.
 */

/** The few parts of PostGraphile's API used here (loaded with require: its types need Node 22's module resolution). */
interface PostGraphileInstance {
  createServ(grafserv: unknown): { addTo(server: Server): Promise<void> | void; release(): Promise<void> | void };
  getSchema(): Promise<unknown> | unknown;
  release(): Promise<void> | void;
}

/** An error of the peer: the code says which step, the message what was expected and what was received. */
export class PeerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The preset: amber, the connection filter, the `public` schema, production settings (no GraphiQL, no watch, no explain, no websockets). */
function preset(database: string, port: number) {
  const load = createRequire(__filename);
  const { PostGraphileAmberPreset } = load('postgraphile/presets/amber') as { PostGraphileAmberPreset: unknown };
  const { PostGraphileConnectionFilterPreset } = load('postgraphile-plugin-connection-filter') as { PostGraphileConnectionFilterPreset: unknown };
  const { makePgService } = load('postgraphile/adaptors/pg') as { makePgService(options: Record<string, unknown>): unknown };
  return {
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    // pubsub off: no subscriptions are asked, so no LISTEN connection is held.
    pgServices: [makePgService({ connectionString: database, schemas: ['public'], pubsub: false })],
    grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
    grafast: { explain: false },
    // Order and filter by any column, as our server does (and as PostGraphile's V4 preset with
    // ignoreIndexes: false does): by default v5 offers only indexed columns, e.g. no session
    // order by date. The SQL is the same either way; only the schema offers more.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
  };
}

/** Loads PostGraphile with the bench's preset. */
function instance(database: string, port: number): PostGraphileInstance {
  const load = createRequire(__filename);
  const { postgraphile } = load('postgraphile') as { postgraphile(preset: unknown): PostGraphileInstance };
  return postgraphile(preset(database, port));
}

/** The child process: serves PostGraphile on PEER_DATABASE_URL at 127.0.0.1:PORT/graphql. */
async function serve(): Promise<void> {
  const database = process.env.PEER_DATABASE_URL ?? '';
  const port = Number(process.env.PORT);
  if (!/^postgres(ql)?:\/\//.test(database)) throw new PeerError('PEER_DATABASE', `PEER_DATABASE_URL: expected a postgres:// URL; received "${database}"`);
  if (!Number.isInteger(port) || port <= 0) throw new PeerError('PEER_PORT', `PORT: expected a port number; received "${process.env.PORT}"`);
  const pgl = instance(database, port);
  const load = createRequire(__filename);
  const { grafserv } = load('postgraphile/grafserv/node') as { grafserv: unknown };
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const stop = () => {
    server.close();
    void Promise.resolve(serv.release()).then(() => pgl.release());
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Prints the schema PostGraphile builds on `database` (SDL), to write the peer's queries against. */
export async function printPeerSchema(database: string): Promise<string> {
  const load = createRequire(__filename);
  const { printSchema } = load('postgraphile/graphql') as { printSchema(schema: unknown): string };
  const pgl = instance(database, 0);
  try {
    return printSchema(await pgl.getSchema());
  } finally {
    await pgl.release();
  }
}

/** Starts the peer as a child process (NODE_ENV=production, Promise.withResolvers preloaded) on a free port. */
export async function startPostGraphile(database: string): Promise<ServerProcess> {
  if (!/^postgres(ql)?:\/\//.test(database)) {
    throw new PeerError('PEER_DATABASE', `--peer postgraphile: expected --database postgres://…; received "${database}"`);
  }
  const port = await freePort();
  return spawnServer(['-r', path.join(__dirname, 'promise-with-resolvers.js'), __filename], port, {
    NODE_ENV: 'production',
    GRAPHILE_ENV: 'production',
    PEER_DATABASE_URL: database,
    PORT: String(port),
  });
}

if (require.main === module) {
  const schema = process.argv.indexOf('--print-schema');
  const run = schema === -1 ? serve() : printPeerSchema(process.argv[schema + 1] ?? '').then((sdl) => void process.stdout.write(`${sdl}\n`));
  run.catch((error: Error & { code?: string }) => {
    console.error(`peer postgraphile failed: ${error.code ? `${error.code}: ` : ''}${error.stack ?? error.message}`);
    process.exitCode = 1;
  });
}

/** `PostGraphile 5.1.5 (amber, postgraphile-plugin-connection-filter 4.0.1)`, from the installed packages. */
export function peerVersion(): string {
  const load = createRequire(__filename);
  // postgraphile's exports map hides its package.json: walk up from its entry point.
  const version = (name: string) => {
    for (let dir = path.dirname(load.resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      const json = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string }) : null;
      if (json?.name === name) return json.version;
    }
    return 'unknown';
  };
  return `PostGraphile ${version('postgraphile')} (amber preset, postgraphile-plugin-connection-filter ${version('postgraphile-plugin-connection-filter')}, index behaviours off, NODE_ENV=production)`;
}
