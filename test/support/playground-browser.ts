import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { type Database, openDatabase } from '../../src/db/data-source';
import { ENTITIES } from '../../src/entities';
import { createSchema } from '../../src/schema';
import { type Server, createServer, listen } from '../../src/server';
import { projectPath } from '../../src/shared/paths';
import { loadSeeds } from '../../seeds/load';
import { readSeedSet } from '../../seeds/read';
import { createToken } from '../../src/modules/auth/auth.tokens';
import { documentsOf } from '../../src/modules/writes/write-state';
import { contentTables, openDraft } from '../../src/stages';
import { request } from './app';
import { CYTOSCAPE_PROBE, LIVE_DRAWING } from './browser-scripts';
import { CHROMIUM } from './services';

/**
 * The Playground's browser suites share this: the real server on a fresh SQLite database seeded
 * with the real data set, and a headless Chromium that may talk to nothing but that server.
 */

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** Where the suites save their screenshots (artifacts to look at). */
export const SCREENSHOT_DIR = process.env.PLAYGROUND_SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'playground-browser-test');

export interface PlaygroundServer {
  /** e.g. http://127.0.0.1:43121 */
  origin: string;
  /** The GraphQL endpoint, which is also the Playground page: `${origin}/graphql`. */
  endpoint: string;
  /** Makes an API token of `role` (e.g. 'EDITOR') and returns its secret. */
  createToken(name: string, role: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a fresh SQLite database seeded with the real data set; with `draft`,
 * also its DRAFT stage (a copy of the published records), which EDITOR tokens read.
 */
export async function startPlaygroundServer(options: { draft?: boolean } = {}): Promise<PlaygroundServer> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-test-'));
  let database: Database | undefined;
  let draft: Database | null = null;
  let server: Server | undefined;
  const stop = async () => {
    await server?.stop();
    await draft?.close();
    await database?.dataSource.destroy();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: path.join(tmpDir, 'pg.sqlite') });
    database = await openDatabase(config.database, { entities: ENTITIES });
    await loadSeeds(database.dataSource, projectPath('seeds'));
    if (options.draft) {
      draft = await openDraft(database, config.database, contentTables(ENTITIES), {
        entities: ENTITIES,
        documents: () => documentsOf(readSeedSet(projectPath('seeds'))),
      });
    }
    server = await createServer(config, database, await createSchema(), { draft });
    const port = await listen(server, 0, '127.0.0.1');
    const origin = `http://127.0.0.1:${port}`;
    const published = database;
    return {
      origin,
      endpoint: `${origin}/graphql`,
      createToken: (name, role) => createToken(published.dataSource, published.dialect, name, role),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Headless Chromium from /usr/bin/chromium, with the suites' flags (`extraArgs` appended). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Launches Chromium (`extraArgs` appended) before the enclosing block's tests and closes it after
 * them; call it in a describe block. Returns the browser, undefined until launched.
 */
export function useChromium(extraArgs: string[] = []): () => Browser | undefined {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(extraArgs);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser;
}

/** POSTs `query` to the server (as `as.token`'s bearer) and returns its data, failing the test on any GraphQL error. */
export async function graphqlData<T = Record<string, unknown>>(
  server: PlaygroundServer,
  query: string,
  variables?: Record<string, unknown>,
  as: { token?: string } = {},
): Promise<T> {
  const { body } = await request<{ data?: T; errors?: unknown }>(server.endpoint, { json: { query, variables }, token: as.token });
  expect(body.errors).toBeUndefined();
  return body.data!;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make anywhere but the server under test (all were blocked). */
  outside: string[];
  consoleErrors: string[];
}

/**
 * Opens `url` (the Playground page by default) in a new context whose every request to another
 * origin is aborted and recorded (and those `options.abort` picks are aborted too), and waits for
 * GraphiQL's query editor. The page keeps its cytoscape drawings for the tests (CYTOSCAPE_PROBE).
 */
export async function openPlayground(
  browser: Browser | undefined,
  server: PlaygroundServer,
  url: string = server.endpoint,
  options: { abort?: (url: URL) => boolean } = {},
): Promise<OpenedPage> {
  if (!browser) throw new Error('Chromium did not start');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  const outside: string[] = [];
  await context.route('**/*', async (route) => {
    const requested = new URL(route.request().url());
    if (options.abort?.(requested)) {
      await route.abort('blockedbyclient');
    } else if (requested.origin === server.origin) {
      await route.continue();
    } else {
      outside.push(requested.href);
      await route.abort('blockedbyclient');
    }
  });
  await context.addInitScript(CYTOSCAPE_PROBE);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  const response = await page.goto(url);
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
  await page.locator(QUERY_EDITOR).waitFor({ state: 'visible', timeout: 30_000 });
  return { context, page, outside, consoleErrors };
}

/**
 * An expression that imports the Playground's module `name` (e.g. 'chart-view.js') in the page: the
 * page's own instance, from the URL its entry module's imports resolve to (the import map adds the
 * hash). Evaluate it inside an async function: `(async () => { const { mount } = await ${pageModule('chart-view.js')}; ... })()`.
 */
export const pageModule = (name: string) =>
  `import(new URL(${JSON.stringify(name)}, document.querySelector('script[type="module"]').src).href)`;

export const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
export const RESPONSE = '.graphiql-response .CodeMirror';

/**
 * An expression that reads a CodeMirror editor's whole text (CodeMirror only renders the visible
 * lines, so the DOM would not do). Page functions are strings so that no transpiler or coverage
 * tool rewrites them.
 */
export const editorValue = (selector: string) =>
  `(() => { const el = document.querySelector(${JSON.stringify(selector)}); return el && el.CodeMirror ? el.CodeMirror.getValue() : ''; })()`;

/** Opens GraphiQL's Headers tab and sets its text to `headers` as JSON (a token the page's requests send). */
export async function setHeaders(page: Page, headers: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Headers', exact: true }).click();
  await page.evaluate(`(() => {
    const editors = [...document.querySelectorAll('.graphiql-editor-tool .graphiql-editor')];
    const headers = editors.find((editor) => !editor.classList.contains('hidden')).querySelector('.CodeMirror');
    headers.CodeMirror.setValue(${JSON.stringify(JSON.stringify(headers))});
  })()`);
}

/**
 * Evaluates `expression` in the page until `accept` holds for its value, and returns that value.
 * (Not page.waitForFunction: with a string it compiles the predicate inside the page, which the
 * page's CSP forbids, as it should.)
 */
export async function pollPage<T>(
  page: Page,
  expression: string,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = (await page.evaluate(expression)) as T;
  while (!accept(value)) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not happen within ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    }
    await page.waitForTimeout(100);
    value = (await page.evaluate(expression)) as T;
  }
  return value;
}

/** Polls an editor until its text contains `needle`, and returns the text. */
export async function waitForEditor(page: Page, selector: string, needle: string, timeoutMs = 30_000): Promise<string> {
  try {
    return await pollPage<string>(page, editorValue(selector), (text) => text.includes(needle), selector, timeoutMs);
  } catch {
    const text = (await page.evaluate(editorValue(selector))) as string;
    throw new Error(`${selector} did not show ${JSON.stringify(needle)} within ${timeoutMs} ms; it shows: ${text.slice(0, 500)}`);
  }
}

/** Saves a screenshot of the page under SCREENSHOT_DIR and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Runs `check` on the page `open` opens, then asserts that the page requested nothing outside the
 * server under test and logged no console error (unless `allowConsoleErrors`: a test that breaks
 * the page on purpose), and closes its context whatever happened. Returns what `check` returns.
 */
export async function withPlaygroundPage<T>(
  open: Promise<OpenedPage>,
  check: (page: Page, opened: OpenedPage) => Promise<T>,
  options: { allowConsoleErrors?: boolean } = {},
): Promise<T> {
  const opened = await open;
  try {
    const result = await check(opened.page, opened);
    expect(opened.outside).toEqual([]);
    if (!options.allowConsoleErrors) expect(opened.consoleErrors).toEqual([]);
    return result;
  } finally {
    await opened.context.close();
  }
}

export interface DrawnNode {
  /** The record's id, type and label; the list fallback shows no id and no position. */
  id?: string;
  type: string;
  label: string;
  position?: { x: number; y: number };
  /** Where the node is on the page, in CSS pixels. */
  page?: { x: number; y: number };
}
export interface DrawnEdge {
  source: string;
  target: string;
  label: string;
}
export interface Drawing {
  renderer: 'cytoscape' | 'list';
  nodeCount: number;
  edgeCount: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  highlighted: { nodes: string[]; edges: DrawnEdge[] };
}

/**
 * An expression: what the Graph view shows, read in the page: cytoscape's drawing (the highlighted nodes in the order of the chain
 * their highlighted edges make), or the text list where the canvas says the drawing failed; null
 * before the view is open.
 */
export const READ_DRAWING = `(() => {
  const cy = ${LIVE_DRAWING};
  if (cy) {
    const box = cy.container().getBoundingClientRect();
    const edge = (e) => ({ source: e.data('source'), target: e.data('target'), label: e.data('label') });
    const onPath = cy.edges('.on-path').map(edge);
    const entered = new Set(onPath.map((e) => e.target));
    const chain = [];
    for (let at = onPath.map((e) => e.source).find((id) => !entered.has(id)); at !== undefined && chain.length <= onPath.length; ) {
      chain.push(at);
      const next = onPath.find((e) => e.source === at);
      at = next && next.target;
    }
    const rank = (id) => (chain.includes(id) ? chain.indexOf(id) : chain.length);
    return {
      renderer: 'cytoscape',
      nodeCount: cy.nodes().length,
      edgeCount: cy.edges().length,
      nodes: cy.nodes().map((n) => ({
        id: n.id(), type: n.data('type'), label: n.data('label'),
        position: { x: n.position('x'), y: n.position('y') },
        page: { x: box.left + n.renderedPosition('x'), y: box.top + n.renderedPosition('y') },
      })),
      edges: cy.edges().map(edge),
      highlighted: {
        nodes: cy.nodes('.on-path').map((n) => n.id()).sort((a, b) => rank(a) - rank(b)),
        edges: onPath.sort((a, b) => rank(a.source) - rank(b.source)),
      },
    };
  }
  const list = document.querySelector('.pg-graph-canvas-failed') && document.querySelector('.pg-graph-list:not([hidden])');
  if (!list || !list.querySelector('h3')) return null;
  const nodes = [...list.querySelectorAll('.pg-graph-list-nodes li')].map((li) => ({ label: li.querySelector('button').textContent, type: li.querySelector('span').textContent.trim() }));
  const edgeCount = list.querySelectorAll('.pg-graph-list-edges li').length;
  return { renderer: 'list', nodeCount: nodes.length, edgeCount, nodes, edges: [], highlighted: { nodes: [], edges: [] } };
})()`;
