import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchQuery, requestBody } from './queries';
import { post } from './server-process';

/** What one query did under load. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-200 answers, answers with GraphQL errors, socket errors and timeouts. */
  errors: number;
  bytes: number;
  /** Of a query: the floor's req/s beside it (the mean of the `{ __typename }` runs just before and just after). */
  floor?: number;
  /** Of `{ __typename }`: the req/s of each of its runs, in order. */
  runs?: number[];
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** What wrk's `done` hook prints (bench/wrk.lua's report line). */
interface WrkReport {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  socketErrors: number;
  bad: number;
}

/**
 * wrk's Lua: POSTs the bodies in turn, counts answers that are not a 200 without errors, prints
 * one JSON line. Apollo writes `errors` first (its orderExecutionResultFields; the response cache
 * never keeps an answer with errors), so an answer with errors starts with `{"errors":`: looking
 * there, not through the whole body, keeps the client's cost per answer small (a string.find over
 * the cluster map's 158 KB took wrk ~0.16 ms of CPU per answer, on the cores the server runs on).
 */
function wrkScript(bodies: readonly string[]): string {
  const long = (text: string) => {
    let level = '=';
    while (text.includes(`]${level}]`)) level += '=';
    return `[${level}[${text}]${level}]`;
  };
  return `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = { ${bodies.map(long).join(', ')} }
wrk.body = bodies[1]
local threads = {}
function setup(thread) table.insert(threads, thread) end
local turn = 0
function request()
  turn = turn % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[turn])
end
bad = 0
function response(status, headers, body)
  if status ~= 200 or string.sub(body, 1, 10) == '{"errors":' then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("bad") end
  local e = summary.errors
  io.write(string.format('WRK_REPORT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"socketErrors":%d,"bad":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, bad))
end
`;
}

/**
 * Runs wrk (a C load generator: the client's own cost per answer stays small, where autocannon
 * turned every answer into a JS string on the cores the server needs) against `url` with
 * `bodies` in turn. wrk comes from Debian (scripts/apt-ensure.sh wrk wrk).
 */
function wrk(url: string, bodies: readonly string[], connections: number, seconds: number): Promise<WrkReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wrk-'));
  const script = path.join(dir, 'load.lua');
  fs.writeFileSync(script, wrkScript(bodies));
  const args = ['-t', '1', '-c', String(connections), '-d', `${Math.max(1, Math.round(seconds))}s`, '--timeout', '10s', '-s', script, url];
  return new Promise<WrkReport>((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`wrk is not installed: run 'sh scripts/apt-ensure.sh wrk wrk' (Debian), or install wrk 4`) : error),
    );
    child.on('close', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      const line = /^WRK_REPORT (.+)$/m.exec(out)?.[1];
      if (code !== 0 || !line) reject(new Error(`wrk ${args.join(' ')} exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line) as WrkReport);
    });
  });
}

/** Sends `query` once and checks the answer is a 200 without errors; returns its body. */
export async function checkedBody(url: string, query: BenchQuery): Promise<string> {
  const { status, text } = await post(url, requestBody(query));
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  if (status !== 200 || parsed.errors) throw new Error(`${query.name}: expected an answer without errors; received ${status} ${text.slice(0, 500)}`);
  return text;
}

/**
 * Drives `url` with `query` at a fixed concurrency: a warm-up, then the measured run, with
 * `window` (e.g. a CpuWindow) started just before the measured run and stopped just after it.
 */
export async function measure(url: string, query: BenchQuery, options: LoadOptions, window?: { start(): void; stop(): void }): Promise<LoadResult> {
  const expected = await checkedBody(url, query);
  const body = [requestBody(query)];
  if (options.warmupSeconds > 0) await wrk(url, body, options.connections, options.warmupSeconds);
  window?.start();
  const report = await wrk(url, body, options.connections, options.durationSeconds);
  window?.stop();
  return {
    rps: report.requests / (report.durationUs / 1e6),
    p50: report.p50Us / 1000,
    p99: report.p99Us / 1000,
    requests: report.requests,
    errors: report.socketErrors + report.bad,
    bytes: Buffer.byteLength(expected),
  };
}

/** What the server's memory did under the mixed load. */
export interface MixedResult {
  rps: number;
  errors: number;
  /** RSS samples, one a second, in MB. */
  samples: number[];
  rssAt60: number | null;
  firstHalfMean: number;
  secondHalfMean: number;
  max: number;
}

/** Every connection cycles through the whole mix for `seconds`, while the server's RSS is sampled each second. */
export async function mixedLoad(url: string, queries: readonly BenchQuery[], seconds: number, connections: number, rss: () => number | null): Promise<MixedResult> {
  const samples: number[] = [];
  const timer = setInterval(() => {
    const bytes = rss();
    if (bytes !== null) samples.push(bytes / 2 ** 20);
  }, 1000);
  let report: WrkReport;
  try {
    report = await wrk(url, queries.map(requestBody), connections, seconds);
  } finally {
    clearInterval(timer);
  }
  const half = Math.floor(samples.length / 2);
  const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
  return {
    rps: report.requests / (report.durationUs / 1e6),
    errors: report.socketErrors + report.bad,
    samples,
    rssAt60: samples.length >= 60 ? samples[59] : null,
    firstHalfMean: mean(samples.slice(0, half)),
    secondHalfMean: mean(samples.slice(half)),
    max: samples.length > 0 ? Math.max(...samples) : 0,
  };
}
