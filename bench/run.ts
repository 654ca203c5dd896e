import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/shared/paths';
import { type LoadOptions, type LoadResult, checkedBody, measure, mixedLoad } from './load';
import { PEER_QUERIES, answerValues } from './peer-queries';
import { peerVersion, startPostGraphile } from './peer-postgraphile';
import { cpuWindow, databaseName } from './proc-cpu';
import { BENCH_QUERIES, type BenchQuery, TRUSTED_FORUM_PAGE, TYPENAME, requestBody } from './queries';
import { registerBenchDocuments } from './trusted';
import { openDatabase } from '../src/db/data-source';
import { isEmpty } from '../src/db/is-empty';
import { ENTITIES } from '../src/entities';
import type { ServerProcess } from './server-process';
import { type BenchRun, type PeerRun, type PeerSide, PEER_BLOCK, markdown, peerMarkdown, peerRatioTable, table, checks, updateBenchmarks, writeLines } from './report';
import { writeMix } from './write-mix';
import { parseSeedArgs, seedSyntheticDatabase, seedSyntheticFile, syntheticDatabasePath } from './seed-synthetic';
import { post, startServer } from './server-process';

interface RunArgs {
  scale: number;
  database: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  mixedSeconds: number;
  write: boolean;
  /** Seconds of each phase of the write mix; 0 leaves it out. */
  writeMixSeconds: number;
  cached: boolean;
  /** Extra environment for the server, e.g. SQLITE_DRIVER=better-sqlite3 (KEY=VALUE, repeatable). */
  env: Record<string, string>;
  only: string[] | null;
  /** `--peer postgraphile`: only the side-by-side run, ours and PostGraphile on the same PostgreSQL database. */
  peer: 'postgraphile' | null;
  /** Rounds of the side-by-side run. */
  rounds: number;
}

/** A bad argument of the bench: the message says what was expected and what was received. */
class BenchArgsError extends Error {
  readonly code = 'INVALID_ARGUMENT';
}

const isPostgresUrl = (database: string) => /^postgres(ql)?:\/\//.test(database);

function parseArgs(argv: readonly string[]): RunArgs {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new BenchArgsError(`--${name}: expected a non-negative number; received "${raw}"`);
    return n;
  };
  const ci = argv.includes('--ci');
  const scale = number('scale', ci ? 0.01 : 1);
  const env: Record<string, string> = {};
  argv.forEach((arg, i) => {
    if (arg !== '--env') return;
    const [key, ...rest] = (argv[i + 1] ?? '').split('=');
    env[key] = rest.join('=');
  });
  const peer = value('peer');
  if (peer !== undefined && peer !== 'postgraphile') throw new BenchArgsError(`--peer: expected "postgraphile"; received "${peer}"`);
  const database = value('database') ?? syntheticDatabasePath(scale);
  if (peer && !isPostgresUrl(database)) throw new BenchArgsError(`--peer postgraphile: expected --database postgres://…; received "${database}"`);
  return {
    scale,
    // A PostgreSQL URL as given; a SQLite file resolved from here.
    database: isPostgresUrl(database) ? database : path.resolve(database),
    durationSeconds: number('duration', ci ? 2 : 10),
    warmupSeconds: number('warmup', ci ? 0.5 : 3),
    connections: number('connections', 50),
    mixedSeconds: number('mixed', ci ? 3 : 120),
    // The "Latest run" block is a whole run's: a partial one (`--only`) never replaces it.
    write: !ci && !argv.includes('--no-write') && value('only') === undefined,
    writeMixSeconds: number('write-mix', ci ? 2 : 20),
    cached: !argv.includes('--no-cached'),
    env,
    only: value('only')?.split(',') ?? null,
    peer: peer ?? null,
    rounds: number('rounds', 3),
  };
}

/** The SQL statements each query runs, from a separate server with GRAPH_DEBUG on (not the one measured). */
async function probeStatements(database: string, queries: readonly BenchQuery[], env: Record<string, string>): Promise<Record<string, number>> {
  const server = await startServer(database, { ...env, GRAPH_DEBUG: '1' });
  try {
    const statements: Record<string, number> = {};
    for (const query of queries) {
      const { text } = await post(server.url, requestBody(query));
      const parsed = JSON.parse(text) as { errors?: unknown[]; extensions?: { sql?: { statements: number } } };
      if (parsed.errors) throw new Error(`${query.name}: ${JSON.stringify(parsed.errors)}`);
      statements[query.name] = parsed.extensions?.sql?.statements ?? 0;
    }
    return statements;
  } finally {
    await server.stop();
  }
}

/**
 * One server, the mix under load, with `{ __typename }` (the floor) measured before the first
 * query and after each: a query's share is of the mean of the two floor runs beside it, so a
 * machine whose speed drifts during the run (this one's does, by tens of percent over minutes)
 * compares each query with the floor of its own minutes. The floor's row gives the means of its runs.
 */
async function phase(label: string, database: string, queries: readonly BenchQuery[], options: LoadOptions, env: Record<string, string>) {
  const server = await startServer(database, env);
  const results: Record<string, LoadResult> = {};
  const run = async (query: BenchQuery) => {
    process.stderr.write(`[bench] ${label}: ${query.name} ...`);
    const r = await measure(server.url, query, options);
    process.stderr.write(` ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}\n`);
    return r;
  };
  try {
    const floors = [await run(TYPENAME)];
    for (const query of queries) {
      const result = await run(query);
      floors.push(await run(TYPENAME));
      result.floor = (floors[floors.length - 2].rps + floors[floors.length - 1].rps) / 2;
      results[query.name] = result;
    }
    const mean = (pick: (r: LoadResult) => number) => floors.reduce((sum, r) => sum + pick(r), 0) / floors.length;
    results[TYPENAME.name] = {
      rps: mean((r) => r.rps),
      p50: mean((r) => r.p50),
      p99: mean((r) => r.p99),
      requests: floors.reduce((sum, r) => sum + r.requests, 0),
      errors: floors.reduce((sum, r) => sum + r.errors, 0),
      bytes: floors[0].bytes,
      runs: floors.map((r) => r.rps),
    };
    return { results, server };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The database without its password, for messages and BENCHMARKS.md. */
function shown(database: string): string {
  if (!isPostgresUrl(database)) return path.relative(projectPath(), database);
  const url = new URL(database);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Generates synthetic data at scale `args.scale` where the database has none (a missing file, an empty PostgreSQL database). */
async function ensureData(args: RunArgs): Promise<void> {
  if (!isPostgresUrl(args.database)) {
    if (fs.existsSync(args.database)) return;
    process.stderr.write(`[bench] ${args.database} is missing: generating scale ${args.scale}\n`);
    await seedSyntheticFile({ scale: args.scale, seed: 1, database: args.database, force: false });
    return;
  }
  const seedArgs = parseSeedArgs(['--scale', String(args.scale), '--database', args.database]);
  const db = await openDatabase(seedArgs.database, { entities: ENTITIES });
  const empty = await isEmpty(db.dataSource).finally(() => db.close());
  if (!empty) return;
  process.stderr.write(`[bench] ${shown(args.database)} is empty: generating scale ${args.scale}\n`);
  await seedSyntheticDatabase(seedArgs);
}

const machine = () => {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
};

/**
 * Issue 27: our server and PostGraphile on the same PostgreSQL database, both running, measured
 * query by query in turn (ours q, the peer's q, ours q+1, …) over `args.rounds` rounds, so that
 * the machine's drift falls on both alike. CPU per request from /proc over the measured windows.
 */
async function sideBySide(args: RunArgs, mix: readonly BenchQuery[], options: LoadOptions, command: string): Promise<PeerRun> {
  const queries = [TYPENAME, ...mix];
  const loadBefore = os.loadavg();
  const database = databaseName(args.database);
  const servers: ServerProcess[] = [];
  try {
    const ours = await startServer(args.database, args.env);
    servers.push(ours);
    const peer = await startPostGraphile(args.database);
    servers.push(peer);
    process.stderr.write(`[bench] ours on ${ours.url} (pid ${ours.pid}), PostGraphile on ${peer.url} (pid ${peer.pid}, up in ${peer.startupMs.toFixed(0)} ms)\n`);
    const side = (server: ServerProcess, query: BenchQuery, body: string) => {
      const window = cpuWindow(server.pid, database);
      return { server, query, window, side: { runs: [], nodeMs: null, postgresMs: null, bytes: Buffer.byteLength(body), values: answerValues(body).length } as PeerSide };
    };
    const plan: { name: string; sides: ReturnType<typeof side>[] }[] = [];
    const sameValues: Record<string, boolean> = {};
    for (const query of queries) {
      const oursBody = await checkedBody(ours.url, query);
      const peerQuery = PEER_QUERIES[query.name];
      const peerBody = peerQuery ? await checkedBody(peer.url, peerQuery) : null;
      sameValues[query.name] = peerBody !== null && answerValues(oursBody).join('\n') === answerValues(peerBody).join('\n');
      const sides = [side(ours, query, oursBody), ...(peerQuery && peerBody ? [side(peer, peerQuery, peerBody)] : [])];
      process.stderr.write(`[bench] ${query.name}: ${sides.map((s) => `${s.server === ours ? 'ours' : 'peer'} ${s.side.bytes} bytes, ${s.side.values} values`).join('; ')}${peerBody ? `; same values: ${sameValues[query.name]}` : '; no peer equivalent'}\n`);
      plan.push({ name: query.name, sides });
    }
    for (let round = 1; round <= args.rounds; round++) {
      for (const { name, sides } of plan) {
        for (const s of sides) {
          const label = s.server === ours ? 'ours' : 'peer';
          process.stderr.write(`[bench] round ${round}/${args.rounds} ${label}: ${name} ...`);
          const r = await measure(s.server.url, s.query, options, s.window);
          s.side.runs.push(r);
          process.stderr.write(` ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}\n`);
          const ended = s.server.exit();
          if (ended) throw new Error(`the ${label} server ended during the run: ${ended}`);
        }
      }
    }
    const result = (server: ServerProcess) =>
      Object.fromEntries(plan.flatMap(({ name, sides }) => sides.filter((s) => s.server === server).map((s) => [name, { ...s.side, nodeMs: s.window.nodeMs, postgresMs: s.window.postgresMs }])));
    const theirs = result(peer);
    return {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      command,
      machine: machine(),
      peer: peerVersion(),
      scale: args.scale,
      database: shown(args.database),
      connections: args.connections,
      durationSeconds: args.durationSeconds,
      warmupSeconds: args.warmupSeconds,
      rounds: args.rounds,
      loadBefore,
      loadAfter: os.loadavg(),
      queries,
      ours: result(ours),
      theirs: Object.fromEntries(queries.map((q) => [q.name, theirs[q.name] ?? null])),
      sameValues,
    };
  } finally {
    for (const server of servers) await server.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  await ensureData(args);
  // The trusted forum page right after the forum page, measured beside the same floor runs.
  const all = [BENCH_QUERIES[0], TRUSTED_FORUM_PAGE, ...BENCH_QUERIES.slice(1)];
  const mix = args.only ? all.filter((q) => args.only!.includes(q.name)) : all;
  await registerBenchDocuments(args.database, mix);
  const queries = [TYPENAME, ...mix];
  const options: LoadOptions = { connections: args.connections, durationSeconds: args.durationSeconds, warmupSeconds: args.warmupSeconds };
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.map((arg) => (isPostgresUrl(arg) ? shown(arg) : arg)).join(' ')}` : ''}`;
  if (args.peer) {
    const run = await sideBySide(args, mix, options, command);
    console.log(`\n${peerRatioTable(run)}`);
    if (args.write) {
      const file = projectPath('BENCHMARKS.md');
      const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      fs.writeFileSync(file, updateBenchmarks(existing, peerMarkdown(run), PEER_BLOCK));
      console.log(`\nwrote ${path.relative(process.cwd(), file) || file}`);
    }
    return;
  }
  const loadBefore = os.loadavg();

  const statements = await probeStatements(args.database, queries, args.env);
  const uncached = await phase('uncached', args.database, mix, options, args.env);
  const startupMs = uncached.server.startupMs;
  let mixed = null;
  try {
    if (args.mixedSeconds > 0) {
      process.stderr.write(`[bench] mixed load for ${args.mixedSeconds} s, sampling the server's RSS ...\n`);
      mixed = await mixedLoad(uncached.server.url, mix, args.mixedSeconds, args.connections, () => uncached.server.rss());
    }
  } finally {
    await uncached.server.stop();
  }
  let cached: Record<string, LoadResult> | null = null;
  if (args.cached) {
    const warm = await phase('response cache warm', args.database, mix, options, { ...args.env, RESPONSE_CACHE_SECONDS: '300' });
    await warm.server.stop();
    cached = warm.results;
  }

  const writes = args.writeMixSeconds > 0 ? await writeMix(args.database, mix, { seconds: args.writeMixSeconds, connections: args.connections, rate: 20, env: args.env }) : null;

  const run: BenchRun = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command,
    machine: machine(),
    scale: args.scale,
    database: shown(args.database),
    connections: args.connections,
    durationSeconds: args.durationSeconds,
    loadBefore,
    loadAfter: os.loadavg(),
    startupMs,
    queries,
    statements,
    uncached: uncached.results,
    cached,
    mixed,
    writes,
  };
  console.log(`\n${table(run)}\n\n${[...checks(run), ...writeLines(run.writes)].join('\n')}`);
  if (args.write) {
    const file = projectPath('BENCHMARKS.md');
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    fs.writeFileSync(file, updateBenchmarks(existing, markdown(run)));
    console.log(`\nwrote ${path.relative(process.cwd(), file) || file}`);
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
