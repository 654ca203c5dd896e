import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { CLIENT_SCRIPT } from './client';

const gzip = promisify(gzipCallback);

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Where an asset's bytes come from: a file of an installed package, or text held in memory. */
type AssetSource = { package: string; file: string } | { text: string };

interface AssetSpec {
  /** The name in the URL: `<path>/assets/<name>`. */
  name: string;
  contentType: string;
  source: AssetSource;
}

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
  { name: 'playground.js', contentType: JS, source: { text: CLIENT_SCRIPT } },
];

/** The names of the served assets, in the order the page loads them. */
export const ASSET_NAMES: readonly string[] = ASSET_SPECS.map((spec) => spec.name);

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
 * graphiql and react declare `exports` that do not list their UMD builds (ERR_PACKAGE_PATH_NOT_EXPORTED),
 * but they all export package.json, and the file sits next to it.
 */
export function resolvePackageFile(packageName: string, file: string): string {
  const packageJson = require.resolve(`${packageName}/package.json`);
  return path.join(path.dirname(packageJson), file);
}

/** The allow-listed assets, read from node_modules on first use and then held in memory. */
export class AssetStore {
  private readonly specs = new Map<string, AssetSpec & { file?: string }>();
  private readonly loading = new Map<string, Promise<LoadedAsset>>();

  /** Resolves every package file now, so a missing package fails at start, not on the first page view. */
  constructor() {
    for (const spec of ASSET_SPECS) {
      const file = 'package' in spec.source ? resolvePackageFile(spec.source.package, spec.source.file) : undefined;
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

async function load(spec: AssetSpec & { file?: string }): Promise<LoadedAsset> {
  const body = spec.file ? await readFile(spec.file) : Buffer.from((spec.source as { text: string }).text, 'utf8');
  const compressed = await gzip(body, { level: 9 });
  return {
    name: spec.name,
    contentType: spec.contentType,
    body,
    gzipped: compressed.length < body.length ? compressed : null,
    hash: createHash('sha256').update(body).digest('hex').slice(0, 16),
  };
}
