import type express from 'express';
import type { ExportLink } from '../exports/export-route';
import { invariant } from '../shared/errors';
import { AssetStore } from './assets';
import { PLAYGROUND_EXAMPLES } from './examples';
import { PLAYGROUND_TITLE, renderPlaygroundPage } from './html';

/** Assets requested with their current `?v=` hash never change: browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Assets requested without the hash, and the page itself: revalidate every time (cheap, by ETag). */
const REVALIDATE = 'no-cache';

/**
 * The Playground: GraphiQL 3 served entirely from this server (no CDN; works offline).
 *
 * - `GET <path>` from a browser (prefers text/html over application/json) without a `query`
 *   parameter gets the page; every other request falls through to the GraphQL endpoint mounted
 *   after this on the same path.
 * - `GET <path>/assets/<name>` serves the page's scripts and stylesheets from node_modules, from a
 *   fixed allow-list (see assets.ts); anything else under `<path>/assets/` is 404.
 *
 * `options.exports` (the server's publicExportLinks) go into the page's config: the page links a
 * list to its CSV export only when they name it. Without them (a server with no export routes) it
 * offers no CSV links.
 *
 * Must be mounted before the GraphQL middleware on the same path.
 */
export function mountPlayground(app: express.Express, path: string, options: { exports?: readonly ExportLink[] } = {}): void {
  const base = path.replace(/\/+$/, '');
  const assets = new AssetStore();

  app.use(`${base}/assets`, async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', 'GET, HEAD').status(405).type('text/plain').send('Method Not Allowed');
      return;
    }
    // req.path is the raw (still percent-encoded) rest of the URL, e.g. "/graphiql.min.js"; only an
    // exact allow-listed name matches, so "..", "%2e%2e", "%2f" and subfolders can never resolve.
    const pending = assets.get(req.path.slice(1));
    if (!pending) {
      res.status(404).set('Cache-Control', REVALIDATE).type('text/plain').send('Not Found');
      return;
    }
    const asset = await pending;
    const versioned = req.query.v === asset.hash;
    const useGzip = asset.gzipped !== null && req.acceptsEncodings(['gzip', 'identity']) === 'gzip';
    res.vary('Accept-Encoding');
    res.set({
      'Content-Type': asset.contentType,
      'Cache-Control': versioned ? IMMUTABLE : REVALIDATE,
      ETag: `"${asset.hash}${useGzip ? '-gz' : ''}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (useGzip) res.set('Content-Encoding', 'gzip');
    // res.send answers 304 when If-None-Match matches the ETag, and sends no body for HEAD.
    res.send(useGzip ? asset.gzipped : asset.body);
  });

  app.get(base || '/', async (req, res, next) => {
    // The same URL answers JSON to API clients: caches must key on Accept.
    res.vary('Accept');
    const wantsHtml = req.accepts(['application/json', 'text/html']) === 'text/html';
    if (!wantsHtml || hasQueryParameter(req)) {
      next();
      return;
    }
    const loaded = await assets.all();
    const hashes = new Map(loaded.map((asset) => [asset.name, asset.hash]));
    const page = renderPlaygroundPage({
      title: PLAYGROUND_TITLE,
      examples: PLAYGROUND_EXAMPLES,
      exports: options.exports ?? [],
      assetBase: assetPrefix(req.path),
      assetHash: (name) => {
        const hash = hashes.get(name);
        invariant(hash, `the Playground's asset ${name} has a hash once loaded`);
        return hash;
      },
    });
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': REVALIDATE,
      'Content-Security-Policy': page.contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.send(page.html);
  });
}

/** Whether the request has a `query` query-string parameter (a GraphQL GET, even from a browser). */
function hasQueryParameter(req: express.Request): boolean {
  const query: unknown = req.query;
  return typeof query === 'object' && query !== null && Object.hasOwn(query, 'query');
}

/**
 * The asset URLs relative to the page, so that they stay right when a proxy mounts the server under a
 * prefix: from "/graphql" they are "./graphql/assets/...", from "/graphql/" they are "./assets/...".
 * (The "./" makes them URLs, not bare names, as keys of the page's import map.)
 */
function assetPrefix(requestPath: string): string {
  if (requestPath.endsWith('/')) return './assets/';
  const last = requestPath.slice(requestPath.lastIndexOf('/') + 1);
  return `./${last}/assets/`;
}
