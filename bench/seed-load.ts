import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scratchPostgres } from './scratch-postgres';
import type { DatabaseConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { followWrites } from '../src/derived-data';
import { importRecords } from '../src/modules/writes/write-import';
import { documentsOf } from '../src/modules/writes/write-state';
import { projectPath } from '../src/shared/paths';
import { contentTables, openDraft } from '../src/stages';
import { ENTITIES } from '../src/entities';
import { loadSeeds } from '../seeds/load';
import { readSeedSet } from '../seeds/read';

/*
 * `npm run bench:seed-load -- [--runs N] [--records N] [--postgres URL]`: the time to load the
 * real data set into a fresh database (loadSeeds: its rows, search documents and summaries, in
 * one transaction), and the time to import a synthetic set of N records of four kinds as
 * drafts (importRecords, as `npm run import` does), each run on a database of its own; min and
 * median of the runs, on SQLite and, given --postgres, on PostgreSQL (a database per run,
 * created beside the URL's and dropped after).
 */

interface Target {
  name: string;
  /** A fresh, empty database, and what removes it. */
  fresh(run: number): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

function sqliteTarget(): Target {
  return {
    name: 'SQLite',
    async fresh() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-load-'));
      return { config: { kind: 'sqlite', path: path.join(dir, 'graph.sqlite') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  };
}

function postgresTarget(base: string): Target {
  return {
    name: 'PostgreSQL',
    async fresh(run) {
      const { url, drop } = await scratchPostgres(base, `bench_seed_load_${process.pid}_${run}`);
      return { config: { kind: 'postgres', url }, drop };
    },
  };
}

/**
 * A synthetic import of `n` records: n/4 forums, speakers (two affiliations each), sessions (two
 * participants each) and quotes, naming the real data set's organisations and publications.
 */
export function syntheticImport(n: number): string {
  const per = Math.max(1, Math.floor(n / 4));
  const range = (f: (i: number) => unknown) => Array.from({ length: per }, (_, i) => f(i));
  const orgs = ['minprosveshcheniya', 'irpo'];
  return JSON.stringify({
    forums: range((i) => ({ key: `bench-forum-${i}`, title: `Синтетический форум ${i}`, edition: (i % 9) + 1, region: 'RU-BU', organizers: orgs, sources: ['news-main'] })),
    speakers: range((i) => ({
      key: `bench-speaker-${i}`,
      fullName: `Синтетический Докладчик ${i}`,
      affiliations: orgs.map((organization, j) => ({ organization, position: `должность ${i}/${j}`, sources: ['news-main'] })),
      sources: ['news-main'],
    })),
    sessions: range((i) => ({
      key: `bench-session-${i}`,
      title: `Синтетическая сессия ${i}`,
      kind: 'PLENARY',
      forum: `bench-forum-${i}`,
      participants: [0, 1].map((j) => ({ speaker: `bench-speaker-${(i + j) % per}`, role: 'SPEAKER', position: `роль ${j}` })),
      sources: ['news-main'],
    })),
    quotes: range((i) => ({ key: `bench-quote-${i}`, text: `Синтетическая цитата номер ${i}`, speaker: `bench-speaker-${i}`, session: `bench-session-${i}`, publication: 'news-main', sources: ['news-main'] })),
  });
}

async function timeSeedLoad(config: DatabaseConfig): Promise<number> {
  const database = await openDatabase(config, { entities: ENTITIES });
  try {
    const started = process.hrtime.bigint();
    await loadSeeds(database.dataSource, projectPath('seeds'));
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    await database.close();
  }
}

async function timeImport(config: DatabaseConfig, text: string): Promise<number> {
  const published = await openDatabase(config, { entities: ENTITIES });
  try {
    await loadSeeds(published.dataSource, projectPath('seeds'));
    const draft = await openDraft(published, config, contentTables(ENTITIES), { entities: ENTITIES, documents: () => documentsOf(readSeedSet(projectPath('seeds'))) });
    try {
      const scope = { published, draft, actor: 'bench', events: followWrites() };
      const started = process.hrtime.bigint();
      const result = await importRecords(scope, [{ name: 'bench.json', format: 'JSON', text }], { dryRun: false });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.userErrors.length > 0) throw new Error(`the synthetic import was refused: ${result.userErrors.slice(0, 3).map((e) => e.message).join('; ')}`);
      return ms;
    } finally {
      await draft.close();
    }
  } finally {
    await published.close();
  }
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `min ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (${sorted.map((t) => t.toFixed(0)).join(', ')})`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
  const runs = Number(value('runs') ?? 5);
  const records = Number(value('records') ?? 4000);
  const postgres = value('postgres');
  const targets = [sqliteTarget(), ...(postgres ? [postgresTarget(postgres)] : [])];
  const text = syntheticImport(records);
  for (const target of targets) {
    for (const [label, work] of [
      ['seed load (real data set)', (config: DatabaseConfig) => timeSeedLoad(config)],
      [`import of ${records} synthetic records`, (config: DatabaseConfig) => timeImport(config, text)],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const { config, drop } = await target.fresh(run);
        try {
          times.push(await work(config));
        } finally {
          await drop();
        }
      }
      console.log(`${target.name}\t${label}\t${summary(times)}`);
    }
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`bench:seed-load failed: ${error.message}`);
    process.exitCode = 1;
  });
}
