import type { LoadResult, MixedResult } from './load';
import type { WriteMixResult } from './write-mix';
import type { BenchQuery } from './queries';

/** Everything one run measured, for the table and BENCHMARKS.md. */
export interface BenchRun {
  date: string;
  command: string;
  machine: string;
  scale: number;
  database: string;
  connections: number;
  durationSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
  startupMs: number;
  queries: readonly BenchQuery[];
  statements: Record<string, number>;
  uncached: Record<string, LoadResult>;
  cached: Record<string, LoadResult> | null;
  mixed: MixedResult | null;
  writes: WriteMixResult | null;
}

/** The issue's targets: uncached throughput as a share of `{ __typename }` in the same run. */
export const UNCACHED_TARGETS: Record<string, number> = {
  'forum-page': 0.2,
  // Issue 26: a trusted document skips parsing, validation and cost: at least the floor's rate.
  'forum-page-trusted': 1,
  calendar: 0.15,
  'cluster-map': 0.15,
  search: 0.1,
  aggregate: 0.1,
  'nested-list': 0.05,
};
export const CACHED_TARGET = 0.5;
/** The write side's targets: one editor's updates a second, and the reads' share kept beside steady writes. */
export const UPDATES_TARGET = 200;
export const READS_UNDER_WRITES_TARGET = 0.7;

/** The write mix's lines. */
export function writeLines(writes: WriteMixResult | null): string[] {
  if (!writes) return [];
  const kept = writes.underWritesRps / writes.readOnlyRps;
  return [
    `- write mix: one editor's single-record updates (updateForum, every derived table in step): **${fmt(writes.updatesPerSecond)} updates/s** (${writes.updates} in the run; target ≥ ${UPDATES_TARGET}: ${writes.updatesPerSecond >= UPDATES_TARGET ? 'met' : 'NOT met'})`,
    `- write mix: the read mix alone ${fmt(writes.readOnlyRps)} req/s, beside ${writes.rate} writes/s ${fmt(writes.underWritesRps)} req/s: **${pct(kept)} kept** (${writes.writesDuring} writes, ${writes.writeErrors} errors; target ≥ ${pct(READS_UNDER_WRITES_TARGET)}: ${kept >= READS_UNDER_WRITES_TARGET ? 'met' : 'NOT met'})`,
  ];
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** The one table: per query, uncached and warm-cache throughput, latency, share of the floor, statements, bytes. */
export function table(run: BenchRun): string {
  const floor = run.uncached.typename?.rps ?? NaN;
  const cachedFloor = run.cached?.typename?.rps ?? NaN;
  const rows = [
    '| query | req/s | p50 ms | p99 ms | share of `__typename` | target | cached req/s | cached p50/p99 ms | cached share | SQL statements | response bytes | errors |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const query of run.queries) {
    const u = run.uncached[query.name];
    const c = run.cached?.[query.name];
    const share = u.rps / (u.floor ?? floor);
    const target = UNCACHED_TARGETS[query.name];
    const verdict = target === undefined ? '—' : `≥ ${pct(target)} ${share >= target ? '✅' : '❌'}`;
    const cachedShare = c ? c.rps / (c.floor ?? cachedFloor) : NaN;
    const cachedVerdict = !c ? '—' : query.name === 'typename' ? '100%' : `${pct(cachedShare)} ${cachedShare >= CACHED_TARGET ? '✅' : '❌'}`;
    rows.push(
      `| ${query.name} | ${fmt(u.rps)} | ${fmt(u.p50, 1)} | ${fmt(u.p99, 1)} | ${query.name === 'typename' ? '100%' : pct(share)} | ${verdict} | ` +
        `${c ? fmt(c.rps) : '—'} | ${c ? `${fmt(c.p50, 1)} / ${fmt(c.p99, 1)}` : '—'} | ${cachedVerdict} | ` +
        `${run.statements[query.name] ?? '—'} | ${fmt(u.bytes)} | ${u.errors + (c?.errors ?? 0)} |`,
    );
  }
  return rows.join('\n');
}

/** The targets that are not about throughput: tail latency, errors, memory, start-up. */
export function checks(run: BenchRun): string[] {
  const lines: string[] = [];
  const tails = run.queries.flatMap((q) =>
    [['uncached', run.uncached[q.name]], ['cached', run.cached?.[q.name]]].flatMap(([label, r]) => {
      const result = r as LoadResult | undefined;
      return result && result.p99 > 10 * Math.max(result.p50, 1) ? [`${q.name} ${label as string}: p99 ${result.p99} ms > 10 × p50 ${result.p50} ms`] : [];
    }),
  );
  lines.push(tails.length === 0 ? '- p99 ≤ 10 × p50 for every query (p50 taken as at least 1 ms): ✅' : `- p99 ≤ 10 × p50: ❌ ${tails.join('; ')}`);
  const errors = run.queries.reduce((n, q) => n + run.uncached[q.name].errors + (run.cached?.[q.name]?.errors ?? 0), 0) + (run.mixed?.errors ?? 0);
  lines.push(`- errors (non-2xx, socket errors, timeouts, answers with GraphQL errors): ${errors} ${errors === 0 ? '✅' : '❌'}`);
  if (run.mixed) {
    const m = run.mixed;
    const grew = m.secondHalfMean > m.firstHalfMean * 1.05;
    lines.push(
      `- memory under the mixed load (${m.samples.length} s, ${fmt(m.rps)} req/s): RSS at 60 s ${m.rssAt60 === null ? 'n/a (run shorter than 60 s)' : `${fmt(m.rssAt60)} MB`}, ` +
        `max ${fmt(m.max)} MB ${m.max < 300 ? '✅ (< 300 MB)' : '❌ (≥ 300 MB)'}; mean of the first half ${fmt(m.firstHalfMean)} MB, of the second ${fmt(m.secondHalfMean)} MB ` +
        `${grew ? '❌ grew by more than 5%' : '✅ no growth'}`,
    );
  }
  lines.push(`- start-up to the first answered request: ${fmt(run.startupMs)} ms ${run.startupMs < 2000 ? '✅ (< 2 s)' : '❌ (≥ 2 s)'}`);
  return lines;
}

const floorRuns = (results: Record<string, LoadResult>) => (results.typename?.runs ?? []).map((rps) => fmt(rps)).join(', ');

/** The generated part of BENCHMARKS.md. */
export function markdown(run: BenchRun): string {
  return [
    `## Latest run: ${run.date}`,
    '',
    `- command: \`${run.command}\``,
    `- machine: ${run.machine}`,
    `- load average (1/5/15 min) before: ${run.loadBefore.map((n) => n.toFixed(2)).join(' / ')}, after: ${run.loadAfter.map((n) => n.toFixed(2)).join(' / ')} — the cores are shared with wrk (same machine) and with other work in the tree`,
    `- data: synthetic scale ${run.scale} (\`${run.database}\`); ${run.connections} connections; ${run.durationSeconds} s per query after a warm-up`,
    `- the floor, \`{ __typename }\`, is measured before the first query and after each; a query's share is of the mean of the two runs beside it, the floor's row gives the means of its runs (uncached: ${floorRuns(run.uncached)}${run.cached ? `; cached: ${floorRuns(run.cached)}` : ''} req/s)`,
    '',
    table(run),
    '',
    ...checks(run),
    ...writeLines(run.writes),
    '',
  ].join('\n');
}

/** The markers of a generated block of BENCHMARKS.md. */
export interface BlockMarkers {
  begin: string;
  end: string;
}

/** The block `npm run bench` writes. */
export const BENCH_BLOCK: BlockMarkers = { begin: '<!-- bench:begin (written by npm run bench) -->', end: '<!-- bench:end -->' };

/** BENCHMARKS.md with the generated part between `markers` replaced (or added), the hand-written rest kept. */
export function updateBenchmarks(existing: string | null, generated: string, markers: BlockMarkers = BENCH_BLOCK): string {
  const block = `${markers.begin}\n${generated}\n${markers.end}`;
  if (!existing) return `# Benchmarks\n\n${block}\n`;
  const start = existing.indexOf(markers.begin);
  const end = existing.indexOf(markers.end);
  if (start === -1 || end === -1) return `${existing.trimEnd()}\n\n${block}\n`;
  return existing.slice(0, start) + block + existing.slice(end + markers.end.length);
}

/** One server's side of the side-by-side run: each round's result and the CPU over all of them. */
export interface PeerSide {
  runs: LoadResult[];
  /** CPU of the server's Node process over the measured windows, in ms (null: /proc unreadable). */
  nodeMs: number | null;
  /** CPU of the database's PostgreSQL backends over the same windows, in ms. */
  postgresMs: number | null;
  bytes: number;
  /** Leaf values of the answer (ids, cursors and extensions aside). */
  values: number;
}

/** Our server and a peer on the same PostgreSQL database, alternating query by query. */
export interface PeerRun {
  date: string;
  command: string;
  machine: string;
  peer: string;
  scale: number;
  database: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  loadBefore: number[];
  loadAfter: number[];
  queries: readonly BenchQuery[];
  ours: Record<string, PeerSide>;
  /** null: the query has no equivalent on the peer. */
  theirs: Record<string, PeerSide | null>;
  /** Whether both answers hold the same leaf values (as multisets). */
  sameValues: Record<string, boolean>;
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sideRps = (side: PeerSide) => median(side.runs.map((r) => r.rps));
const requests = (side: PeerSide) => side.runs.reduce((n, r) => n + r.requests, 0);
const perRequest = (ms: number | null, side: PeerSide) => (ms === null || requests(side) === 0 ? null : ms / requests(side));
const cpuCell = (ms: number | null) => (ms === null ? 'n/a' : fmt(ms, 3));

/** One server's table: median req/s of the rounds, each round, latency, CPU per request, answer size. */
export function peerSideTable(run: PeerRun, sides: Record<string, PeerSide | null>): string {
  const rows = [
    '| query | req/s (median) | rounds req/s | p50 ms | p99 ms | Node CPU ms/req | PostgreSQL CPU ms/req | response bytes | leaf values | errors |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const query of run.queries) {
    const side = sides[query.name];
    if (!side) continue;
    rows.push(
      `| ${query.name} | ${fmt(sideRps(side))} | ${side.runs.map((r) => fmt(r.rps)).join(', ')} | ${fmt(median(side.runs.map((r) => r.p50)), 1)} | ` +
        `${fmt(median(side.runs.map((r) => r.p99)), 1)} | ${cpuCell(perRequest(side.nodeMs, side))} | ${cpuCell(perRequest(side.postgresMs, side))} | ` +
        `${fmt(side.bytes)} | ${fmt(side.values)} | ${side.runs.reduce((n, r) => n + r.errors, 0)} |`,
    );
  }
  return rows.join('\n');
}

/** Ours ÷ the peer's, per query the peer answers: throughput, and CPU per request (below 1: ours spends less). */
export function peerRatioTable(run: PeerRun): string {
  const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? 'n/a' : `${fmt(a / b, 2)}×`);
  const rows = [
    `| query | ours req/s | ${run.peer.split(' ')[0]} req/s | throughput ours ÷ peer | Node CPU/req ours ÷ peer | PostgreSQL CPU/req ours ÷ peer | same values |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const query of run.queries) {
    const ours = run.ours[query.name];
    const theirs = run.theirs[query.name];
    if (!theirs) {
      rows.push(`| ${query.name} | ${fmt(sideRps(ours))} | — | — | — | — | no equivalent |`);
      continue;
    }
    rows.push(
      `| ${query.name} | ${fmt(sideRps(ours))} | ${fmt(sideRps(theirs))} | ${ratio(sideRps(ours), sideRps(theirs))} | ` +
        `${ratio(perRequest(ours.nodeMs, ours), perRequest(theirs.nodeMs, theirs))} | ${ratio(perRequest(ours.postgresMs, ours), perRequest(theirs.postgresMs, theirs))} | ` +
        `${run.sameValues[query.name] ? `✅ ${fmt(ours.values)}` : `❌ ${fmt(ours.values)} / ${fmt(theirs.values)}`} |`,
    );
  }
  return rows.join('\n');
}

/** The block `npm run bench -- --peer postgraphile` writes. */
export const PEER_BLOCK: BlockMarkers = { begin: '<!-- bench-peer:begin (written by npm run bench -- --peer postgraphile) -->', end: '<!-- bench-peer:end -->' };

/** The generated part of BENCHMARKS.md for the side-by-side run. */
export function peerMarkdown(run: PeerRun): string {
  return [
    `### Latest side-by-side run: ${run.date}`,
    '',
    `- command: \`${run.command}\``,
    `- machine: ${run.machine}`,
    `- load average (1/5/15 min) before: ${run.loadBefore.map((n) => n.toFixed(2)).join(' / ')}, after: ${run.loadAfter.map((n) => n.toFixed(2)).join(' / ')}`,
    `- data: synthetic scale ${run.scale} in PostgreSQL (\`${run.database}\`), both servers on it at once; ${run.connections} connections; ` +
      `${run.durationSeconds} s per query after a ${run.warmupSeconds} s warm-up; ${run.rounds} rounds, each query on ours then on the peer`,
    `- peer: ${run.peer}`,
    '- CPU per request: utime + stime from /proc over the measured windows ÷ the requests answered in them; Node: the server process; ' +
      'PostgreSQL: the backends serving this database (by process title; other databases and background processes left out)',
    '',
    '**Ours**',
    '',
    peerSideTable(run, run.ours),
    '',
    `**${run.peer.split(' (')[0]}**`,
    '',
    peerSideTable(run, run.theirs),
    '',
    '**Ratios**',
    '',
    peerRatioTable(run),
    '',
  ].join('\n');
}
