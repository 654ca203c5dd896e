import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { projectPath } from '../src/shared/paths';

/** The production server, running as a child process on a port of its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawn to the first answered GraphQL request, in ms. */
  startupMs: number;
  /** Resident memory of the server process, in bytes (from /proc). */
  rss(): number | null;
  /** How the process ended, with the end of what it wrote to stderr; null while it runs. */
  exit(): string | null;
  stop(): Promise<void>;
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** POSTs `body` to `url`; resolves with the status and the text. */
export async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

/**
 * The Node flags of `npm start` (package.json), so the server measured runs as the README starts
 * it: e.g. `--max-old-space-size=192`, which keeps V8 from growing its heap far past what is live.
 */
export function productionNodeFlags(): string[] {
  const packageJson = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { scripts: { start: string } };
  const words = packageJson.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') throw new Error(`package.json start: expected "node [flags] dist/src/main.js"; received "${packageJson.scripts.start}"`);
  return words.slice(1, -1);
}

/**
 * Starts `node <the flags of npm start> dist/src/main.js` (NODE_ENV=production, rate limit off) on `database`, with `env`
 * added, and waits until it answers `{ __typename }`. Its log goes nowhere: the bench measures
 * the server, not a terminal.
 */
export async function startServer(database: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  return spawnServer([...productionNodeFlags(), ...nodeArgs, projectPath('dist', 'src', 'main.js')], port, {
    NODE_ENV: 'production',
    RATE_LIMIT_POINTS: '0',
    GRAPH_DEBUG: '0',
    DATABASE_URL: database,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
}

/**
 * Spawns `node <args>` with `env` added to this process's, expecting a GraphQL server at
 * http://127.0.0.1:<port>/graphql, and waits (up to 60 s) until it answers `{ __typename }`.
 */
export async function spawnServer(args: readonly string[], port: number, env: Record<string, string>): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { cwd: projectPath(), env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let startupMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start (code ${child.exitCode}): ${stderr.trim()}`);
    try {
      const { status } = await post(url, '{"query":"{ __typename }"}');
      if (status === 200) {
        startupMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 60 s: ${stderr.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    startupMs,
    rss() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const match = /VmRSS:\s+(\d+) kB/.exec(status);
        return match ? Number(match[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    exit() {
      if (child.exitCode === null && child.signalCode === null) return null;
      return `exit code ${child.exitCode}, signal ${child.signalCode}: ${stderr.slice(-2000).trim()}`;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
