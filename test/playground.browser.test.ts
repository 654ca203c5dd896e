import 'reflect-metadata';
import fs from 'node:fs';
import { type OperationDefinitionNode, parse, print } from 'graphql';
import { ASSET_NAMES } from '../src/playground/assets';
import {
  EXAMPLE_FORUM_ID,
  EXAMPLE_PUBLICATION_ID,
  EXAMPLE_SPEAKER_ID,
  PLAYGROUND_EXAMPLES,
} from '../src/playground/examples';
import { jsonForScript } from '../src/playground/html';
import {
  QUERY_EDITOR,
  RESPONSE,
  type PlaygroundServer,
  editorValue,
  openPlayground as openPage,
  saveScreenshot,
  startPlaygroundServer,
  useChromium,
  waitForEditor,
  withPlaygroundPage,
} from './support/playground-browser';
import { request } from './support/app';
import { describeWith } from './support/services';

/**
 * The Playground end to end: the real server on a fresh SQLite database seeded with the real data
 * set, and a real headless Chromium that may talk to nothing but that server
 * (test/support/playground-browser.ts).
 *
 * Chromium must be at /usr/bin/chromium (scripts/ensure-chromium.sh). Without it the browser tests
 * are skipped with a line saying so, except under CI=true, where the run fails: a green CI run
 * always means the page really rendered.
 */

/** What Chromium sends when it navigates to a page. */
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const FORUM_TITLE = 'VIII Байкальский образовательный форум';
const OPEN_DAY_TITLE = 'Единый день открытых дверей';

let server: PlaygroundServer | undefined;
let origin: string;
let endpoint: string;

beforeAll(async () => {
  server = await startPlaygroundServer();
  origin = server.origin;
  endpoint = server.endpoint;
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

/** The asset URLs the page references, resolved against the page's address. */
function assetUrls(html: string, pageUrl: string): URL[] {
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  return urls.filter((url) => !url.startsWith('data:')).map((url) => new URL(url.replace(/&amp;/g, '&'), pageUrl));
}

describe('Playground over HTTP', () => {
  it('serves the page to a browser, with the examples as escaped JSON', async () => {
    const response = await request(endpoint, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('vary')).toMatch(/accept/i);
    const html = response.text;
    expect(html).toContain('<title>Профессионалитет — content graph</title>');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing from the internet

    const config = /<script type="application\/json" id="playground-config">([^]*?)<\/script>/.exec(html)?.[1];
    expect(config).toMatch(/^\{"/);
    expect(config).not.toContain('<');
    expect(JSON.parse(config!).examples).toEqual(JSON.parse(JSON.stringify(PLAYGROUND_EXAMPLES)));

    // The CSV exports the page links to: those GET /export offers without a token, at the same URLs.
    const exports = (JSON.parse(config!) as { exports: { field: string; file: string; parameters: Record<string, string> }[] }).exports;
    const listing = (await request<{ exports: { list: string; csv: string }[] }>(`${origin}/export`)).body;
    expect(exports.map((link) => [link.field, `/export/${link.file}`])).toEqual(listing.exports.map((entry) => [entry.list, entry.csv]));
    expect(exports.find((link) => link.field === 'forums')?.parameters).toEqual({ where: 'json', orderBy: 'json', stage: 'enum' });
  });

  it('escapes "<" (and so "</script>") in the embedded JSON', () => {
    const text = jsonForScript({ query: '</script><script>alert(1)</script> & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ query: '</script><script>alert(1)</script> & \u2028' });
  });

  it('leaves API requests to Apollo: Accept: application/json, or a query parameter', async () => {
    const preflight = { 'apollo-require-preflight': 'true' };
    const json = await request(`${endpoint}?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: 'application/json', ...preflight },
    });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({ data: { __typename: 'Query' } });

    // A browser following a GET link with a query gets the result, not the page.
    const fromBrowser = await request(`${endpoint}?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: BROWSER_ACCEPT, ...preflight },
    });
    expect(fromBrowser.headers.get('content-type')).toMatch(/^application\/json/);
    expect(fromBrowser.body).toMatchObject({ data: { __typename: 'Query' } });

    const post = await request(endpoint, { json: { query: '{__typename}' }, headers: { accept: BROWSER_ACCEPT } });
    expect(post.body).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('serves every asset the page uses from the allow-list, with its content type and cache headers', async () => {
    const html = (await request(endpoint, { headers: { accept: 'text/html' } })).text;
    const urls = assetUrls(html, endpoint);
    expect(urls.map((url) => url.pathname.replace('/graphql/assets/', '')).sort()).toEqual([...ASSET_NAMES].sort());
    for (const url of urls) {
      expect(url.origin).toBe(origin);
      const response = await request(url);
      expect({ url: url.pathname, status: response.status }).toEqual({ url: url.pathname, status: 200 });
      const type = url.pathname.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.bytes.length).toBeGreaterThan(500);
    }

    const unversioned = await request(`${origin}/graphql/assets/graphiql.min.js`);
    expect(unversioned.status).toBe(200);
    expect(unversioned.headers.get('cache-control')).toBe('no-cache');
    const etag = unversioned.headers.get('etag');
    // The hash the page versions the asset by, of the gzipped body fetch asked for.
    const version = urls.find((url) => url.pathname.endsWith('/graphiql.min.js'))?.searchParams.get('v');
    expect(etag).toBe(`"${version}-gz"`);
    // (fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, which forbids a 304.)
    const again = await request(`${origin}/graphql/assets/graphiql.min.js`, {
      headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for anything under assets/ that is not on the allow-list', async () => {
    for (const rest of [
      'graphiql.min.js.map',
      'package.json',
      '..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '..%5c..%5cpackage.json',
      'umd/react.production.min.js',
      '__proto__',
      'constructor',
      '',
    ]) {
      const response = await request(`${origin}/graphql/assets/${rest}`);
      expect({ rest, status: response.status }).toEqual({ rest, status: 404 });
      expect(response.text).toBe('Not Found');
    }
  });

  it('runs every example without errors (one that needs a token is refused without one)', async () => {
    for (const example of PLAYGROUND_EXAMPLES) {
      if (example.role) {
        const refused = await request(endpoint, { json: { query: example.query, operationName: example.name, variables: example.variables } });
        expect({ name: example.name, status: refused.status }).toEqual({ name: example.name, status: 403 });
        continue;
      }
      const { body } = await request<{ data?: Record<string, unknown>; errors?: unknown }>(endpoint, {
        json: { query: example.query, operationName: example.name, variables: example.variables },
      });
      // Every root field the example asks for, each with a value: the real data set has them all.
      const operation = parse(example.query).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name?.value === example.name);
      const roots = operation?.selectionSet.selections.map((selection) => (selection.kind === 'Field' ? (selection.alias ?? selection.name).value : selection.kind));
      const data = body.data ?? {};
      expect({ name: example.name, errors: body.errors, fields: Object.keys(data), nulls: Object.keys(data).filter((field) => data[field] === null) }).toEqual({
        name: example.name,
        errors: undefined,
        fields: roots,
        nulls: [],
      });
    }
  });
});

/** Runs the example named `name` with its variables and returns its data (failing on errors). */
async function runExample(name: string): Promise<Record<string, unknown>> {
  const example = PLAYGROUND_EXAMPLES.find((candidate) => candidate.name === name);
  if (!example) throw new Error(`no example named ${name}`);
  const { body } = await request<{ data?: Record<string, unknown>; errors?: unknown }>(endpoint, {
    json: { query: example.query, operationName: example.name, variables: example.variables },
  });
  expect({ name, errors: body.errors }).toEqual({ name, errors: undefined });
  return body.data!;
}

describe('Playground examples on the real data', () => {
  it('use the global IDs of the records their comments name', () => {
    const id = (key: string) => Buffer.from(key).toString('base64url');
    expect(EXAMPLE_FORUM_ID).toBe(id('Forum:baikal-education-forum-8'));
    expect(EXAMPLE_SPEAKER_ID).toBe(id('Speaker:neumyvakin-viktor'));
    expect(EXAMPLE_PUBLICATION_ID).toBe(id('Publication:ref-telegram-baikal-forum-8'));
  });

  it('Search finds other word forms, with highlights', async () => {
    const data = (await runExample('Search')) as {
      search: { totalCount: number; edges: { node: { score: number; highlight: string | null; node: { title?: string } } }[] };
    };
    expect(data.search.totalCount).toBeGreaterThan(0);
    const highlights = data.search.edges.map((edge) => edge.node.highlight ?? '');
    expect(highlights.some((highlight) => /<b>кадры<\/b>/i.test(highlight))).toBe(true);
    expect(data.search.edges.map((edge) => edge.node.node.title)).toContain('Педагогические кадры СПО новой формации');
  });

  it('Aggregates groups events by kind and year and clusters by district', async () => {
    const data = (await runExample('Aggregates')) as {
      clusterEventStats: { key: { kind: string; year: number | null }; count: number }[];
      clusterStats: { key: { federalDistrict: { name: string } | null }; count: number }[];
    };
    expect(data.clusterEventStats).toContainEqual(
      expect.objectContaining({ key: { kind: 'CHAMPIONSHIP', year: 2025 }, count: 2 }),
    );
    expect(data.clusterStats.map((group) => [group.key.federalDistrict?.name, group.count])).toContainEqual([
      'Уральский',
      6,
    ]);
  });

  it('Neighbors reaches the VIII forum in two relations, and Path goes through it', async () => {
    const neighbors = (await runExample('Neighbors')) as {
      neighbors: { nodes: { depth: number; node: { title?: string }; via: { relation: string; direction: string } }[] };
    };
    expect(neighbors.neighbors.nodes).toContainEqual(
      expect.objectContaining({ depth: 2, node: expect.objectContaining({ title: FORUM_TITLE }) }),
    );
    const path = (await runExample('Path')) as {
      path: { path: { length: number; nodes: { id: string }[]; edges: { relation: string; direction: string }[] } | null };
    };
    expect(path.path.path?.length).toBe(3);
    expect(path.path.path?.nodes.map((node) => node.id)).toEqual([
      EXAMPLE_SPEAKER_ID,
      expect.any(String),
      EXAMPLE_FORUM_ID,
      EXAMPLE_PUBLICATION_ID,
    ]);
    expect(path.path.path?.edges).toEqual([
      { relation: 'Speaker.sessions', direction: 'OUT' },
      { relation: 'Session.forum', direction: 'OUT' },
      { relation: 'Publication.mentions', direction: 'IN' },
    ]);
  });
});

describeWith('chromium')('Playground in Chromium', () => {
  const browser = useChromium();
  const openPlayground = () => openPage(browser(), server!);

  it(
    'renders GraphiQL offline and runs the first example against the real data',
    () =>
      withPlaygroundPage(openPlayground(), async (page) => {
        expect(await page.title()).toBe('Профессионалитет — content graph');
        await expect(page.locator('.graphiql-logo').textContent()).resolves.toContain('Профессионалитет — content graph');
        await waitForEditor(page, QUERY_EDITOR, 'query ForumWithSessions');

        await page.locator('.graphiql-execute-button').click();
        const text = await waitForEditor(page, RESPONSE, FORUM_TITLE);
        const result = JSON.parse(text) as { data?: { forums: { nodes: { title: string }[] } }; errors?: unknown };
        expect(result.errors).toBeUndefined();
        expect(result.data?.forums.nodes.map((forum) => forum.title)).toContain(FORUM_TITLE);
        await expect(page.locator('.graphiql-response').isVisible()).resolves.toBe(true);

        const screenshot = await saveScreenshot(page, 'playground.png');
        expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);
      }),
    90_000,
  );

  it(
    'opens one tab per example and runs EventWithClusters from its tab',
    () =>
      withPlaygroundPage(openPlayground(), async (page) => {
        const tabs = page.locator('.graphiql-tabs .graphiql-tab');
        await expect(tabs.count()).resolves.toBe(PLAYGROUND_EXAMPLES.length);
        const titles = await page.locator('.graphiql-tabs .graphiql-tab .graphiql-tab-button').allTextContents();
        expect(titles.map((title) => title.trim())).toEqual(PLAYGROUND_EXAMPLES.map((example) => example.name));

        await page.locator('.graphiql-tab-button', { hasText: 'EventWithClusters' }).click();
        await waitForEditor(page, QUERY_EDITOR, 'query EventWithClusters');
        await page.locator('.graphiql-execute-button').click();
        const text = await waitForEditor(page, RESPONSE, OPEN_DAY_TITLE);
        const result = JSON.parse(text) as { data?: { clusterEvents: { nodes: { title: string }[] } }; errors?: unknown };
        expect(result.errors).toBeUndefined();
        expect(result.data?.clusterEvents.nodes.map((event) => event.title)).toContain(OPEN_DAY_TITLE);

        // The tab with variables: NodeById resolves the example ID to the forum.
        await page.locator('.graphiql-tab-button', { hasText: 'NodeById' }).click();
        await waitForEditor(page, QUERY_EDITOR, 'query NodeById');
        await page.locator('.graphiql-execute-button').click();
        const node = JSON.parse(await waitForEditor(page, RESPONSE, '"node"')) as { data?: { node: { title: string } } };
        expect(node.data?.node.title).toBe(FORUM_TITLE);

        // A tab added for analysts, with two variables: the path from the speaker to the post.
        await page.locator('.graphiql-tab-button', { hasText: 'Path' }).click();
        await waitForEditor(page, QUERY_EDITOR, 'query Path');
        await page.locator('.graphiql-execute-button').click();
        const chain = JSON.parse(await waitForEditor(page, RESPONSE, 'Publication.mentions')) as {
          data?: { path: { path: { length: number } | null } };
          errors?: unknown;
        };
        expect(chain.errors).toBeUndefined();
        expect(chain.data?.path.path?.length).toBe(3);
      }),
    90_000,
  );

  /** The selections of a document's only operation, printed: what a query asks for, whatever its name. */
  function selectionsOf(query: string): string {
    const operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
    );
    expect(operations).toHaveLength(1);
    return print(operations[0].selectionSet);
  }

  it(
    'builds a query by clicking in the Explorer, runs it, and records it in the History',
    () =>
      withPlaygroundPage(openPlayground(), async (page) => {
        // A new tab: GraphiQL's welcome comment only, no operation for the Explorer to merge into.
        const tabs = page.locator('.graphiql-tabs .graphiql-tab');
        await page.getByRole('button', { name: 'Add tab' }).click();
        await expect(tabs.count()).resolves.toBe(PLAYGROUND_EXAMPLES.length + 1);
        expect(await page.evaluate(editorValue(QUERY_EDITOR))).not.toMatch(/forums|^query/m);

        await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
        const explorer = page.locator('.graphiql-explorer-root');
        await explorer.waitFor({ state: 'visible', timeout: 30_000 });

        // forums → nodes → title; each click rewrites the editor before the next level appears.
        await explorer.locator('[data-field-name="forums"]').click();
        await waitForEditor(page, QUERY_EDITOR, 'forums');
        const forums = explorer.locator('.graphiql-explorer-forums');
        await forums.locator('[data-field-name="nodes"]').click();
        await waitForEditor(page, QUERY_EDITOR, 'nodes');
        await forums.locator('.graphiql-explorer-nodes [data-field-name="title"]').click();
        const query = await waitForEditor(page, QUERY_EDITOR, 'title');
        expect(selectionsOf(query)).toBe(selectionsOf('{ forums { nodes { title } } }'));
        expect(query).toMatch(/^query \w+ \{/); // the Explorer names the operation (MyQuery)
        const operationName = /^query (\w+)/.exec(query)![1];

        await page.locator('.graphiql-execute-button').click();
        const text = await waitForEditor(page, RESPONSE, FORUM_TITLE);
        const result = JSON.parse(text) as { data?: { forums: { nodes: { title: string }[] } }; errors?: unknown };
        expect(result.errors).toBeUndefined();
        expect(result.data?.forums.nodes.map((forum) => forum.title)).toContain(FORUM_TITLE);
        // Only what was clicked: a title and nothing else.
        expect(result.data?.forums.nodes.every((forum) => Object.keys(forum).join() === 'title')).toBe(true);

        const screenshot = await saveScreenshot(page, 'playground-explorer.png');
        expect(fs.statSync(screenshot).size).toBeGreaterThan(10_000);

        // The History panel (GraphiQL's built-in plugin) lists the run.
        await page.getByRole('button', { name: 'Show History' }).click();
        const history = page.getByRole('region', { name: 'History' });
        const items = history.locator('.graphiql-history-item');
        await items.first().waitFor({ state: 'visible', timeout: 10_000 });
        await expect(items.count()).resolves.toBe(1);
        // Its label is the operation name, or the query text when GraphiQL had not parsed the
        // name yet at the run (it happens on a loaded machine): both name the operation.
        await expect(items.first().getByRole('button', { name: 'Set active' }).textContent()).resolves.toContain(operationName);
        await saveScreenshot(page, 'playground-history.png');
      }),
    90_000,
  );
});
