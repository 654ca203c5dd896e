import fs from 'node:fs';
import fc from 'fast-check';
import { loadConfig } from '../src/config';
import { refusalOfQuery } from '../src/limits/document-guard';
import { type HostileRequest, MORE_SHAPES, TABLE_SHAPES, fragmentTree } from './hostile';
import { seedSyntheticFile, syntheticDatabasePath } from './seed-synthetic';
import { startServer } from './server-process';

/**
 * `npm run fuzz:hostile -- --minutes N`: the search for slow documents. fast-check grows
 * documents under the size limits from hostile shapes and their combinations, the server (as
 * `npm start` runs it, on a synthetic database) answers each, and the ten slowest are printed with
 * their time; the slowest found seed the next generation, grown and recombined. `--ci` runs a
 * bounded search and fails when any document takes more than 100 ms. The time of a document is
 * the best of three sends, each made new by a comment (so no kept verdict or parsed document
 * answers it), from the request's first byte to the answer's last, on loopback.
 */

const MAX_QUERY = 20_000;
const CI_LIMIT_MS = 100;

interface Args {
  minutes: number;
  ci: boolean;
  env: 'production' | 'development';
  seed: number;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const ci = argv.includes('--ci');
  const minutes = Number(value('minutes') ?? (ci ? 0.5 : 10));
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`--minutes: expected a positive number; received "${value('minutes')}"`);
  const env = value('env') ?? 'development';
  if (env !== 'production' && env !== 'development') throw new Error(`--env: expected production or development; received "${env}"`);
  const seed = Number(value('seed') ?? Date.now() % 1_000_000);
  return { minutes, ci, env, seed };
}

/** A gene: one hostile shape with its size; a document is one to three of them side by side. */
type Gene =
  | { kind: 'repeat'; field: string; times: number }
  | { kind: 'aliases'; times: number; distinct: boolean }
  | { kind: 'tree'; depth: number; fanout: number }
  | { kind: 'wide'; fragments: number; fields: number }
  | { kind: 'nest'; depth: number; repeat: number }
  | { kind: 'directives'; times: number }
  | { kind: 'arguments'; times: number; distinct: boolean }
  | { kind: 'literal'; depth: number; width: number }
  | { kind: 'unused'; fragments: number }
  | { kind: 'operations'; count: number }
  | { kind: 'diamond'; fragments: number; repeat: number }
  | { kind: 'string'; length: number }
  | { kind: 'conflicts'; times: number }
  | { kind: 'fragments'; count: number; fields: number };

const FIELDS = ['__typename', 'forums { totalCount }', 'forums { nodes { id title } }', 'regions(first: 1) { nodes { name } }'];

const gene: fc.Arbitrary<Gene> = fc.oneof(
  fc.record({ kind: fc.constant('repeat' as const), field: fc.constantFrom(...FIELDS), times: fc.integer({ min: 1, max: 7000 }) }),
  fc.record({ kind: fc.constant('aliases' as const), times: fc.integer({ min: 1, max: 1500 }), distinct: fc.boolean() }),
  fc.record({ kind: fc.constant('tree' as const), depth: fc.integer({ min: 1, max: 40 }), fanout: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('wide' as const), fragments: fc.integer({ min: 1, max: 60 }), fields: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 3000 }), repeat: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('directives' as const), times: fc.integer({ min: 1, max: 1500 }) }),
  fc.record({ kind: fc.constant('arguments' as const), times: fc.integer({ min: 1, max: 2500 }), distinct: fc.boolean() }),
  fc.record({ kind: fc.constant('literal' as const), depth: fc.integer({ min: 1, max: 3000 }), width: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ kind: fc.constant('unused' as const), fragments: fc.integer({ min: 1, max: 1200 }) }),
  fc.record({ kind: fc.constant('operations' as const), count: fc.integer({ min: 1, max: 800 }) }),
  fc.record({ kind: fc.constant('diamond' as const), fragments: fc.integer({ min: 1, max: 200 }), repeat: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('string' as const), length: fc.integer({ min: 1, max: 19_500 }) }),
  fc.record({ kind: fc.constant('conflicts' as const), times: fc.integer({ min: 1, max: 1500 }) }),
  fc.record({ kind: fc.constant('fragments' as const), count: fc.integer({ min: 1, max: 700 }), fields: fc.integer({ min: 1, max: 20 }) }),
);

/** A gene as a selection for the root operation and the fragments (or operations) it needs. */
function express(g: Gene, tag: string): { selection: string; definitions: string; variables?: Record<string, unknown> } {
  switch (g.kind) {
    case 'repeat':
      return { selection: `${g.field} `.repeat(g.times), definitions: '' };
    case 'aliases':
      return { selection: Array.from({ length: g.times }, (_, i) => `${g.distinct ? `${tag}a${i}` : `${tag}a`}: __typename`).join(' '), definitions: '' };
    case 'tree': {
      const tree = fragmentTree(g.depth, g.fanout).replace(/F(\d+)/g, `${tag}F$1`);
      const at = tree.indexOf('}');
      return { selection: tree.slice('query {'.length, at), definitions: tree.slice(at + 1) };
    }
    case 'wide':
      return {
        selection: Array.from({ length: g.fragments }, (_, i) => `...${tag}W${i}`).join(' '),
        definitions: Array.from({ length: g.fragments }, (_, i) => `fragment ${tag}W${i} on Query { ${'__typename '.repeat(g.fields)}}`).join(' '),
      };
    case 'nest': {
      // forums → nodes → (sessions → nodes → forum)×k: a valid path, repeated side by side.
      const k = Math.ceil(g.depth / 3);
      const one = `forums { nodes { ${'sessions { nodes { forum { '.repeat(k)}title${' } } }'.repeat(k)} } }`;
      return { selection: `${one} `.repeat(g.repeat), definitions: '' };
    }
    case 'directives':
      return { selection: `__typename ${'@include(if: true) '.repeat(g.times)}`, definitions: '' };
    case 'arguments':
      return { selection: `forums(${Array.from({ length: g.times }, (_, i) => (g.distinct ? `a${i}: ${i}` : 'first: 1')).join(' ')}) { totalCount }`, definitions: '' };
    case 'literal':
      return { selection: `forums(where: ${'{AND:['.repeat(g.depth)}${Array(g.width).fill('{}').join(',')}${']}'.repeat(g.depth)}) { totalCount }`, definitions: '' };
    case 'unused':
      return { selection: '__typename', definitions: Array.from({ length: g.fragments }, (_, i) => `fragment ${tag}U${i} on Query { __typename }`).join(' ') };
    case 'operations':
      return { selection: '__typename', definitions: Array.from({ length: g.count }, (_, i) => `query ${tag}Q${i} { __typename }`).join(' ') };
    case 'diamond':
      // Every fragment spreads all the ones after it `repeat` times: a dense DAG.
      return {
        selection: `...${tag}D0`,
        definitions: Array.from({ length: g.fragments }, (_, i) =>
          `fragment ${tag}D${i} on Query { __typename ${Array.from({ length: Math.min(g.repeat, g.fragments - i - 1) }, (_, j) => `...${tag}D${i + 1 + j}`).join(' ')} }`,
        ).join(' '),
      };
    case 'string':
      return { selection: `search(query: "${'я'.repeat(g.length)}") { totalCount }`, definitions: '' };
    case 'fragments':
      // Distinct fragments side by side, each with fields of names of its own: graphql-js compares every pair.
      return {
        selection: Array.from({ length: g.count }, (_, i) => `...${tag}P${i}`).join(' '),
        definitions: Array.from({ length: g.count }, (_, i) => `fragment ${tag}P${i} on Query { ${Array.from({ length: g.fields }, (_, j) => `${tag}p${i}_${j}: __typename`).join(' ')} }`).join(' '),
      };
    case 'conflicts':
      return { selection: Array.from({ length: g.times }, (_, i) => `${tag}x: ${i % 2 ? '__typename' : 'forums { totalCount }'}`).join(' '), definitions: '' };
  }
}

/** The document of a set of genes, or null when it would be over the query length limit. */
function documentOf(genes: readonly Gene[]): HostileRequest | null {
  const parts = genes.map((g, i) => express(g, `g${i}`));
  const query = `{ ${parts.map((p) => p.selection).join(' ')} } ${parts.map((p) => p.definitions).join(' ')}`;
  if (query.length > MAX_QUERY) return null;
  return { name: genes.map(describe).join(' + '), query };
}

function describe(g: Gene): string {
  return `${g.kind}(${Object.entries(g).filter(([k]) => k !== 'kind').map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/** A gene grown towards the size limit: each numeric parameter scaled by `factor`. */
function grow(g: Gene, factor: number): Gene {
  const next = { ...g } as Record<string, unknown>;
  for (const [key, value] of Object.entries(g)) if (typeof value === 'number') next[key] = Math.max(1, Math.round(value * factor));
  return next as Gene;
}

/** Makes every send a new document (a comment), so that no kept verdict or parse answers it. */
let sends = 0;

/**
 * The time of a request: the best of `times` sends (the median with `median`), each made new. A
 * slow one is not sent again: once is enough to know it is slow.
 */
async function timeOf(url: string, request: HostileRequest, times = 3, median = false): Promise<{ ms: number; status: number; code: string }> {
  let best = Number.POSITIVE_INFINITY;
  const all: number[] = [];
  let status = 0;
  let code = '';
  for (let i = 0; (i < times && best < 1000) || i === 0; i++) {
    sends += 1;
    const body = JSON.stringify({ query: `${request.query}\n#${sends}`, variables: request.variables });
    const started = performance.now();
    let failure = '';
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(60_000) }).catch((error: Error) => {
      failure = (error.cause as Error | undefined)?.message ?? error.message;
      return null;
    });
    if (!response) return { ms: performance.now() - started, status: 0, code: `no answer: ${failure}` };
    const text = await response.text();
    best = Math.min(best, performance.now() - started);
    all.push(performance.now() - started);
    status = response.status;
    try {
      code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? 'data';
    } catch {
      code = `not JSON: ${text.slice(0, 40)}`;
    }
  }
  all.sort((a, b) => a - b);
  return { ms: median ? all[Math.floor(all.length / 2)] : best, status, code };
}

/** How many of the search's slowest are timed again, and how often each is sent then. */
const CONFIRMED = 30;
const CONFIRM_SENDS = 15;

interface Found extends HostileRequest {
  ms: number;
  status: number;
  code: string;
  genes?: Gene[];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const database = syntheticDatabasePath(0.01);
  if (!fs.existsSync(database)) await seedSyntheticFile({ scale: 0.01, seed: 1, database, force: false }, false);
  const server = await startServer(database, { NODE_ENV: args.env });
  const found: Found[] = [];
  const problems: string[] = [];
  const judge = (result: Found) => {
    found.push(result);
    if (result.status >= 500 || result.status === 0 || result.code.startsWith('not JSON')) problems.push(`${result.name}: ${result.status} ${result.code}`);
    if (result.status === 0) {
      throw new Error(`the server stopped answering at ${result.name} (${result.code}; ${server.exit() ?? 'still running'}); the query was:\n${result.query.slice(0, 2000)}`);
    }
  };
  try {
    console.log(`Hostile documents against the server with NODE_ENV=${args.env}, seed ${args.seed}, ${args.minutes} min.\n`);
    // A warm server is measured: V8 compiles the lexer, the parser and the guard on first use.
    for (let round = 0; round < 5; round++) for (const shape of [...TABLE_SHAPES, ...MORE_SHAPES]) await timeOf(server.url, shape);
    // The floor: what a trivial query costs on the same path (HTTP, JSON, the client's own work).
    let floor = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 20; i++) floor = Math.min(floor, (await timeOf(server.url, { name: 'floor', query: '{ __typename }' })).ms);
    console.log(`Floor: \`{ __typename }\` answers in ${floor.toFixed(1)} ms (best of 60); "over" is a document's time less the floor.\n`);
    console.log('"guard" is the document guard\'s own decision, timed in this process (best of 10): the part of the server\'s time that is ours.\n');
    console.log('| shape | size | answer | ms | over | guard |\n| --- | ---: | --- | ---: | ---: | ---: |');
    const { limits } = loadConfig({});
    for (const shape of [...TABLE_SHAPES, ...MORE_SHAPES]) {
      const result = { ...shape, ...(await timeOf(server.url, shape)) };
      judge(result);
      const size = JSON.stringify({ query: shape.query, variables: shape.variables }).length;
      let guard = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        refusalOfQuery(`${shape.query}\n#${i}`, limits);
        guard = Math.min(guard, performance.now() - started);
      }
      console.log(`| ${shape.name} | ${(size / 1000).toFixed(1)} KB | ${result.status} ${result.code} | ${result.ms.toFixed(1)} | ${(result.ms - floor).toFixed(1)} | ${guard.toFixed(2)} |`);
    }
    const until = Date.now() + args.minutes * 60_000;
    const random = lcg(args.seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const genes = fc.array(gene, { minLength: 1, maxLength: 3 });
    let fresh: Gene[][] = [];
    let batch = 0;
    let tried = 0;
    while (Date.now() < until) {
      // Half the time a fresh combination; else one of the slowest so far, grown or recombined.
      const slow = found.filter((f) => f.genes).sort((a, b) => b.ms - a.ms).slice(0, 10);
      let candidate: Gene[];
      const roll = random();
      if (slow.length === 0 || roll < 0.5) {
        if (fresh.length === 0) fresh = fc.sample(genes, { seed: args.seed + batch++, numRuns: 100 });
        candidate = fresh.pop() as Gene[];
      } else if (roll < 0.75) {
        candidate = (pick(slow).genes as Gene[]).map((g) => grow(g, 1 + random()));
      } else {
        candidate = [...(pick(slow).genes as Gene[]), ...(pick(slow).genes as Gene[])].slice(0, 3);
      }
      const request = documentOf(candidate);
      if (!request) continue;
      tried += 1;
      judge({ ...request, ...(await timeOf(server.url, request)), genes: candidate });
    }
    const byName = new Map<string, Found>();
    for (const f of found) if ((byName.get(f.name)?.ms ?? -1) < f.ms) byName.set(f.name, f);
    // The search keeps the best of three sends of each of thousands of documents, so its slowest
    // are partly the noisiest (a GC pause, the other core busy). Its slowest are timed again, the
    // median of 15 sends each, and ranked by that; the floor is timed the same way beside them.
    const candidates = [...byName.values()].sort((a, b) => b.ms - a.ms).slice(0, CONFIRMED);
    const confirmedFloor = (await timeOf(server.url, { name: 'floor', query: '{ __typename }' }, CONFIRM_SENDS, true)).ms;
    const confirmed: { found: Found; ms: number }[] = [];
    for (const f of candidates) confirmed.push({ found: f, ms: (await timeOf(server.url, f, CONFIRM_SENDS, true)).ms });
    const slowest = confirmed.sort((a, b) => b.ms - a.ms).slice(0, 10);
    console.log(`\nThe ten slowest of ${tried} grown documents and ${TABLE_SHAPES.length + MORE_SHAPES.length} shapes: the search's ${CONFIRMED} slowest (best of 3 sends) timed again, the median of ${CONFIRM_SENDS} sends each (the floor the same way: ${confirmedFloor.toFixed(1)} ms):\n`);
    console.log('| document | size | answer | search, ms | median, ms | median over the floor |\n| --- | ---: | --- | ---: | ---: | ---: |');
    for (const { found: f, ms } of slowest) {
      console.log(
        `| ${f.name} | ${(JSON.stringify({ query: f.query, variables: f.variables }).length / 1000).toFixed(1)} KB | ${f.status} ${f.code} | ${f.ms.toFixed(1)} | ${ms.toFixed(1)} | ${(ms - confirmedFloor).toFixed(1)} |`,
      );
    }
    const tooSlow = found.filter((f) => f.ms > CI_LIMIT_MS);
    if (problems.length > 0) console.error(`\nServer errors or non-JSON answers:\n${problems.join('\n')}`);
    if (args.ci && tooSlow.length > 0) console.error(`\n${tooSlow.length} documents took more than ${CI_LIMIT_MS} ms.`);
    if (problems.length > 0 || (args.ci && tooSlow.length > 0)) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

/** A small seeded generator for the search's own choices (fast-check makes the documents). */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

main().catch((error: Error) => {
  console.error(`fuzz:hostile: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
