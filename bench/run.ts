import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectPath } from '../src/shared/paths';
import { type LoadOptions, type LoadResult, measure, mixedLoad } from './load';
import { BENCH_QUERIES, type BenchQuery, TRUSTED_FORUM_PAGE, TYPENAME, requestBody } from './queries';
import { registerBenchDocuments } from './trusted';
import { type BenchRun, markdown, table, checks, updateBenchmarks, writeLines } from './report';
import { writeMix } from './write-mix';
import { seedSyntheticFile, syntheticDatabasePath } from './seed-synthetic';
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
}

function parseArgs(argv: readonly string[]): RunArgs {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a non-negative number; received "${raw}"`);
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
  return {
    scale,
    database: path.resolve(value('database') ?? syntheticDatabasePath(scale)),
    durationSeconds: number('duration', ci ? 2 : 10),
    warmupSeconds: number('warmup', ci ? 0.5 : 3),
    connections: number('connections', 50),
    mixedSeconds: number('mixed', ci ? 3 : 120),
    write: !ci && !argv.includes('--no-write'),
    writeMixSeconds: number('write-mix', ci ? 2 : 20),
    cached: !argv.includes('--no-cached'),
    env,
    only: value('only')?.split(',') ?? null,
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

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  if (!fs.existsSync(args.database)) {
    process.stderr.write(`[bench] ${args.database} is missing: generating scale ${args.scale}\n`);
    await seedSyntheticFile({ scale: args.scale, seed: 1, database: args.database, force: false });
  }
  // The trusted forum page right after the forum page, measured beside the same floor runs.
  const all = [BENCH_QUERIES[0], TRUSTED_FORUM_PAGE, ...BENCH_QUERIES.slice(1)];
  const mix = args.only ? all.filter((q) => args.only!.includes(q.name)) : all;
  await registerBenchDocuments(args.database, mix);
  const queries = [TYPENAME, ...mix];
  const options: LoadOptions = { connections: args.connections, durationSeconds: args.durationSeconds, warmupSeconds: args.warmupSeconds };
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

  const cpus = os.cpus();
  const run: BenchRun = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    machine: `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`,
    scale: args.scale,
    database: path.relative(projectPath(), args.database),
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
