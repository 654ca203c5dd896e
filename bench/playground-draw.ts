import fs from 'node:fs';
import type http from 'node:http';
import express from 'express';
import { buildSchema, graphqlSync } from 'graphql';
import { type Page, chromium } from 'playwright-core';
import { mountPlayground } from '../src/playground/playground';
import { invariant } from '../src/shared/errors';
import { projectPath } from '../src/shared/paths';
import { CYTOSCAPE_PROBE, LIVE_DRAWING } from '../test/support/browser-scripts';

/**
 * `npm run bench:draw`: time to first drawing of the Playground's Graph view for 100, 500 and
 * 2,000 nodes in headless Chromium (software rendering, --disable-gpu), and how smoothly it pans.
 *
 * The page is the real Playground (its assets, CSP and start-up script, served by mountPlayground
 * on a bare Express app); the GraphQL answers are SYNTHETIC: the schema's introspection comes from
 * schema/schema.graphql, and the benchmark's query is answered with a made-up `neighbors` answer of
 * n nodes (a tree, ten children a node, six types), so no database is needed.
 *
 * Measured in the page by the view itself (its User Timing measures, graph-view.js's DRAW_MEASURES):
 * from the answer reaching the view to cytoscape's first frame, split into extracting the graph,
 * laying it out and handing it to the renderer; "click to drawing" is the wall time from clicking
 * Run to that frame (it includes GraphiQL putting the JSON in its response editor). Panning: a
 * 2-second mouse drag across the canvas, frames the renderer drew per second (counted on the
 * drawing, which CYTOSCAPE_PROBE keeps) and the longest gap between animation frames.
 *
 * Usage: npm run bench:draw [-- --runs 3]
 */

const SIZES = [100, 500, 2000];
const TYPES = ['Forum', 'Session', 'Speaker', 'Organization', 'Publication', 'Quote'];
const RELATIONS = ['Session.forum', 'Speaker.sessions', 'Speaker.organization', 'Publication.mentions', 'Quote.speaker'];
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BENCH_QUERY = `query DrawBench($n: Int!) {
  neighbors(id: "bench", depth: 3, first: $n) {
    nodes { depth node { __typename id ... on Forum { title } } via { relation direction from { __typename id } } }
  }
}
`;

const globalId = (type: string, key: string) => Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');

/** A made-up neighbors answer of `n` nodes: the origin and n - 1 entries, each reached from its parent. */
function syntheticNeighbors(n: number): unknown {
  const node = (index: number) => {
    const type = TYPES[index % TYPES.length];
    return { __typename: type, id: globalId(type, `bench-${index}`), title: `${type} ${index}` };
  };
  const nodes = [];
  for (let index = 1; index < n; index++) {
    const parent = Math.floor((index - 1) / 10);
    const from = node(parent);
    nodes.push({
      depth: Math.max(1, Math.ceil(Math.log10(index + 1))),
      node: node(index),
      via: { relation: RELATIONS[index % RELATIONS.length], direction: 'OUT', from: { __typename: from.__typename, id: from.id } },
    });
  }
  return { data: { neighbors: { nodes } } };
}

interface Row {
  nodes: number;
  edges: number;
  extractMs: number;
  layoutMs: number;
  /** Handing the elements to the renderer (cytoscape's add, style and fit). */
  addMs: number;
  drawnMs: number;
  clickToDrawnMs: number;
  panFramesPerSecond: number;
  /** Frames drawn per mouse move of the drag: 1 means every move was drawn. */
  panMovesDrawn: number;
  longestFrameMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * An expression: the view's timings of its last drawing when that drawing has `n` nodes, else null.
 * The measure names are graph-view.js's DRAW_MEASURES.
 */
const lastDraw = (n: number) => `(() => {
  const entry = (name) => performance.getEntriesByName(name, 'measure').pop();
  const drawn = entry('graph view: answer to first frame');
  if (!drawn || drawn.detail.nodes !== ${n}) return null;
  return {
    nodes: drawn.detail.nodes,
    edges: drawn.detail.edges,
    extractMs: entry('graph view: extract').duration,
    layoutMs: entry('graph view: layout').duration,
    addMs: entry('graph view: add to renderer').duration,
    drawnMs: drawn.duration,
  };
})()`;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: run bash scripts/ensure-chromium.sh`);

  const app = express();
  mountPlayground(app, '/graphql');
  const server: http.Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const schema = buildSchema(fs.readFileSync(projectPath('schema', 'schema.graphql'), 'utf8'));

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      const samples: Row[] = [];
      for (let run = 0; run < runs; run++) samples.push(await measureOnce(n));
      const pick = (key: keyof Row) => median(samples.map((sample) => sample[key]));
      rows.push({
        nodes: pick('nodes'),
        edges: pick('edges'),
        extractMs: pick('extractMs'),
        layoutMs: pick('layoutMs'),
        addMs: pick('addMs'),
        drawnMs: pick('drawnMs'),
        clickToDrawnMs: pick('clickToDrawnMs'),
        panFramesPerSecond: pick('panFramesPerSecond'),
        panMovesDrawn: pick('panMovesDrawn'),
        longestFrameMs: pick('longestFrameMs'),
      });
    }
  } finally {
    await browser.close();
    server.close();
  }

  const chromiumVersion = browser.version();
  console.log(`Graph view, time to first drawing (synthetic neighbors answers; median of ${runs} runs; Chromium ${chromiumVersion}, --disable-gpu)`);
  console.log('');
  console.log('| nodes | edges | extract ms | layout ms | add to renderer ms | answer to first frame ms | click Run to first frame ms | pan: frames drawn/s | pan: frames per mouse move | pan: longest frame ms |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.nodes} | ${row.edges} | ${row.extractMs.toFixed(1)} | ${row.layoutMs.toFixed(1)} | ${Math.round(row.addMs)} | ${Math.round(row.drawnMs)} | ${Math.round(row.clickToDrawnMs)} | ${Math.round(row.panFramesPerSecond)} | ${row.panMovesDrawn.toFixed(2)} | ${Math.round(row.longestFrameMs)} |`,
    );
  }

  async function measureOnce(n: number): Promise<Row> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
    const answer = JSON.stringify(syntheticNeighbors(n));
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.origin !== origin) return route.abort('blockedbyclient');
      if (request.method() !== 'POST') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}') as { query?: string; operationName?: string };
      // (By the text: right after a tab switch GraphiQL may send no operation name.)
      const json = (body.query ?? '').includes('query DrawBench') ? answer : JSON.stringify(graphqlSync({ schema, source: body.query ?? '' }));
      return route.fulfill({ status: 200, contentType: 'application/json', body: json });
    });
    await context.addInitScript(CYTOSCAPE_PROBE);
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/graphql#query=${encodeURIComponent(BENCH_QUERY)}&variables=${encodeURIComponent(JSON.stringify({ n }))}`);
      // The link runs its query once: wait for that drawing, then open a fresh tab and time a run.
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ state: 'visible', timeout: 30_000 });
      await page.getByRole('button', { name: 'Graph', exact: true }).click();
      await poll(page, lastDraw(n), (value) => value !== null);
      await page.getByRole('button', { name: 'Add tab' }).click();
      const queryText = `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`;
      await poll(page, queryText, (text) => typeof text === 'string' && !text.includes('DrawBench'));
      await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(BENCH_QUERY)})`);
      await poll(page, queryText, (text) => text === BENCH_QUERY);
      await page.evaluate(`document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror.setValue(${JSON.stringify(JSON.stringify({ n }))})`);
      await poll(page, `(${LIVE_DRAWING} || { nodes: () => [] }).nodes().length`, (value) => value === 0);
      const clicked = Date.now();
      await page.locator('.graphiql-execute-button').click();
      const draw = (await poll(page, lastDraw(n), (value) => value !== null, 5)) as {
        nodes: number;
        edges: number;
        extractMs: number;
        layoutMs: number;
        addMs: number;
        drawnMs: number;
      };
      const clickToDrawnMs = Date.now() - clicked;

      // Pan: a drag for two seconds, from the point of the canvas farthest from any node (a drag
      // that starts on a node moves the node instead).
      const box = await page.locator('.pg-graph-canvas').boundingBox();
      invariant(box, 'the graph canvas has a box');
      const drawn = (await page.evaluate(`(() => {
        const cy = ${LIVE_DRAWING};
        const box = cy.container().getBoundingClientRect();
        return cy.nodes().map((node) => ({ x: box.left + node.renderedPosition('x'), y: box.top + node.renderedPosition('y') }));
      })()`)) as { x: number; y: number }[];
      let start = { x: box.x + 8, y: box.y + 8 };
      let best = -1;
      for (let i = 1; i < 10; i++) {
        for (let j = 1; j < 10; j++) {
          const point = { x: box.x + (box.width * i) / 10, y: box.y + (box.height * j) / 10 };
          const nearest = Math.min(...drawn.map((node) => Math.hypot(node.x - point.x, node.y - point.y)));
          if (nearest > best) {
            best = nearest;
            start = point;
          }
        }
      }
      await page.evaluate(`(() => {
        window.__frames = []; let last = performance.now(); window.__framing = true;
        const tick = () => { const now = performance.now(); window.__frames.push(now - last); last = now; if (window.__framing) requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      })()`);
      await page.evaluate(`(() => { window.__renders = 0; ${LIVE_DRAWING}.on('render', () => { window.__renders++; }); })()`);
      const started = Date.now();
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      const steps = 60;
      for (let step = 1; step <= steps; step++) {
        const angle = (step / steps) * 2 * Math.PI;
        await page.mouse.move(start.x + Math.sin(angle) * 60, start.y + (1 - Math.cos(angle)) * 40);
        await page.waitForTimeout(2000 / steps);
      }
      await page.mouse.up();
      const elapsed = (Date.now() - started) / 1000;
      const renders = (await page.evaluate('window.__renders')) as number;
      const frames = (await page.evaluate('(window.__framing = false, window.__frames.slice(1))')) as number[];
      return {
        nodes: draw.nodes,
        edges: draw.edges,
        extractMs: draw.extractMs,
        layoutMs: draw.layoutMs,
        addMs: draw.addMs,
        drawnMs: draw.drawnMs,
        clickToDrawnMs,
        panFramesPerSecond: renders / elapsed,
        panMovesDrawn: renders / steps,
        longestFrameMs: Math.max(...frames),
      };
    } finally {
      await context.close();
    }
  }
}

async function poll(page: Page, expression: string, accept: (value: unknown) => boolean, intervalMs = 50): Promise<unknown> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await page.evaluate(expression);
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}; last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
