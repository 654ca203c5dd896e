import type { ExportLink } from '../exports/export-route';
import { ASSET_NAMES } from './assets';
import type { PlaygroundExample } from './examples';

export const PLAYGROUND_TITLE = 'Профессионалитет — content graph';

/**
 * The page's Content-Security-Policy: scripts only from this server (the start-up script is an asset
 * too), requests only to this server. Styles allow 'unsafe-inline' because GraphiQL's dialogs inject
 * <style> elements; the fonts of graphiql.min.css are data: URLs.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
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

export interface PageOptions {
  title: string;
  examples: readonly PlaygroundExample[];
  /** The CSV exports the page links to (chart-model.js's csvUrl reads them from the config). */
  exports: readonly ExportLink[];
  /** The URL of an asset by name, as the page should reference it. */
  assetUrl(name: string): string;
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
 * The Playground page: GraphiQL's UMD builds and the Playground's own scripts from this server (every
 * asset, in the order of the allow-list: stylesheets in the head, scripts at the end of the body),
 * the examples and the public CSV exports as JSON data.
 */
export function renderPlaygroundPage(options: PageOptions): string {
  const { title, examples, exports, assetUrl } = options;
  const config = { title, examples, exports };
  const stylesheet = (name: string) => `<link rel="stylesheet" href="${escapeHtml(assetUrl(name))}">`;
  const script = (name: string) => `<script src="${escapeHtml(assetUrl(name))}"></script>`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${ASSET_NAMES.filter((name) => name.endsWith('.css')).map(stylesheet).join('\n')}
</head>
<body>
<div id="graphiql"><p class="playground-loading">Загрузка GraphiQL…</p><noscript><p>The Playground needs JavaScript. The GraphQL endpoint answers POST requests at this address.</p></noscript></div>
<script type="application/json" id="playground-config">${jsonForScript(config)}</script>
${ASSET_NAMES.filter((name) => name.endsWith('.js')).map(script).join('\n')}
</body>
</html>
`;
}
