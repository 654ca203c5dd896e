import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { describeValue, invariant } from '../shared/errors';
import { projectPath } from '../shared/paths';

const gzip = promisify(gzipCallback);

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * Where an asset's bytes come from: a file of an installed package, or one of the Playground's own
 * browser files in src/playground/browser/ (ES modules and a stylesheet, served as they are written).
 */
type AssetSource = { package: string; file: string } | { browser: string };

/** The folder of the Playground's own browser modules, found from the project root (works from dist/ too). */
export const BROWSER_DIR = projectPath('src', 'playground', 'browser');

/**
 * How the page loads an asset: a stylesheet; a classic script (the packages' UMD builds, run in
 * list order, defining globals); or one of the Playground's own ES modules, which import each other.
 */
export type AssetRole = 'stylesheet' | 'script' | 'module';

interface AssetSpec {
  /** The name in the URL: `<path>/assets/<name>`. */
  name: string;
  contentType: string;
  source: AssetSource;
}

/** The module the page loads; the browser follows its imports to the others. */
export const ENTRY_MODULE = 'playground.js';

/**
 * Everything the page loads, and the only files the asset route serves: a request names an entry
 * of this list or gets 404, so no request path ever reaches the file system.
 */
const ASSET_SPECS: readonly AssetSpec[] = [
  { name: 'react.production.min.js', contentType: JS, source: { package: 'react', file: 'umd/react.production.min.js' } },
  {
    name: 'react-dom.production.min.js',
    contentType: JS,
    source: { package: 'react-dom', file: 'umd/react-dom.production.min.js' },
  },
  { name: 'graphiql.min.js', contentType: JS, source: { package: 'graphiql', file: 'graphiql.min.js' } },
  { name: 'graphiql.min.css', contentType: CSS, source: { package: 'graphiql', file: 'graphiql.min.css' } },
  {
    name: 'plugin-explorer.umd.js',
    contentType: JS,
    source: { package: '@graphiql/plugin-explorer', file: 'dist/index.umd.js' },
  },
  { name: 'plugin-explorer.css', contentType: CSS, source: { package: '@graphiql/plugin-explorer', file: 'dist/style.css' } },
  { name: 'cytoscape.min.js', contentType: JS, source: { package: 'cytoscape', file: 'dist/cytoscape.min.js' } },
  { name: 'echarts.min.js', contentType: JS, source: { package: 'echarts', file: 'dist/echarts.min.js' } },
  // The Playground's own ES modules (ENTRY_MODULE imports the rest) and stylesheet.
  { name: 'dom.js', contentType: JS, source: { browser: 'dom.js' } },
  { name: 'url-state.js', contentType: JS, source: { browser: 'url-state.js' } },
  { name: 'graph-model.js', contentType: JS, source: { browser: 'graph-model.js' } },
  { name: 'graph-layout.js', contentType: JS, source: { browser: 'graph-layout.js' } },
  { name: 'graph-style.js', contentType: JS, source: { browser: 'graph-style.js' } },
  { name: 'graph-queries.js', contentType: JS, source: { browser: 'graph-queries.js' } },
  { name: 'graph-panels.js', contentType: JS, source: { browser: 'graph-panels.js' } },
  { name: 'graph-view.js', contentType: JS, source: { browser: 'graph-view.js' } },
  { name: 'query-document.js', contentType: JS, source: { browser: 'query-document.js' } },
  { name: 'chart-query.js', contentType: JS, source: { browser: 'chart-query.js' } },
  { name: 'chart-model.js', contentType: JS, source: { browser: 'chart-model.js' } },
  { name: 'chart-view.js', contentType: JS, source: { browser: 'chart-view.js' } },
  { name: 'export-download.js', contentType: JS, source: { browser: 'export-download.js' } },
  { name: 'saved-queries.js', contentType: JS, source: { browser: 'saved-queries.js' } },
  { name: 'graphiql-plugins.js', contentType: JS, source: { browser: 'graphiql-plugins.js' } },
  { name: 'playground.css', contentType: CSS, source: { browser: 'playground.css' } },
  { name: 'playground.js', contentType: JS, source: { browser: 'playground.js' } },
];

/** The names of the served assets, in the order the page lists them. */
export const ASSET_NAMES: readonly string[] = ASSET_SPECS.map((spec) => spec.name);

/** How the page loads the asset `name` (one of ASSET_NAMES). */
export function assetRole(name: string): AssetRole {
  const spec = ASSET_SPECS.find((candidate) => candidate.name === name);
  invariant(spec, `assetRole expects one of the Playground's assets; received ${describeValue(name)}`);
  if (spec.contentType === CSS) return 'stylesheet';
  return 'browser' in spec.source ? 'module' : 'script';
}

export interface LoadedAsset {
  name: string;
  contentType: string;
  body: Buffer;
  /** The body gzip-compressed, when that is smaller. */
  gzipped: Buffer | null;
  /** A short hash of the body: the `?v=` of the page's URLs, and the ETag. */
  hash: string;
}

/**
 * Finds a file of an installed package. `require.resolve('<package>/<file>')` does not work here:
 * graphiql and react declare `exports` that do not list their UMD builds (ERR_PACKAGE_PATH_NOT_EXPORTED).
 * Most export package.json, and the file sits next to it; for one that does not (cytoscape), the
 * package's folder is the nearest one above its main file whose package.json names it.
 */
export function resolvePackageFile(packageName: string, file: string): string {
  return path.join(packageFolder(packageName), file);
}

function packageFolder(packageName: string): string {
  try {
    return path.dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    // Not exported (Node says ERR_PACKAGE_PATH_NOT_EXPORTED; Jest's resolver, MODULE_NOT_FOUND).
  }
  let dir = path.dirname(require.resolve(packageName));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === packageName) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`the folder of package ${packageName} was not found`);
    dir = parent;
  }
}

/** The allow-listed assets, read from their files on first use and then held in memory. */
export class AssetStore {
  private readonly specs = new Map<string, AssetSpec & { file: string }>();
  private readonly loading = new Map<string, Promise<LoadedAsset>>();

  /** Resolves every file now, so a missing package or script fails at start, not on the first page view. */
  constructor() {
    for (const spec of ASSET_SPECS) {
      const file =
        'package' in spec.source
          ? resolvePackageFile(spec.source.package, spec.source.file)
          : path.join(BROWSER_DIR, spec.source.browser);
      if (!existsSync(file)) throw new Error(`Playground asset ${spec.name} is missing: ${file}`);
      this.specs.set(spec.name, { ...spec, file });
    }
  }

  /** Whether `name` is on the allow-list. */
  has(name: string): boolean {
    return this.specs.has(name);
  }

  /** The asset named `name`; undefined when it is not on the allow-list. */
  get(name: string): Promise<LoadedAsset> | undefined {
    const spec = this.specs.get(name);
    if (!spec) return undefined;
    let pending = this.loading.get(name);
    if (!pending) {
      pending = load(spec);
      // A failed read is retried on the next request rather than remembered.
      pending.catch(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** All assets, in page order. */
  all(): Promise<LoadedAsset[]> {
    return Promise.all(ASSET_NAMES.map((name) => this.get(name)!));
  }
}

async function load(spec: AssetSpec & { file: string }): Promise<LoadedAsset> {
  const body = await readFile(spec.file);
  const compressed = await gzip(body, { level: 9 });
  return {
    name: spec.name,
    contentType: spec.contentType,
    body,
    gzipped: compressed.length < body.length ? compressed : null,
    hash: createHash('sha256').update(body).digest('hex').slice(0, 16),
  };
}
