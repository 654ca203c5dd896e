import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ENTITIES } from '../src/entities';
import { openDatabase } from '../src/db/data-source';
import { createToken } from '../src/modules/auth/auth.tokens';
import { projectPath } from '../src/shared/paths';
import { runAsMain } from '../src/shared/cli-main';
import { loadSeeds } from '../seeds/load';
import { startServer } from './server-process';

/*
 * The change feed under many subscribers (npm run bench:subscribers [-- --subscribers 2000
 * --changes 50 --interval-ms 100]): the production server on a fresh seeded SQLite file, N
 * graphql-ws subscribers of contentChanged on one instance (one connection each, anonymous
 * readers: they hear the PUBLISHED stage's changes only), then changes made one after another:
 * an editor's update, then its publish. For each change and subscriber:
 * the time from the outbox row's `at` (stamped in the write's transaction, before the commit,
 * on this machine's clock) to the message's arrival here; and per change, to the last
 * subscriber's. The subscribers run in this one process: its event loop is part of the figure.
 */

interface Args {
  subscribers: number;
  changes: number;
  intervalMs: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { subscribers: 2_000, changes: 50, intervalMs: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], Number(argv[i + 1])];
    const key = ({ '--subscribers': 'subscribers', '--changes': 'changes', '--interval-ms': 'intervalMs' } as const)[name];
    if (!key || !Number.isInteger(value) || value < 0) throw new Error(`bench:subscribers: expected --subscribers N, --changes N or --interval-ms N; received ${JSON.stringify(argv.slice(i, i + 2))}`);
    args[key] = value;
  }
  return args;
}

const SUBSCRIPTION = 'subscription { contentChanged(types: [FORUM]) { cursor recordId version at } }';
const UPDATE = 'mutation ($input: UpdateForumInput!) { updateForum(input: $input) { forum { id version } userErrors { message } } }';
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { userErrors { message } } }';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of two known operations, read field by field
type Answer = any;

async function call(url: string, token: string, query: string, variables: object): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Answer; errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`bench:subscribers: expected the mutation to succeed; received ${response.status} ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-bench-subscribers-'));
  const database = path.join(dir, 'graph.sqlite');
  const clients: Client[] = [];
  try {
    const db = await openDatabase({ kind: 'sqlite', path: database }, { entities: ENTITIES });
    await loadSeeds(db.dataSource, projectPath('seeds'));
    const editor = await createToken(db.dataSource, db.dialect, 'bench-subscribers-editor', 'EDITOR');
    const publisher = await createToken(db.dataSource, db.dialect, 'bench-subscribers-publisher', 'PUBLISHER');
    await db.close();
    const server = await startServer(database, {
      MAX_CONNECTIONS_PER_CLIENT: String(args.subscribers + 100),
      MAX_CONNECTIONS: String(args.subscribers + 200),
      MAX_SUBSCRIPTION_CONNECTIONS: String(args.subscribers + 100),
    });
    try {
      const forum = (await call(server.url, editor, '{ forums(first: 1) { nodes { id version } } }', {})).forums.nodes[0] as { id: string; version: number };
      const arrivals = new Map<string, number[]>();
      let subscribed = 0;
      const wsUrl = server.url.replace(/^http/, 'ws');
      process.stderr.write(`[bench] subscribers: opening ${args.subscribers} graphql-ws subscriptions ...`);
      const opened = performance.now();
      for (let start = 0; start < args.subscribers; start += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, args.subscribers - start) }, () => {
            const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
            clients.push(client);
            return new Promise<void>((resolve, reject) => {
              client.on('connected', () => resolve());
              client.on('closed', (event) => reject(new Error(`bench:subscribers: expected the connection to stay open; received close ${JSON.stringify(event)}`)));
              client.subscribe<{ contentChanged: { cursor: string; at: string } }>(
                { query: SUBSCRIPTION },
                {
                  next: ({ data }) => {
                    const arrived = Date.now();
                    const change = data!.contentChanged;
                    let list = arrivals.get(change.cursor);
                    if (!list) arrivals.set(change.cursor, (list = []));
                    list.push(arrived - Date.parse(change.at));
                  },
                  error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
                  complete: () => undefined,
                },
              );
            });
          }),
        );
        subscribed += Math.min(100, args.subscribers - start);
      }
      // The subscribe messages follow connection_ack: a moment for the last ones to reach the feed.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.stderr.write(` ${subscribed} in ${((performance.now() - opened) / 1000).toFixed(1)} s\n`);

      process.stderr.write(`[bench] subscribers: ${args.changes} changes, one every ${args.intervalMs} ms (after one to warm up) ...`);
      const answerMs: number[] = [];
      let warmUp: string | null = null;
      for (let i = -1; i < args.changes; i += 1) {
        const data = await call(server.url, editor, UPDATE, { input: { id: forum.id, expectedVersion: forum.version, set: { theme: `Тема подписки ${i}` } } });
        if (data.updateForum.userErrors.length) throw new Error(`bench:subscribers: expected the update to be taken; received ${JSON.stringify(data.updateForum.userErrors)}`);
        forum.version = data.updateForum.forum.version;
        // The publish is the change the readers hear: its answer's time, and its outbox row's `at`.
        const sent = performance.now();
        const published = await call(server.url, publisher, PUBLISH, { input: { targets: [{ id: forum.id, expectedVersion: forum.version }] } });
        if (i >= 0) answerMs.push(performance.now() - sent);
        if (published.publish.userErrors.length) throw new Error(`bench:subscribers: expected the publish to be taken; received ${JSON.stringify(published.publish.userErrors)}`);
        await new Promise((resolve) => setTimeout(resolve, args.intervalMs));
        // The first (the server's first write: its statements prepared, its code compiled) is not counted.
        if (i < 0) {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          warmUp = [...arrivals.keys()][0] ?? null;
          if (warmUp) arrivals.delete(warmUp);
        }
      }
      // Every message in, or 10 s at most.
      const deadline = Date.now() + 10_000;
      const complete = () => [...arrivals.values()].reduce((sum, list) => sum + list.length, 0) >= args.changes * args.subscribers;
      while (!complete() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      process.stderr.write(' done\n');

      const all = [...arrivals.values()].flat().sort((a, b) => a - b);
      const last = [...arrivals.values()].map((list) => Math.max(...list)).sort((a, b) => a - b);
      const expected = args.changes * args.subscribers;
      const result = {
        subscribers: args.subscribers,
        changes: args.changes,
        intervalMs: args.intervalMs,
        messages: { expected, received: all.length },
        toEachSubscriberMs: { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) },
        toLastSubscriberMs: { p50: percentile(last, 50), p99: percentile(last, 99), max: last.at(-1) },
        publishAnswerMs: { p50: Math.round(percentile([...answerMs].sort((a, b) => a - b), 50)), p99: Math.round(percentile([...answerMs].sort((a, b) => a - b), 99)) },
        serverRssMb: Math.round((server.rss() ?? 0) / 1024 / 1024),
      };
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return all.length < expected ? 1 : 0;
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
      await server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runAsMain('bench:subscribers', main);
