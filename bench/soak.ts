import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { createToken } from '../src/modules/auth/auth.tokens';
import { projectPath } from '../src/shared/paths';
import type { HostileRun } from './flood-client';
import { MORE_SHAPES, TABLE_SHAPES } from './hostile';
import { BENCH_QUERIES, requestBody } from './queries';
import { seedSyntheticFile, syntheticDatabasePath } from './seed-synthetic';
import { startServer } from './server-process';

/**
 * `npm run soak`: minutes of the benchmark's mixed load plus a stream of hostile requests against
 * the production server on a synthetic database. It passes when no request got a 5xx and resident
 * memory did not grow (second half of the run against the first); it prints the figures and,
 * unless --ci, writes them into BENCHMARKS.md between the soak markers.
 */

interface SoakArgs {
  minutes: number;
  scale: number;
  connections: number;
  ci: boolean;
}

function parseArgs(argv: readonly string[]): SoakArgs {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const ci = argv.includes('--ci');
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name}: expected a positive number; received "${raw}"`);
    return parsed;
  };
  return { minutes: number('minutes', ci ? 0.2 : 10), scale: number('scale', ci ? 0.01 : 1), connections: number('connections', 20), ci };
}

/** Requests a hostile client sends; each must get a 4xx (or a 200 with a coded error), never a 5xx. */
const HOSTILE: { name: string; body: string | Buffer; contentType?: string }[] = [
  { name: 'cost bomb', body: JSON.stringify({ query: '{ forums(first: 100) { nodes { sessions(first: 100) { nodes { speakers(first: 100) { nodes { fullName } } } } } } }' }) },
  { name: 'depth bomb', body: JSON.stringify({ query: `{ sessions(first: 1) { nodes { ${'parent { children { nodes { '.repeat(8)}title${' } } }'.repeat(8)} } } }` }) },
  { name: 'alias bomb', body: JSON.stringify({ query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: __typename`).join(' ')} }` }) },
  { name: 'circular fragments', body: JSON.stringify({ query: 'query { forums { nodes { ...A } } } fragment A on Forum { ...B } fragment B on Forum { ...A }' }) },
  { name: 'malformed JSON', body: '{"query": "{ forums { totalCount } }"' },
  { name: 'invalid UTF-8', body: Buffer.from([0x7b, 0x22, 0x71, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { name: 'wrong content type', body: JSON.stringify({ query: '{ __typename }' }), contentType: 'text/plain' },
  { name: 'unknown operation', body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }) },
  { name: 'SQL in a filter', body: JSON.stringify({ query: `{ regions(where: { name: { contains: "' OR 1=1 --%_\\\\" } }) { totalCount } }` }) },
  { name: 'bad ID', body: JSON.stringify({ query: '{ node(id: "not-an-id") { id } }' }) },
  { name: 'huge variables', body: JSON.stringify({ query: 'query($s: String!) { regions(where: { name: { contains: $s } }) { totalCount } }', variables: { s: 'я'.repeat(50_000) } }) },
  { name: 'search syntax', body: JSON.stringify({ query: '{ search(query: "NEAR(((\\"*^:&|! кадр*", first: 5) { totalCount } }' }) },
  ...[...TABLE_SHAPES, ...MORE_SHAPES].map((shape) => ({ name: shape.name, body: JSON.stringify({ query: shape.query, variables: shape.variables }) })),
];

async function hostileLoop(url: string, until: number): Promise<Map<string, Map<number, number>>> {
  const statuses = new Map<string, Map<number, number>>();
  let i = 0;
  while (Date.now() < until) {
    const request = HOSTILE[i++ % HOSTILE.length];
    let status = 0;
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': request.contentType ?? 'application/json' }, body: request.body });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    const counts = statuses.get(request.name) ?? new Map<number, number>();
    counts.set(status, (counts.get(status) ?? 0) + 1);
    statuses.set(request.name, counts);
  }
  return statuses;
}

/** The normal load of the flood test: the benchmark mix at a steady rate, well below saturation. */
const FLOOD_NORMAL_RATE = 100;
const FLOOD_CONNECTIONS = 4;
/** The rate limit of the flood's second run: the normal mix fits, the flooder's refusals do not. */
const FLOOD_LIMIT = { points: 2_000_000, seconds: 10 };

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

interface FloodRun {
  alone: autocannon.Result;
  flooded: autocannon.Result;
  hostile: HostileRun;
}

/** The keys the flood's two clients send as X-API-Key: issued by the server, so a rate limit counts them apart. */
interface FloodKeys {
  normal: string;
  hostile: string;
}

/** Issues the flood's two keys (READER tokens, named after this run) in the database the servers will open. */
async function issueFloodKeys(database: string): Promise<FloodKeys> {
  const db = await openDatabase({ kind: 'sqlite', path: database }, { entities: ENTITIES });
  try {
    const run = `${process.pid}-${Date.now()}`;
    return {
      normal: await createToken(db.dataSource, db.dialect, `soak-normal-${run}`, 'READER'),
      hostile: await createToken(db.dataSource, db.dialect, `soak-hostile-${run}`, 'READER'),
    };
  } finally {
    await db.close();
  }
}

/** Runs bench/flood-client.ts in a process of its own and resolves with what it printed. */
function hostileClient(url: string, seconds: number, key: string): Promise<HostileRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'flood-client.js'), url, String(seconds), String(FLOOD_CONNECTIONS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, FLOOD_API_KEY: key },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`flood-client exited with ${code}`));
      resolve(JSON.parse(out) as HostileRun);
    });
  });
}

/**
 * The flood test: the benchmark mix at a steady rate from one client, alone, then beside a
 * hostile client (bench/flood-client.ts, a process of its own) sending the hostile shapes as fast
 * as its connections allow, each made new so that no verdict is kept for it. The two clients send keys
 * the server issued (X-API-Key), so that a rate limit counts them apart. Returns the normal queries' latencies without
 * and with the flood.
 */
async function flood(url: string, seconds: number, keys: FloodKeys): Promise<FloodRun> {
  const normal = (): autocannon.Options => ({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys.normal },
    connections: FLOOD_CONNECTIONS,
    overallRate: FLOOD_NORMAL_RATE,
    duration: seconds,
    requests: BENCH_QUERIES.map((query) => ({ method: 'POST', body: requestBody(query) })),
  });
  const alone = await run(normal());
  const [flooded, hostile] = await Promise.all([run(normal()), hostileClient(url, seconds, keys.hostile)]);
  return { alone, flooded, hostile };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const database = syntheticDatabasePath(args.scale);
  if (!fs.existsSync(database)) await seedSyntheticFile({ scale: args.scale, seed: 1, database, force: false });
  const keys = await issueFloodKeys(database);
  const server = await startServer(database);
  const seconds = Math.round(args.minutes * 60);
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const rss = server.rss();
    if (rss !== null) samples.push(rss / 2 ** 20);
  }, 1000);
  try {
    const floodSeconds = args.ci ? 3 : 60;
    // Twice: with the rate limit off, the flood never throttled (reported); then with a rate
    // limit the normal client's mix fits in (the default's 100,000 points a minute do not hold
    // 100 req/s of it), which charges each refusal and then refuses the flooder at once until
    // its window resets: the server's defence, judged.
    const unlimited = await flood(server.url, floodSeconds, keys);
    const limitedServer = await startServer(database, { RATE_LIMIT_POINTS: String(FLOOD_LIMIT.points), RATE_LIMIT_WINDOW_SECONDS: String(FLOOD_LIMIT.seconds) });
    const limited = await flood(limitedServer.url, floodSeconds, keys).finally(() => limitedServer.stop());
    // Memory is judged over the soak's own run, after the floods (and their second server).
    samples.length = 0;
    const until = Date.now() + seconds * 1000;
    const [mix, hostile] = await Promise.all([
      new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          {
            url: server.url,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            connections: args.connections,
            duration: seconds,
            requests: BENCH_QUERIES.map((query) => ({ method: 'POST', body: requestBody(query) })),
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        ),
      ),
      hostileLoop(server.url, until),
    ]);
    clearInterval(sampler);
    // Growth while the server warms up (JIT, caches, pools) is not a leak: the first quarter of
    // the run (at least 10 s) is left out, and runs shorter than two minutes are not judged on it.
    const warm = samples.slice(Math.max(10, Math.floor(samples.length / 4)));
    const half = Math.floor(warm.length / 2);
    const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
    const first = mean(warm.slice(0, half));
    const second = mean(warm.slice(half));
    const judged = seconds >= MIN_JUDGED_SECONDS;
    const fiveXX = floodRunFiveXX(unlimited) + floodRunFiveXX(limited) + mix['5xx'] + [...hostile.values()].reduce((n, counts) => n + [...counts].filter(([s]) => s >= 500).reduce((m, [, c]) => m + c, 0), 0);
    const dropped = [...hostile.values()].reduce((n, counts) => n + (counts.get(0) ?? 0), 0) + mix.errors;
    const grew = judged && second > first * 1.1 + 10;
    const ratio = (run: FloodRun) => run.flooded.latency.p99 / Math.max(run.alone.latency.p99, 1);
    // The tiny CI run is too short to judge a p99 on; it still counts the flood's 5xx. The target
    // is judged with the default rate limit, the server as it runs; the run without is reported.
    // A normal query the rate limit refused would be a fast answer that flatters the p99.
    const normalRefused = unlimited.alone.non2xx + unlimited.flooded.non2xx + limited.alone.non2xx + limited.flooded.non2xx;
    const floodHeld = normalRefused === 0 && (args.ci || ratio(limited) <= 2);
    const floodRow = (name: string, run: FloodRun) =>
      `| ${name} | ${run.alone.requests.total} (non-2xx ${run.alone.non2xx}) | ${run.alone.latency.p50} / ${run.alone.latency.p99} ms | ${run.flooded.requests.total} (non-2xx ${run.flooded.non2xx}) | ${run.flooded.latency.p50} / ${run.flooded.latency.p99} ms | ${ratio(run).toFixed(2)} | ${run.hostile.requests.total} (${Math.round(run.hostile.requests.average)} req/s; 4xx ${run.hostile['4xx']}, 5xx ${run.hostile['5xx']}) |`;
    const lines = [
      `Soak: ${seconds} s, scale ${args.scale}, ${args.connections} connections of the benchmark mix plus one hostile client, on ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
      `Command: \`npm run soak -- --minutes ${args.minutes} --scale ${args.scale}\``,
      '',
      `| | figure |`,
      `| --- | --- |`,
      `| mixed requests | ${mix.requests.total} (${Math.round(mix.requests.average)} req/s) |`,
      `| mixed latency p50 / p99 | ${mix.latency.p50} ms / ${mix.latency.p99} ms |`,
      `| hostile requests | ${[...hostile.values()].reduce((n, c) => n + [...c.values()].reduce((a, b) => a + b, 0), 0)} |`,
      `| 5xx answers | ${fiveXX} |`,
      `| connection errors | ${dropped} |`,
      `| RSS after warm-up, first half / second half / max | ${first.toFixed(1)} MB / ${second.toFixed(1)} MB / ${Math.max(0, ...samples).toFixed(1)} MB |`,
      '',
      `Flood: the benchmark mix at ${FLOOD_NORMAL_RATE} req/s from ${FLOOD_CONNECTIONS} connections, ${floodSeconds} s alone, then ${floodSeconds} s beside a hostile client on ${FLOOD_CONNECTIONS} connections (every hostile shape, each made new), each client with an API key of its own.`,
      '',
      `| rate limit | alone: requests | alone: p50 / p99 | flooded: requests | flooded: p50 / p99 | p99 flooded / alone | hostile requests answered |`,
      `| --- | ---: | ---: | ---: | ---: | ---: | --- |`,
      floodRow('off', unlimited),
      floodRow(`${FLOOD_LIMIT.points.toLocaleString('en')} points per ${FLOOD_LIMIT.seconds} s`, limited),
      '',
      `p99 during the flood / alone, with the rate limit: ${ratio(limited).toFixed(2)} (target ≤ 2${args.ci ? '; not judged in the CI run' : ''}); with the rate limit off: ${ratio(unlimited).toFixed(2)}.`,
      '',
      `Hostile answers by status: ${[...hostile].map(([name, counts]) => `${name}: ${[...counts].map(([s, c]) => `${s}×${c}`).join(', ')}`).join('; ')}.`,
      '',
      `Verdict: ${fiveXX === 0 && dropped === 0 && !grew && floodHeld ? 'pass' : 'FAIL'} (no 5xx: ${fiveXX === 0}; no dropped connections: ${dropped === 0}; memory flat: ${judged ? !grew : 'not judged, run shorter than 2 minutes'}; flood p99 ≤ 2×: ${args.ci ? 'not judged' : floodHeld}; normal queries all 2xx: ${normalRefused === 0}).`,
    ];
    const report = lines.join('\n');
    console.log(report);
    if (!args.ci) writeSoakSection(report);
    if (fiveXX > 0 || dropped > 0 || grew || !floodHeld) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

function floodRunFiveXX(runs: FloodRun): number {
  return runs.alone['5xx'] + runs.flooded['5xx'] + runs.hostile['5xx'];
}

/** Shorter runs are too short to tell a leak from warm-up. */
const MIN_JUDGED_SECONDS = 120;

const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

function writeSoakSection(report: string): void {
  const file = projectPath('BENCHMARKS.md');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = `${START}\n## Soak\n\n${report}\n${END}`;
  const next = existing.includes(START)
    ? existing.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section)
    : `${existing.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  console.log(`Wrote the soak figures to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: Error) => {
  console.error(`soak: ${error.message}`);
  process.exitCode = 1;
});
