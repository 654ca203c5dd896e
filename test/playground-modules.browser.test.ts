import 'reflect-metadata';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ASSET_NAMES, BROWSER_DIR, ENTRY_MODULE, assetRole } from '../src/playground/assets';
import { type PlaygroundServer, openPlayground, startPlaygroundServer, useChromium, withPlaygroundPage } from './support/playground-browser';
import { request } from './support/app';
import { describeWith } from './support/services';

/**
 * The Playground's own code is ES modules served as they are written: the page loads one entry
 * module, the browser follows its imports, an import map gives every module its hashed URL, and
 * the Content-Security-Policy allows that one inline script by its hash. The modules share nothing
 * through window: the page's only globals are the UMD builds'.
 */

let server: PlaygroundServer | undefined;

beforeAll(async () => {
  server = await startPlaygroundServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const MODULES = ASSET_NAMES.filter((name) => assetRole(name) === 'module');

describe('the Playground page loads its own code as ES modules', () => {
  it('serves every module of src/playground/browser/, and only those, from the allow-list', () => {
    const onDisk = fs.readdirSync(BROWSER_DIR).filter((file) => file.endsWith('.js'));
    expect([...MODULES].sort()).toEqual(onDisk.sort());
    expect(MODULES).toContain(ENTRY_MODULE);
  });

  it('names one entry module, maps every module to its hashed URL, and allows the import map by its hash alone', async () => {
    const response = await request(server!.endpoint, { headers: { accept: 'text/html' } });
    const html = response.text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([^]*?)<\/script>/g)].map(([, attributes, text]) => ({
      type: /\btype="([^"]+)"/.exec(attributes)?.[1] ?? 'classic',
      src: /\bsrc="([^"]+)"/.exec(attributes)?.[1]?.replace(/\?v=[0-9a-f]{16}$/, '?v=<hash>') ?? null,
      text,
    }));
    expect(scripts.filter((script) => script.type === 'module').map((script) => script.src)).toEqual([`./graphql/assets/${ENTRY_MODULE}?v=<hash>`]);
    // The only inline scripts: the import map (code, so the CSP names it) and the config (data, which no CSP covers).
    expect(scripts.filter((script) => script.src === null).map((script) => script.type)).toEqual(['importmap', 'application/json']);

    const importMap = scripts.find((script) => script.type === 'importmap')!.text;
    const hashes = new Map(
      [...html.matchAll(/\b(?:src|href)="\.\/graphql\/assets\/([^"?]+)\?v=([0-9a-f]{16})"/g)].map(([, name, hash]) => [name, hash]),
    );
    expect(JSON.parse(importMap)).toEqual({
      imports: Object.fromEntries(MODULES.map((name) => [`./graphql/assets/${name}`, `./graphql/assets/${name}?v=${hashes.get(name)}`])),
    });
    const scriptSrc = response.headers.get('content-security-policy')!.split('; ').filter((directive) => directive.startsWith('script-src'));
    expect(scriptSrc).toEqual([`script-src 'self' 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`]);
  });
});

describeWith('chromium')('the Playground modules in Chromium', () => {
  const browser = useChromium();

  it(
    'runs every module from its hashed URL, and leaves on window only the globals of the UMD builds',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (page, opened) => {
        const loaded = (await page.evaluate(
          `performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => /\\/assets\\/[^/]+\\.js/.test(url))`,
        )) as string[];
        const modules = loaded.map((url) => new URL(url)).filter((url) => MODULES.includes(url.pathname.replace('/graphql/assets/', '')));
        expect(modules.map((url) => url.pathname.replace('/graphql/assets/', '')).sort()).toEqual([...MODULES].sort());
        expect(modules.filter((url) => !/^\?v=[0-9a-f]{16}$/.test(url.search)).map((url) => url.href)).toEqual([]);

        // The page's own globals beside a plain page of the same origin (both with the test's cytoscape probe).
        const plain = await opened.context.newPage();
        await plain.goto(`${server!.endpoint}/assets/playground.css`);
        const before = new Set((await plain.evaluate('Object.getOwnPropertyNames(window)')) as string[]);
        const after = (await page.evaluate('Object.getOwnPropertyNames(window)')) as string[];
        expect(after.filter((name) => !before.has(name)).sort()).toEqual(['GraphiQL', 'GraphiQLPluginExplorer', 'React', 'ReactDOM', 'echarts']);
      }),
    90_000,
  );
});
