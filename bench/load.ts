import autocannon from 'autocannon';
import { type BenchQuery, requestBody } from './queries';
import { post } from './server-process';

/** What one query did under load. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers, socket errors, timeouts and bodies that differ from the checked one. */
  errors: number;
  bytes: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** False for an answer that carries GraphQL errors (they can come with status 200). */
const withoutErrors = (body: string | Buffer | undefined) => !String(body ?? '').includes('"errors":[');

/** Sends `query` once and checks the answer is a 200 without errors; returns its body. */
export async function checkedBody(url: string, query: BenchQuery): Promise<string> {
  const { status, text } = await post(url, requestBody(query));
  const parsed = JSON.parse(text) as { errors?: unknown[] };
  if (status !== 200 || parsed.errors) throw new Error(`${query.name}: expected an answer without errors; received ${status} ${text.slice(0, 500)}`);
  return text;
}

/** Drives `url` with `query` at a fixed concurrency: a warm-up, then the measured run. */
export async function measure(url: string, query: BenchQuery, options: LoadOptions): Promise<LoadResult> {
  const expected = await checkedBody(url, query);
  const base: autocannon.Options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(query),
    connections: options.connections,
    // autocannon's expectBody misreports bodies that arrive in several chunks, so it is not used.
    verifyBody: withoutErrors,
  };
  if (options.warmupSeconds > 0) await run({ ...base, duration: options.warmupSeconds });
  const result = await run({ ...base, duration: options.durationSeconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
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
  let result: autocannon.Result;
  try {
    result = await run({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      connections,
      duration: seconds,
      requests: queries.map((query) => ({ method: 'POST', body: requestBody(query) })),
      verifyBody: withoutErrors,
    });
  } finally {
    clearInterval(timer);
  }
  const half = Math.floor(samples.length / 2);
  const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
  return {
    rps: result.requests.average,
    errors: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
    samples,
    rssAt60: samples.length >= 60 ? samples[59] : null,
    firstHalfMean: mean(samples.slice(0, half)),
    secondHalfMean: mean(samples.slice(half)),
    max: samples.length > 0 ? Math.max(...samples) : 0,
  };
}
