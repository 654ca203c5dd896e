import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scratchPostgres } from './scratch-postgres';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { CacheHints } from '../src/execution/cache-hints';
import { TrustedDocuments } from '../src/execution/trusted-documents';
import { refusalOfQuery } from '../src/limits/document-guard';
import { documentIdOf, registerDocuments } from '../src/modules/documents/documents.registry';
import { createSchema } from '../src/schema';
import { createServer } from '../src/server';
import { systemClock } from '../src/shared/clock';
import { BENCH_QUERIES } from './queries';

/*
 * `npm run bench:trusted-startup -- [--documents N] [--runs N] [--postgres URL]`: what preparing
 * the registered trusted documents adds to a server's start-up. Registers N distinct documents
 * (the benchmark mix's queries, each under an operation name of its own) in a fresh database,
 * then times createServer with an empty registry and with the N documents, and TrustedDocuments
 * .prepareAll alone with how many it prepared and the heap it keeps (with --expose-gc, which the
 * npm script passes).
 */

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const documents = Number(option('documents') ?? 2000);
const runs = Number(option('runs') ?? 3);
const postgres = option('postgres');
const gc = (globalThis as { gc?: () => void }).gc;

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgres) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trusted-startup-'));
    return { url: `sqlite:${path.join(dir, 'graph.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return scratchPostgres(postgres, `bench_trusted_startup_${process.pid}`);
}

/** N distinct documents: the mix's queries, each renamed `<name>_<i>`. */
function manifestOf(count: number): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    const query = BENCH_QUERIES[i % BENCH_QUERIES.length].query;
    const text = /^(query|mutation)\s+\w+/.test(query) ? query.replace(/^(query|mutation)\s+(\w+)/, `$1 $2_${i}`) : `query Q_${i} ${query}`;
    manifest[documentIdOf(text).slice('sha256:'.length)] = text;
  }
  return manifest;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await f();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const fresh = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: fresh.url, LOG_LEVEL: 'silent', RESPONSE_CACHE_SECONDS: '60' });
  const database = await openDatabase(config.database, { entities: ENTITIES });
  const schema = await createSchema();
  const start = () => timed(async () => (await createServer(config, database, schema)).stop());
  const lines: string[] = [];
  try {
    const empty: number[] = [];
    for (let run = 0; run < runs; run += 1) empty.push(await start());
    const registering = await timed(() => registerDocuments(database.dataSource, database.dialect, schema, { app: 'bench', version: '1', manifest: manifestOf(documents) }));
    const full: number[] = [];
    for (let run = 0; run < runs; run += 1) full.push(await start());
    const alone: number[] = [];
    const heap: number[] = [];
    const kept: TrustedDocuments[] = [];
    let prepared = 0;
    for (let run = 0; run < runs; run += 1) {
      gc?.();
      const before = process.memoryUsage().heapUsed;
      const trusted = new TrustedDocuments(database, schema, {
        clock: systemClock,
        hints: new CacheHints(schema, config.responseCacheSeconds, config.responseCachePolicy.hints),
        withinLimits: (text) => refusalOfQuery(text, config.limits) === null,
        onError: (error) => {
          throw error;
        },
      });
      alone.push(await timed(async () => (prepared = await trusted.prepareAll())));
      kept.push(trusted);
      gc?.();
      heap.push((process.memoryUsage().heapUsed - before) / 1024 / 1024);
    }
    const ms = (values: number[]) => values.map((value) => `${Math.round(value)} ms`).join(', ');
    lines.push(`${postgres ? 'PostgreSQL' : 'SQLite'}, ${documents} documents (${Math.round(registering)} ms to register)`);
    lines.push(`  createServer, empty registry: ${ms(empty)}`);
    lines.push(`  createServer, ${documents} registered: ${ms(full)}`);
    lines.push(`  prepareAll alone: ${ms(alone)} (${prepared} prepared: the most recently used that fit KEPT_BYTES)`);
    lines.push(`  heap kept: ${gc ? heap.map((mb) => `${mb.toFixed(1)} MB`).join(', ') : 'run with --expose-gc'}`);
  } finally {
    await database.close();
    await fresh.drop();
  }
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
