import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { addEndpoint } from '../src/modules/webhooks/webhook-store';
import { WebhookWorker } from '../src/modules/webhooks/webhook-worker';
import { appendToOutbox } from '../src/modules/writes/outbox';
import type { WriteEvent } from '../src/modules/writes/write-events';
import { projectPath } from '../src/shared/paths';
import { Stage } from '../src/shared/stage';
import { systemClock } from '../src/shared/clock';
import { contentTables, openDraft } from '../src/stages';
import { loadSeeds } from '../seeds/load';

/*
 * Webhook deliveries per second (issue 26): `npm run bench:webhooks -- [--changes N] [--endpoints E]`.
 * The real data set in a fresh SQLite file and its drafts; N published changes appended to the
 * outbox in one transaction (as an import's publish does); E endpoints on a receiver on this
 * machine that answers 204 at once; the server's delivery worker run pass after pass until every
 * delivery is DELIVERED. Prints deliveries per second from the first pass to the last, and checks
 * one delivery's signature with the `standardwebhooks` package.
 */

function argument(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const raw = i === -1 ? undefined : argv[i + 1];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer; received "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const changes = argument(argv, 'changes', 2_000);
  const endpoints = argument(argv, 'endpoints', 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-webhooks-'));
  const config = { kind: 'sqlite' as const, path: path.join(dir, 'graph.sqlite') };
  const published = await openDatabase(config, { entities: ENTITIES });
  await loadSeeds(published.dataSource, projectPath('seeds'));
  const drafts = await openDraft(published, config, contentTables(ENTITIES), { entities: ENTITIES });
  let received = 0;
  const samples: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received += 1;
      if (samples.length === 0) samples.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const worker = new WebhookWorker({ published, drafts, clock: systemClock, retryScheduleMs: [1_000], pollMs: 60_000, timeoutMs: 5_000 });
  try {
    const secrets: string[] = [];
    for (let i = 0; i < endpoints; i += 1) secrets.push((await addEndpoint(published, drafts, { url, types: ['Forum'] })).secret);
    const events: WriteEvent[] = Array.from({ length: changes }, (_, i) => ({
      type: 'Forum',
      key: `bench-${i % 500}`,
      action: 'PUBLISH',
      stage: Stage.PUBLISHED,
      version: Math.floor(i / 500) + 1,
      before: null,
      after: null,
    }));
    await published.dataSource.transaction((manager) => appendToOutbox(events, { manager, dialect: published.dialect }));
    const expected = changes * endpoints;
    const started = performance.now();
    let passes = 0;
    while (received < expected && passes < 10_000) {
      await worker.runOnce();
      passes += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const [{ n }] = await published.read("SELECT COUNT(*) AS n FROM webhook_delivery WHERE status = 'DELIVERED'", []);
    const delivered = Number(n);
    const [sample] = samples;
    // Throws on a bad signature: a bench that delivers unverifiable messages fails.
    if (sample) new Webhook(secrets[0]).verify(sample.body, sample.headers as Record<string, string>);
    console.log(
      `webhook deliveries: ${changes} changes x ${endpoints} endpoint(s) = ${expected}; received ${received}, DELIVERED ${delivered}, ` +
        `in ${seconds.toFixed(2)} s over ${passes} passes: ${(delivered / seconds).toFixed(0)} deliveries/s; a signature checked by standardwebhooks: ${sample ? 'valid' : 'none received'}`,
    );
    if (delivered !== expected) process.exitCode = 1;
  } finally {
    await worker.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await drafts.close();
    await published.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench:webhooks failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
