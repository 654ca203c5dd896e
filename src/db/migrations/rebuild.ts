/**
 * Derived data a migration leaves for today's code to rebuild once every migration has run: the
 * search index, the stats summaries, the kept top hits. A migration carries its own SQL and
 * imports no live code, so that what an old migration does never changes with that code; what
 * it cannot write as SQL (stems computed in JS, summaries grouped by today's rules) it names in
 * `rebuilds`, and openDatabase reports it (`Database.rebuilds`) for the caller to run.
 */
export type Rebuild = 'search-index' | 'stats-rollups' | 'search-top';

/** The rebuilds a migration names (none when it names none). */
export function rebuildsOf(migration: unknown): readonly Rebuild[] {
  const named = (migration as { rebuilds?: unknown } | undefined)?.rebuilds;
  return Array.isArray(named) ? (named as Rebuild[]) : [];
}
