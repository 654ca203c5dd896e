import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server-process';

/**
 * What operation names cost the server: sends N operations to the production server (the flags
 * of `npm start`, a fresh SQLite database), each with a name of its own (`query Op000123 {
 * __typename }`, which costs the rate limit nothing), then reads /metrics, anonymously and with
 * METRICS_TOKEN, and prints at each checkpoint the size of the exposition, its series and the
 * server's resident memory. With `--no-token` the server runs without METRICS_TOKEN (the
 * anonymous scrape is answered, the other column is then the same answer).
 *
 *   npm run build && node dist/bench/metrics-cardinality.js [--names 26000] [--every 5000] [--no-token]
 */
const TOKEN = 'metrics-cardinality-bench-token';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: expected a positive integer; received "${process.argv[at + 1]}"`);
  return value;
}

async function scrape(url: string, token?: string): Promise<{ status: number; bytes: number; series: number; heapUsed: number | null }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await response.text();
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  const heap = /^nodejs_heap_size_used_bytes (\d+)/m.exec(text);
  return { status: response.status, bytes: Buffer.byteLength(text), series, heapUsed: heap ? Number(heap[1]) : null };
}

async function main(): Promise<void> {
  const names = option('names', 26_000);
  const every = option('every', 5_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-cardinality-'));
  const server = await startServer(path.join(dir, 'graph.sqlite'), process.argv.includes('--no-token') ? {} : { METRICS_TOKEN: TOKEN });
  const metricsUrl = server.url.replace(/\/graphql$/, '/metrics');
  const mb = (bytes: number | null) => (bytes === null ? '-' : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`);
  console.log('names\tpublic /metrics\tseries\twith token\tseries\theap used\trss');
  try {
    let sent = 0;
    /** Eight keep-alive clients send operations, each named anew, until `target` have been sent. */
    const sendUntil = (target: number) =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          while (sent < target) {
            sent += 1;
            const body = JSON.stringify({ query: `query Op${String(sent).padStart(6, '0')} { __typename }` });
            await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).arrayBuffer();
          }
        }),
      );
    for (let checkpoint = Math.min(every, names); ; checkpoint = Math.min(checkpoint + every, names)) {
      await sendUntil(checkpoint);
      const open = await scrape(metricsUrl);
      const authorized = await scrape(metricsUrl, TOKEN);
      console.log([checkpoint, `${open.status} ${mb(open.bytes)}`, open.series, `${authorized.status} ${mb(authorized.bytes)}`, authorized.series, mb(authorized.heapUsed ?? open.heapUsed), mb(server.rss())].join('\t'));
      if (checkpoint >= names) break;
    }
  } catch (error) {
    console.log(`the server stopped answering: ${(error as Error).message}; ${server.exit() ?? 'still running'}`);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
