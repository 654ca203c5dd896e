import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { projectPath } from '../src/shared/paths';
import { type LoadResult, measure } from './load';
import { TYPENAME } from './queries';
import { freePort, startServer } from './server-process';
import { seedSyntheticFile, syntheticDatabasePath } from './seed-synthetic';

/*
 * Where the per-request floor is (issue 27): `npm run bench:floor -- [--rounds 2] [--duration 6]`
 * measures `{ __typename }` (wrk, one thread, 50 connections, after a warm-up) on each layer
 * alone (bench/floor-layer-server.ts: Node's HTTP server, Express with its JSON body parser,
 * Apollo Server on Node's HTTP server, Apollo through its Express integration) and on this
 * server (production settings, the synthetic scale-0.01 file), alternating them round by round.
 * It prints each one's median req/s and p50/p99, and each as a share of Node's own.
 */

const LAYERS = ['node', 'express', 'apollo-node', 'apollo-express'] as const;

function argument(name: string, fallback: number): number {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  const n = i === -1 ? fallback : Number(argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number; received "${argv[i + 1]}"`);
  return n;
}

async function layerServer(layer: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [projectPath('dist', 'bench', 'floor-layer-server.js'), layer, String(port)], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let tries = 0; ; tries++) {
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      break;
    } catch (error) {
      if (tries > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const rounds = argument('rounds', 2);
  const options = { connections: 50, durationSeconds: argument('duration', 6), warmupSeconds: 2 };
  const database = syntheticDatabasePath(0.01);
  if (!fs.existsSync(database)) await seedSyntheticFile({ scale: 0.01, seed: 1, database, force: false });
  const results = new Map<string, LoadResult[]>();
  const record = (name: string, result: LoadResult) => {
    results.set(name, [...(results.get(name) ?? []), result]);
    process.stderr.write(`[floor] ${name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms\n`);
  };
  for (let round = 0; round < rounds; round++) {
    for (const layer of LAYERS) {
      const server = await layerServer(layer);
      try {
        record(layer, await measure(server.url, TYPENAME, options));
      } finally {
        await server.stop();
      }
    }
    const ours = await startServer(database);
    try {
      record('this server', await measure(ours.url, TYPENAME, options));
    } finally {
      await ours.stop();
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const node = median(results.get('node')!.map((r) => r.rps));
  console.log('\n| layer alone, `{ __typename }` | req/s (median) | p50 / p99 ms | share of Node alone |\n| --- | ---: | ---: | ---: |');
  for (const [name, list] of results) {
    const rps = median(list.map((r) => r.rps));
    console.log(`| ${name} | ${rps.toFixed(0)} | ${median(list.map((r) => r.p50)).toFixed(1)} / ${median(list.map((r) => r.p99)).toFixed(1)} | ${((100 * rps) / node).toFixed(0)}% |`);
  }
}

main().catch((error: Error) => {
  console.error(`bench:floor failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
