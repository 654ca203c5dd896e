import 'reflect-metadata';
import fs from 'node:fs';
import { type Page } from 'playwright-core';
import { EXAMPLE_FORUM_ID, PLAYGROUND_EXAMPLES } from '../src/playground/examples';
import {
  type DrawnEdge,
  type Drawing,
  QUERY_EDITOR,
  READ_DRAWING,
  RESPONSE,
  type PlaygroundServer,
  editorValue,
  graphqlData,
  launchChromium,
  openPlayground,
  pollPage,
  saveScreenshot,
  startPlaygroundServer,
  useChromium,
  waitForEditor,
  withPlaygroundPage,
} from './support/playground-browser';
import { describeWith } from './support/services';
import { projectPath } from '../src/shared/paths';

/** With PLAYGROUND_DOCS_IMAGES=1 the suite also writes the README's pictures to docs/images/. */
async function docsImage(page: Page, name: string): Promise<void> {
  if (!process.env.PLAYGROUND_DOCS_IMAGES) return;
  fs.mkdirSync(projectPath('docs', 'images'), { recursive: true });
  await page.screenshot({ path: projectPath('docs', 'images', name) });
}

/**
 * The Playground's Graph view (issue 17) in headless Chromium, on the real data set, with every
 * request to anywhere but the server under test blocked. Counts, edges and the highlighted path
 * are read from the renderer's own model (cytoscape's elements, through CYTOSCAPE_PROBE) or, where
 * the drawing library is missing, from the text list; never from pixels. Screenshots of each view
 * are saved to look at (PLAYGROUND_SCREENSHOT_DIR).
 */

interface NeighborsAnswer {
  neighbors: {
    nodes: { node: { __typename: string; id: string }; via: { relation: string; from: { __typename?: string; id: string } } }[];
  };
}
interface PathAnswer {
  path: { path: { nodes: { id: string }[]; edges: { relation: string }[] } };
}

const GRAPH_BUTTON = { name: 'Graph', exact: true } as const;

let server: PlaygroundServer | undefined;

function example(name: string) {
  const found = PLAYGROUND_EXAMPLES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no example named ${name}`);
  return found;
}

/** Runs the example in its tab and returns the answer's data as the response editor shows it. */
async function runExampleTab<T>(page: Page, name: string, needle: string): Promise<T> {
  await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^\\s*${name}\\s*$`) }).click();
  await waitForEditor(page, QUERY_EDITOR, `query ${name}`);
  await page.locator('.graphiql-execute-button').click();
  const text = await waitForEditor(page, RESPONSE, needle);
  const result = JSON.parse(text) as { data?: T; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function waitForDrawing(page: Page, accept: (drawing: Drawing) => boolean, what: string): Promise<Drawing> {
  return pollPage<Drawing | null>(page, READ_DRAWING, (drawing) => drawing !== null && accept(drawing), what) as Promise<Drawing>;
}

/** The nodes and edges a neighbors answer names: every id in it, and one `via` edge per entry. */
function expectedNeighborhood(answer: NeighborsAnswer) {
  const types = new Map<string, string>();
  const edges = new Set<string>();
  for (const entry of answer.neighbors.nodes) types.set(entry.node.id, entry.node.__typename);
  for (const entry of answer.neighbors.nodes) {
    // (`from` is the start, or a node listed at the depth before; a query may not ask its __typename.)
    if (!types.has(entry.via.from.id)) types.set(entry.via.from.id, entry.via.from.__typename ?? '(not asked)');
    edges.add(`${entry.via.from.id} -${entry.via.relation}-> ${entry.node.id}`);
  }
  return { types, edges };
}

const edgeKey = (edge: DrawnEdge) => `${edge.source} -${edge.label}-> ${edge.target}`;

beforeAll(async () => {
  server = await startPlaygroundServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describeWith('chromium')('the Playground graph view', () => {
  const browser = useChromium();

  it(
    'draws a neighbors answer: every node and via edge, typed and labelled; expands a node without moving the others',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        const answer = await runExampleTab<NeighborsAnswer>(page, 'Neighbors', 'Session.forum');
        await page.getByRole('button', GRAPH_BUTTON).click();
        await expect(page.getByRole('button', GRAPH_BUTTON).getAttribute('aria-pressed')).resolves.toBe('true');

        const { types, edges } = expectedNeighborhood(answer);
        const drawing = await waitForDrawing(page, (d) => d.nodeCount > 0, 'the neighbors drawing');
        expect(drawing.renderer).toBe('cytoscape');
        expect(drawing.nodeCount).toBe(types.size);
        expect(drawing.edgeCount).toBe(edges.size);
        expect(new Map(drawing.nodes.map((node) => [node.id, node.type]))).toEqual(types);
        expect(new Set(drawing.edges.map(edgeKey))).toEqual(edges);
        // The legend names every type, with its count.
        const legend = await page.getByRole('list', { name: /Legend/ }).textContent();
        for (const type of new Set(types.values())) expect(legend).toContain(type);
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(`${types.size} nodes, ${edges.size} edges`);
        await saveScreenshot(page, 'graph-neighbors.png');

        // Clicking the forum on the canvas shows its fields.
        const forum = drawing.nodes.find((node) => node.id === EXAMPLE_FORUM_ID)!;
        expect(forum.label).toBe('VIII Байкальский образовательный форум');
        await page.mouse.click(forum.page!.x, forum.page!.y);
        const details = page.getByRole('region', { name: 'Selected node' });
        await expect(details.getByRole('heading').textContent()).resolves.toBe(forum.label);
        await expect(details.textContent()).resolves.toContain(EXAMPLE_FORUM_ID);

        // Expand runs neighbors(forum, depth: 1): what it finds joins the drawing, nothing moves.
        const around = await graphqlData<NeighborsAnswer>(
          server!,
          'query ($id: ID!) { neighbors(id: $id, depth: 1, first: 200) { nodes { node { __typename id } via { relation from { __typename id } } } } }',
          { id: EXAMPLE_FORUM_ID },
        );
        const added = expectedNeighborhood(around);
        const allIds = new Set([...types.keys(), ...added.types.keys()]);
        expect(allIds.size).toBeGreaterThan(types.size);
        await details.getByRole('button', { name: 'Expand' }).click();
        const expanded = await waitForDrawing(page, (d) => d.nodeCount > drawing.nodeCount, 'the expanded drawing');
        expect(new Set(expanded.nodes.map((node) => node.id))).toEqual(allIds);
        for (const edge of added.edges) expect(expanded.edges.map(edgeKey)).toContain(edge);
        const before = new Map(drawing.nodes.map((node) => [node.id, node.position]));
        for (const node of expanded.nodes) {
          if (before.has(node.id)) expect({ id: node.id, at: node.position }).toEqual({ id: node.id, at: before.get(node.id) });
        }
        await page.getByRole('button', { name: 'Fit' }).click();
        await saveScreenshot(page, 'graph-expanded.png');

        // "Open in new tab": a tab asking for the node by its ID.
        const tabs = page.locator('.graphiql-tabs .graphiql-tab');
        const tabCount = await tabs.count();
        await details.getByRole('button', { name: 'Open in new tab' }).click();
        await expect(tabs.count()).resolves.toBe(tabCount + 1);
        const opened = await waitForEditor(page, QUERY_EDITOR, 'node(id: $id)');
        expect(opened).toMatch(/^query OpenForum\(\$id: ID!\)/m);
        await page.locator('.graphiql-execute-button').click();
        await waitForEditor(page, RESPONSE, 'VIII Байкальский образовательный форум');
      }),
    120_000,
  );

  it(
    'draws the ForumNeighborhood example: the forum, its origin and all 23 records within two relations',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        const answer = await runExampleTab<NeighborsAnswer & { neighbors: { totalCount: number } }>(page, 'ForumNeighborhood', 'Session.forum');
        await page.getByRole('button', GRAPH_BUTTON).click();
        const { types, edges } = expectedNeighborhood(answer);
        types.set(EXAMPLE_FORUM_ID, 'Forum');
        expect(types.size).toBe(answer.neighbors.totalCount + 1);
        const drawing = await waitForDrawing(page, (d) => d.nodeCount > 0, 'the forum drawing');
        expect([drawing.nodeCount, drawing.edgeCount]).toEqual([types.size, edges.size]);
        expect(new Map(drawing.nodes.map((node) => [node.id, node.type]))).toEqual(types);
        // Every node has its name, not the "Type key" of an unnamed one.
        expect(drawing.nodes.filter((node) => node.label === `${node.type} ${node.id}`)).toEqual([]);
        await saveScreenshot(page, 'graph-forum-neighborhood.png');
        await docsImage(page, 'playground-graph.png');
      }),
    120_000,
  );

  it(
    'opens the Chart view by its name and hosts the chart of an aggregate',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        await runExampleTab(page, 'Aggregates', 'clusterEventStats');
        const chartButton = page.getByRole('button', { name: 'Chart', exact: true });
        await chartButton.click();
        await expect(chartButton.getAttribute('aria-pressed')).resolves.toBe('true');
        // What the chart draws is the chart view's own suite; here: the host mounted it.
        await page.getByRole('toolbar', { name: 'Chart' }).waitFor({ state: 'visible', timeout: 10_000 });
        await page.waitForTimeout(500); // the chart's entry animation
        await saveScreenshot(page, 'chart-aggregates.png');
        expect(new URL(page.url()).hash).toContain('view=chart');
      }),
    120_000,
  );

  it(
    'highlights a path answer as a chain, and draws nested relations under their field names',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        const answer = await runExampleTab<PathAnswer>(page, 'Path', 'Publication.mentions');
        await page.getByRole('button', GRAPH_BUTTON).click();
        const chain = answer.path.path.nodes.map((node) => node.id);
        const drawing = await waitForDrawing(page, (d) => d.highlighted.nodes.length > 0, 'the highlighted path');
        expect(drawing.nodeCount).toBe(chain.length);
        expect(drawing.highlighted.nodes).toEqual(chain);
        expect(drawing.highlighted.edges).toEqual(
          answer.path.path.edges.map((edge, index) => ({ source: chain[index], target: chain[index + 1], label: edge.relation })),
        );
        await expect(page.getByRole('status').first().textContent()).resolves.toContain('a path of 3 edges highlighted');
        await saveScreenshot(page, 'graph-path.png');

        // A nested answer, without __typename: types come from the global IDs, edges from the fields.
        await page.getByRole('button', { name: 'Add tab' }).click();
        const nested = `{ forums(where: { id: { in: [${JSON.stringify(EXAMPLE_FORUM_ID)}] } }) { nodes { id title sessions(first: 3) { nodes { id title forum { id } } } } } }`;
        await page.evaluate(
          `document.querySelector(${JSON.stringify(QUERY_EDITOR)}).CodeMirror.setValue(${JSON.stringify(nested)})`,
        );
        await page.locator('.graphiql-execute-button').click();
        const data = JSON.parse(await waitForEditor(page, RESPONSE, '"sessions"')).data as {
          forums: { nodes: { id: string; sessions: { nodes: { id: string }[] } }[] };
        };
        const expectedEdges = new Set<string>();
        const ids = new Set<string>();
        for (const forum of data.forums.nodes) {
          ids.add(forum.id);
          for (const session of forum.sessions.nodes) {
            ids.add(session.id);
            expectedEdges.add(`${forum.id} -sessions-> ${session.id}`);
            expectedEdges.add(`${session.id} -forum-> ${forum.id}`);
          }
        }
        expect(ids.size).toBe(4);
        const tree = await waitForDrawing(page, (d) => d.highlighted.nodes.length === 0 && d.nodeCount === ids.size, 'the nested drawing');
        expect(new Set(tree.edges.map(edgeKey))).toEqual(expectedEdges);
        expect(new Set(tree.nodes.map((node) => node.type))).toEqual(new Set(['Forum', 'Session']));
      }),
    120_000,
  );

  it(
    'puts the query, variables and view in the URL; the link opens the same drawing in a fresh page',
    async () => {
      const { link, drawn } = await withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        await runExampleTab<NeighborsAnswer>(page, 'Neighbors', 'Session.forum');
        await page.getByRole('button', GRAPH_BUTTON).click();
        const drawing = await waitForDrawing(page, (d) => d.nodeCount > 0, 'the first drawing');
        const url = page.url();
        const hash = new URLSearchParams(new URL(url).hash.slice(1));
        expect(hash.get('view')).toBe('graph');
        expect(hash.get('query')).toContain('query Neighbors');
        expect(JSON.parse(hash.get('variables')!)).toEqual(example('Neighbors').variables);
        expect(new URL(url).search).toBe(''); // ?query= would be a GraphQL GET
        return { link: url, drawn: drawing };
      });

      await withPlaygroundPage(openPlayground(browser(), server!, link), async (page) => {
        const again = await waitForDrawing(page, (d) => d.nodeCount === drawn.nodeCount, 'the shared drawing');
        expect(again.edgeCount).toBe(drawn.edgeCount);
        expect(new Set(again.edges.map(edgeKey))).toEqual(new Set(drawn.edges.map(edgeKey)));
        await expect(page.getByRole('button', GRAPH_BUTTON).getAttribute('aria-pressed')).resolves.toBe('true');
        expect(await page.evaluate(editorValue(QUERY_EDITOR))).toContain('query Neighbors');
        await saveScreenshot(page, 'graph-shared-link.png');
      });
    },
    120_000,
  );

  it(
    'opens a shared link to a mutation without running it',
    () => {
      const link = `${server!.endpoint}#query=${encodeURIComponent(example('CreateDraft').query)}`;
      return withPlaygroundPage(
        openPlayground(browser(), server!, link),
        async (page) => {
          const posts: string[] = [];
          page.on('request', (request) => {
            if (request.method() === 'POST' && !request.postData()?.includes('IntrospectionQuery')) posts.push(request.postData() ?? '');
          });
          await waitForEditor(page, QUERY_EDITOR, 'mutation CreateDraft');
          await page.waitForTimeout(2000);
          expect(posts).toEqual([]);
          expect(await page.evaluate(editorValue(RESPONSE))).toBe('');
        },
        { allowConsoleErrors: true },
      );
    },
    120_000,
  );

  it(
    'draws without WebGL: the renderer needs only a 2D canvas',
    async () => {
      const noWebGl = await launchChromium(['--disable-3d-apis']);
      try {
        await withPlaygroundPage(openPlayground(noWebGl, server!), async (page) => {
          await expect(
            page.evaluate(`(() => { const c = document.createElement('canvas'); return Boolean(c.getContext('webgl2') || c.getContext('webgl')); })()`),
          ).resolves.toBe(false);
          const answer = await runExampleTab<NeighborsAnswer>(page, 'Neighbors', 'Session.forum');
          await page.getByRole('button', GRAPH_BUTTON).click();
          const { types, edges } = expectedNeighborhood(answer);
          const drawing = await waitForDrawing(page, (d) => d.nodeCount > 0, 'the drawing without WebGL');
          expect(drawing.renderer).toBe('cytoscape');
          expect([drawing.nodeCount, drawing.edgeCount]).toEqual([types.size, edges.size]);
          await saveScreenshot(page, 'graph-without-webgl.png');
        });
      } finally {
        await noWebGl.close();
      }
    },
    120_000,
  );

  it(
    'falls back to a text list of nodes and edges when the drawing library is missing',
    () =>
      withPlaygroundPage(
        openPlayground(browser(), server!, server!.endpoint, { abort: (url) => url.pathname.endsWith('/cytoscape.min.js') }),
        async (page) => {
          const answer = await runExampleTab<NeighborsAnswer>(page, 'Neighbors', 'Session.forum');
          await page.getByRole('button', GRAPH_BUTTON).click();
          const { types, edges } = expectedNeighborhood(answer);
          const drawing = await waitForDrawing(page, (d) => d.nodeCount > 0, 'the list');
          expect(drawing.renderer).toBe('list');
          expect([drawing.nodeCount, drawing.edgeCount]).toEqual([types.size, edges.size]);
          const list = page.getByRole('region', { name: 'Nodes and edges as text' });
          await expect(list.getByRole('heading').allTextContents()).resolves.toEqual([
            `Nodes (${types.size})`,
            `Edges (${edges.size})`,
          ]);
          // Nodes are buttons: the keyboard reaches them, and they select like a click on the canvas.
          await list.getByRole('button', { name: 'VIII Байкальский образовательный форум' }).click();
          await expect(page.getByRole('region', { name: 'Selected node' }).getByRole('heading').textContent()).resolves.toBe(
            'VIII Байкальский образовательный форум',
          );
          await saveScreenshot(page, 'graph-list-fallback.png');
        },
        { allowConsoleErrors: true },
      ),
    120_000,
  );
});
