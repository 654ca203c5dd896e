import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDatabaseUrl } from '../src/config';
import { ENTITIES } from '../src/entities';
import { projectPath } from '../src/shared/paths';
import { openDatabase } from '../src/db/data-source';
import { createToken } from '../src/modules/auth/auth.tokens';
import { mixedLoad } from './load';
import type { BenchQuery } from './queries';
import { scratchPostgres } from './scratch-postgres';
import { startServer } from './server-process';

/** What the write mix measured. */
export interface WriteMixResult {
  /** Single-record updates per second of one editor, one after another. */
  updatesPerSecond: number;
  updates: number;
  /** The read mix's req/s alone, and while an editor writes at `rate` a second, on the same server. */
  readOnlyRps: number;
  underWritesRps: number;
  rate: number;
  /** Writes done during the mixed phase, and those that failed (userErrors or HTTP errors). */
  writesDuring: number;
  writeErrors: number;
}

interface Options {
  seconds: number;
  connections: number;
  /** Writes a second during the mixed phase. */
  rate: number;
  env: Record<string, string>;
}

async function call(url: string, token: string, query: string, variables: object): Promise<Record<string, { userErrors?: unknown[] } & Record<string, unknown>>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, { userErrors?: unknown[] }>; errors?: unknown[] };
  if (!response.ok || body.errors || !body.data) throw new Error(`write failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  return body.data as Record<string, { userErrors?: unknown[] } & Record<string, unknown>>;
}

const UPDATE = 'mutation ($input: UpdateForumInput!) { updateForum(input: $input) { forum { version } userErrors { message } } }';

/**
 * The write mix, on a copy of `database` (the writes change its drafts): one editor's updates
 * a second with every derived table in step, then the read mix alone and beside a steady
 * `rate` of writes a second, on the same server.
 */
export async function writeMix(database: string, reads: readonly BenchQuery[], options: Options): Promise<WriteMixResult> {
  const { copy, drop } = await copyOf(database);
  try {
    const db = await openDatabase(parseDatabaseUrl(copy, projectPath())!, { entities: ENTITIES });
    const token = await createToken(db.dataSource, db.dialect, 'bench-editor', 'EDITOR');
    await db.close();
    process.stderr.write('[bench] write mix: starting a server on a copy of the database (its drafts are made on first start) ...\n');
    const server = await startServer(copy, options.env);
    try {
      const forums: { id: string; version: number }[] = [];
      const source = (await call(server.url, token, '{ publications(first: 1) { nodes { id } } }', {})).publications as unknown as { nodes: { id: string }[] };
      for (let i = 0; i < 20; i += 1) {
        const data = await call(server.url, token, 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id version } userErrors { message } } }', {
          input: { key: `bench-write-${i}`, title: `Форум нагрузки ${i}`, sourceIds: [source.nodes[0].id] },
        });
        if (data.createForum.userErrors?.length) throw new Error(`create refused: ${JSON.stringify(data.createForum.userErrors)}`);
        forums.push(data.createForum.forum as { id: string; version: number });
      }
      let n = 0;
      const update = async () => {
        const forum = forums[n % forums.length];
        n += 1;
        const data = await call(server.url, token, UPDATE, { input: { id: forum.id, expectedVersion: forum.version, set: { theme: `Тема ${n}`, edition: (n % 30) + 1 } } });
        if (data.updateForum.userErrors?.length) throw new Error(`update refused: ${JSON.stringify(data.updateForum.userErrors)}`);
        forum.version = (data.updateForum.forum as { version: number }).version;
      };
      process.stderr.write(`[bench] write mix: one editor's updates for ${options.seconds} s ...`);
      const started = performance.now();
      while (performance.now() - started < options.seconds * 1000) await update();
      const updates = n;
      const updatesPerSecond = updates / ((performance.now() - started) / 1000);
      process.stderr.write(` ${updatesPerSecond.toFixed(0)} updates/s\n`);

      process.stderr.write(`[bench] write mix: the read mix alone for ${options.seconds} s ...`);
      const alone = await mixedLoad(server.url, reads, options.seconds, options.connections, () => null);
      process.stderr.write(` ${alone.rps.toFixed(0)} req/s\n`);

      process.stderr.write(`[bench] write mix: the read mix beside ${options.rate} writes/s for ${options.seconds} s ...`);
      // Writes leave on schedule, each to a forum with no write in flight, whether or not the
      // ones before have been answered: a steady rate, however slow the answers under load.
      let writing = true;
      let writesDuring = 0;
      let writeErrors = 0;
      const busy = new Set<number>();
      const inFlight: Promise<void>[] = [];
      const writeOne = async (i: number) => {
        const forum = forums[i];
        busy.add(i);
        try {
          const data = await call(server.url, token, UPDATE, { input: { id: forum.id, expectedVersion: forum.version, set: { theme: `Фон ${n++}` } } });
          if (data.updateForum.userErrors?.length) writeErrors += 1;
          else {
            forum.version = (data.updateForum.forum as { version: number }).version;
            writesDuring += 1;
          }
        } catch {
          writeErrors += 1;
        } finally {
          busy.delete(i);
        }
      };
      const writer = (async () => {
        const begin = performance.now();
        for (let tick = 0; writing; tick += 1) {
          const wait = begin + (tick * 1000) / options.rate - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const free = forums.findIndex((_, i) => !busy.has((tick + i) % forums.length));
          if (writing && free !== -1) inFlight.push(writeOne((tick + free) % forums.length));
        }
      })();
      const beside = await mixedLoad(server.url, reads, options.seconds, options.connections, () => null);
      writing = false;
      await writer;
      await Promise.all(inFlight);
      process.stderr.write(` ${beside.rps.toFixed(0)} req/s, ${writesDuring} writes, ${writeErrors} failed\n`);
      return {
        updatesPerSecond,
        updates,
        readOnlyRps: alone.rps,
        underWritesRps: beside.rps,
        rate: options.rate,
        writesDuring,
        writeErrors: writeErrors + beside.errors,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await drop();
  }
}

/**
 * A copy of `database` with its drafts, made by the file system: on SQLite the file and its
 * drafts' file beside it (graph.sqlite's are graph.draft.sqlite, where a server made them
 * already); on PostgreSQL a database made from it as a template, the draft schema included.
 */
async function copyOf(database: string): Promise<{ copy: string; drop(): Promise<void> }> {
  if (parseDatabaseUrl(database, projectPath())?.kind === 'postgres') {
    const { url, drop } = await scratchPostgres(database, `bench_write_mix_${process.pid}`, { copy: true });
    return { copy: url, drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-write-mix-'));
  const copy = path.join(dir, 'graph.sqlite');
  fs.copyFileSync(database, copy);
  const drafts = database.replace(/\.sqlite$/, '.draft.sqlite');
  if (fs.existsSync(drafts)) fs.copyFileSync(drafts, path.join(dir, 'graph.draft.sqlite'));
  return { copy, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
