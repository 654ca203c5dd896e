import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../src/shared/paths';

/**
 * Every source path the documentation names exists: a renamed or removed file must take its
 * mentions with it. The documents are the README, docs/*.md and seeds/README.md (BENCHMARKS.md
 * is a record of past measurements: it names files as they were then).
 *
 * What counts as a path, in any line (prose, backticks, code blocks):
 * - `src/...`, `test/...`, `bench/...`, `seeds/...`, `scripts/...`, `schema/...`, `docs/...`,
 *   `.ci/...`: relative to the repository root;
 * - `modules/...`, `db/...`, `shared/...`, `compiler/...`, `limits/...`, `execution/...`,
 *   `observability/...`, `exports/...`, `playground/...`: relative to src/, as the docs write
 *   them once they have said they are in src/ (`db/data-source.ts`);
 * - a bare file name with a source extension (`stages.ts`, `forums.yaml`, `chart-view.js`):
 *   some file of the repository has that name (the docs name a file alone after its folder);
 * - a Markdown link's target that is not a URL or an anchor: relative to the document.
 * A path is checked up to its first placeholder (`modules/<domain>/`, `test/operations/*.graphql`
 * check `modules/` and `test/operations/`). Anything else (`./data/graph.sqlite`, runtime files,
 * URLs, `a/b` in prose) is not a source path and is left alone.
 */

const DOCUMENTS = ['README.md', 'seeds/README.md', ...fs.readdirSync(projectPath('docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const ROOT_DIRECTORIES = new Set(['src', 'test', 'bench', 'seeds', 'scripts', 'schema', 'docs', '.ci']);
const SRC_DIRECTORIES = new Set(['modules', 'db', 'shared', 'compiler', 'limits', 'execution', 'observability', 'exports', 'playground']);
const SOURCE_FILE = /^[\w-][\w.-]*\.(ts|js|graphql|ya?ml|sh)$/;
/** A run of path characters not preceded by one (nor by ":" or "@": URLs and package names). */
const TOKEN = /(?<![\w.@/:-])[\w.-]+(?:\/[\w.<>*…-]*)*/g;
const LINK = /\]\(([^)#\s]+)/g;
const PLACEHOLDER = /[<>*…]/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'data', 'coverage', '.git']);

/** The names of the repository's files, for bare file names. */
function fileNames(dir = projectPath(), names = new Set<string>()): Set<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) fileNames(path.join(dir, entry.name), names);
    } else {
      names.add(entry.name);
    }
  }
  return names;
}

/** `path`'s segments up to its first placeholder. */
function concrete(segments: string[]): string[] {
  const index = segments.findIndex((segment) => PLACEHOLDER.test(segment));
  return index === -1 ? segments : segments.slice(0, index);
}

interface Mention {
  document: string;
  line: number;
  path: string;
  /** Where it must exist, or which rule a bare name falls under. */
  resolved: string | { bare: string };
}

/** The source paths `document` names, by the rules above. */
function mentions(document: string): Mention[] {
  const found: Mention[] = [];
  fs.readFileSync(projectPath(document), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      for (const [, target] of text.matchAll(LINK)) {
        if (/^[a-z]+:/i.test(target)) continue;
        found.push({ document, line, path: target, resolved: path.join(path.dirname(projectPath(document)), target) });
      }
      for (const [token] of text.matchAll(TOKEN)) {
        const name = token.replace(/\.+$/, '');
        const segments = name.split('/');
        if (segments.length > 1 && ROOT_DIRECTORIES.has(segments[0])) found.push({ document, line, path: name, resolved: projectPath(...concrete(segments)) });
        else if (segments.length > 1 && SRC_DIRECTORIES.has(segments[0])) found.push({ document, line, path: name, resolved: projectPath('src', ...concrete(segments)) });
        else if (segments.length === 1 && SOURCE_FILE.test(name)) found.push({ document, line, path: name, resolved: { bare: name } });
      }
    });
  return found;
}

describe('the documentation', () => {
  const all = DOCUMENTS.flatMap(mentions);
  const names = fileNames();

  it('names source paths (the rules find them)', () => {
    // A guard against the rules matching nothing: the docs name dozens of files.
    expect(all.filter((mention) => typeof mention.resolved === 'string').length).toBeGreaterThan(50);
    expect(all.find((mention) => mention.path === 'db/data-source.ts')?.resolved).toBe(projectPath('src', 'db', 'data-source.ts'));
  });

  it('names only paths that exist', () => {
    // A link's target is also a path token: the same line names it once in the message.
    const missing = all
      .filter((mention) => (typeof mention.resolved === 'string' ? !fs.existsSync(mention.resolved) : !names.has(mention.resolved.bare)))
      .map(({ document, line, path: named, resolved }) =>
        typeof resolved === 'string'
          ? `${document}:${line}: ${named} (expected ${path.relative(projectPath(), resolved) || '.'} to exist)`
          : `${document}:${line}: ${named} (expected a file of that name in the repository)`,
      );
    expect([...new Set(missing)]).toEqual([]);
  });
});
