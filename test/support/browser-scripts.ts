import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { transformSync } from '@swc/core';
import { BROWSER_DIR } from '../../src/playground/assets';

/**
 * Imports the Playground's browser module `file` (src/playground/browser/) and the modules it
 * imports, afresh on each call, with `window` as their window: e.g. { GraphiQL: { GraphQL } } for
 * chart-query.js, which parses with GraphiQL's graphql. Jest here runs CommonJS and transforms only
 * TypeScript, so each module's import/export is rewritten to require/exports (by swc, as Jest does
 * for the .ts files) and the rest of its text runs as the browser gets it. Type it with the module's
 * own types: importBrowserModule<typeof import('./chart-query.js')>('chart-query.js').
 */
export function importBrowserModule<M>(file: string, window: Record<string, unknown> = {}): M {
  const loaded = new Map<string, { exports: Record<string, unknown> }>();
  const load = (name: string): Record<string, unknown> => {
    const cached = loaded.get(name);
    if (cached) return cached.exports;
    const filename = path.join(BROWSER_DIR, name);
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    const module = { exports: {} as Record<string, unknown> };
    loaded.set(name, module);
    const run = vm.runInThisContext(`(function (exports, require, module, window) {${code}\n})`, { filename }) as (
      exports: Record<string, unknown>,
      require: (specifier: string) => Record<string, unknown>,
      module: { exports: Record<string, unknown> },
      window: Record<string, unknown>,
    ) => void;
    const requireSibling = (specifier: string) => {
      // The browser resolves nothing else: a bare name or a path out of the folder would 404 there.
      if (!/^\.\/[a-z][a-z-]*\.js$/.test(specifier)) {
        throw new TypeError(`${name} imports ${JSON.stringify(specifier)}; a browser module may import only "./<sibling>.js"`);
      }
      return load(specifier.slice(2));
    };
    run(module.exports, requireSibling, module, window);
    return module.exports;
  };
  return load(file) as M;
}

/**
 * A script for the start of a Playground page (Playwright's addInitScript: before the page's own
 * scripts, and outside its CSP). It wraps the global `cytoscape` when the UMD build defines it, so
 * that every drawing the page makes is kept in window.__cytoscapeDrawings: tests and the benchmark
 * read the Graph view's renderer through cytoscape's public API, with no hook in the Playground's code.
 */
export const CYTOSCAPE_PROBE = `(() => {
  const drawings = [];
  let kept;
  Object.defineProperty(window, '__cytoscapeDrawings', { value: drawings });
  Object.defineProperty(window, 'cytoscape', {
    configurable: true,
    get: () => kept,
    set: (factory) => {
      kept = typeof factory !== 'function' ? factory : Object.assign(function (options) {
        const made = factory.apply(this, arguments);
        // cytoscape(options) makes a drawing; cytoscape('type', 'name', ...) registers an extension.
        if (options !== null && typeof options === 'object') drawings.push(made);
        return made;
      }, factory);
    },
  });
})()`;

/** An expression for a page with CYTOSCAPE_PROBE: the drawing on show (cytoscape's Core), or null. */
export const LIVE_DRAWING = `((window.__cytoscapeDrawings || []).filter((cy) => !cy.destroyed()).pop() || null)`;
