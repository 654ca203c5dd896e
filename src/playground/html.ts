import { createHash } from 'node:crypto';
import type { ExportLink } from '../exports/export-route';
import { ASSET_NAMES, type AssetRole, ENTRY_MODULE, assetRole } from './assets';
import type { PlaygroundExample } from './examples';

export const PLAYGROUND_TITLE = 'Профессионалитет — content graph';

/**
 * The page's Content-Security-Policy: scripts only from this server, and the one inline script
 * element, the import map, by its hash (`scriptHash`; an import map only maps module URLs, which
 * 'self' still bounds), so scripts need no 'unsafe-inline'; requests only to this server. Styles
 * allow 'unsafe-inline' because GraphiQL's dialogs inject <style> elements; the fonts of
 * graphiql.min.css are data: URLs.
 */
function playgroundCsp(scriptHash: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' '${scriptHash}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** A CSP hash source of an inline script's text: 'sha256-<base64>' without the quotes. */
function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

export interface PageOptions {
  title: string;
  examples: readonly PlaygroundExample[];
  /** The CSV exports the page links to (the Chart panel's export link reads them from the config). */
  exports: readonly ExportLink[];
  /** Where the assets are, relative to the page and starting with "./": e.g. "./graphql/assets/". */
  assetBase: string;
  /** An asset's hash by name: the `?v=` of its URL. */
  assetHash(name: string): string;
}

/** The page and the Content-Security-Policy it needs. */
export interface RenderedPage {
  html: string;
  contentSecurityPolicy: string;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside a <script> element: no "<" (so no "</script>" or "<!--"), no ">" or "&",
 * and no U+2028/U+2029. JSON.parse reads the escapes back as the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The Playground page: GraphiQL's UMD builds and the Playground's own ES modules from this server,
 * the examples and the public CSV exports as JSON data. Stylesheets in the head; the UMD builds as
 * classic scripts at the end of the body, in the order of the allow-list; the Playground's modules
 * preloaded, and the entry module last (modules run after the classic scripts). Every asset URL
 * carries its hash (`?v=`, cached for a year): the modules import each other by plain relative
 * URLs ("./dom.js"), which the import map maps to the hashed ones.
 */
export function renderPlaygroundPage(options: PageOptions): RenderedPage {
  const { title, examples, exports, assetBase, assetHash } = options;
  const config = { title, examples, exports };
  const plain = (name: string) => `${assetBase}${name}`;
  const versioned = (name: string) => `${plain(name)}?v=${assetHash(name)}`;
  const named = (role: AssetRole) => ASSET_NAMES.filter((name) => assetRole(name) === role);
  const href = (name: string) => escapeHtml(versioned(name));
  const modules = named('module');
  const importMap = jsonForScript({ imports: Object.fromEntries(modules.map((name) => [plain(name), versioned(name)])) });
  const html = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${named('stylesheet')
  .map((name) => `<link rel="stylesheet" href="${href(name)}">`)
  .join('\n')}
<script type="importmap">${importMap}</script>
${modules
  .filter((name) => name !== ENTRY_MODULE)
  .map((name) => `<link rel="modulepreload" href="${href(name)}">`)
  .join('\n')}
</head>
<body>
<div id="graphiql"><p class="playground-loading">Загрузка GraphiQL…</p><noscript><p>The Playground needs JavaScript. The GraphQL endpoint answers POST requests at this address.</p></noscript></div>
<script type="application/json" id="playground-config">${jsonForScript(config)}</script>
${named('script')
  .map((name) => `<script src="${href(name)}"></script>`)
  .join('\n')}
<script type="module" src="${href(ENTRY_MODULE)}"></script>
</body>
</html>
`;
  return { html, contentSecurityPolicy: playgroundCsp(cspHash(importMap)) };
}
