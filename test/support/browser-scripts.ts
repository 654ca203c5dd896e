import fs from 'node:fs';
import vm from 'node:vm';
import { BROWSER_DIR } from '../../src/playground/assets';

/**
 * Runs the Playground's browser scripts `files` (src/playground/browser/, in the page's order) as the page
 * would: in one context of their own, whose `window` is `window` (what they define lands there),
 * with `globals` beside it. Returns `window`, typed as the caller says it is.
 */
export function runBrowserScripts<T>(files: readonly string[], window: Record<string, unknown>, globals: Record<string, unknown> = {}): T {
  const context = vm.createContext({ ...globals, window });
  for (const file of files) vm.runInContext(fs.readFileSync(`${BROWSER_DIR}/${file}`, 'utf8'), context);
  return window as T;
}

/** A stats answer as chart-query.js's findStats reads it. */
export interface Stats {
  field: string;
  responseKey: string;
  groupBy: string[];
  groups: unknown[];
  keys: { groupBy: string; name: string; path: string[] | null }[];
  measures: { key: string; name: string }[];
  all: Stats[];
}
