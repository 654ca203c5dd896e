import * as graphql from 'graphql';
import { importBrowserModule } from '../../../test/support/browser-scripts';
import type * as ExportDownloadModule from './export-download.js';
import type { ExportLink } from './export-download.js';

/** The exports of a page's config, as the server writes them (publicExportLinks): a few of them. */
const EXPORTS: ExportLink[] = ['forums', 'speakers', 'clusterEvents', 'regions', 'figures'].map((field) => ({
  field,
  file: `${field}.csv`,
  parameters: { where: 'json', orderBy: 'json', stage: 'enum' },
}));

/** The page the Playground's start-up module describes: the config's exports and its own path. */
const PAGE = { exports: EXPORTS, path: '/graphql' };

// export-download.js reads queries with query-document.js, which parses with GraphiQL's graphql (window.GraphiQL.GraphQL).
const ExportDownload = importBrowserModule<typeof ExportDownloadModule>('export-download.js', { GraphiQL: { GraphQL: graphql } });
const csvUrl = (queryText: string, variables?: unknown, operationName?: string, page = PAGE) => ExportDownload.csvUrl(queryText, variables, operationName, page);

describe('csvUrl maps the main root list to its export', () => {
  const decode = (url: string | null) => {
    const parsed = new URL(url!, 'http://host');
    return { path: parsed.pathname, params: Object.fromEntries(parsed.searchParams) };
  };

  it('passes literal where and orderBy as JSON, enums as their names', () => {
    const url = csvUrl(
      '{ events: clusterEvents(first: 5, where: { kind: { equals: OPEN_DAY }, title: { contains: "дн" } }, orderBy: [{ startDate: DESC }]) { nodes { id } } }',
    );
    expect(decode(url)).toEqual({
      path: '/export/clusterEvents.csv',
      params: { where: '{"kind":{"equals":"OPEN_DAY"},"title":{"contains":"дн"}}', orderBy: '[{"startDate":"DESC"}]' },
    });
  });

  it('takes where and orderBy from variables (object or JSON text) and defaults', () => {
    const query = 'query L($w: ForumWhere, $o: [ForumOrderBy!] = [{ title: ASC }]) { forums(where: $w, orderBy: $o) { nodes { id } } }';
    const where = { edition: { equals: 8 } };
    expect(decode(csvUrl(query, { w: where }, 'L')).params).toEqual({ where: JSON.stringify(where), orderBy: '[{"title":"ASC"}]' });
    expect(decode(csvUrl(query, JSON.stringify({ w: where, o: [{ title: 'DESC' }] }))).params).toEqual({
      where: JSON.stringify(where),
      orderBy: '[{"title":"DESC"}]',
    });
    expect(decode(csvUrl(query, {})).params).toEqual({ orderBy: '[{"title":"ASC"}]' });
  });

  it('picks the named operation, the first exported list, and the draft stage', () => {
    const document = 'query A { node(id: "x") { id } speakers { nodes { id } } } query B { regions(stage: DRAFT) { nodes { id } } }';
    expect(decode(csvUrl(document, null, 'A'))).toEqual({ path: '/export/speakers.csv', params: {} });
    expect(decode(csvUrl(document, null, 'B'))).toEqual({ path: '/export/regions.csv', params: { stage: 'DRAFT' } });
    expect(csvUrl(document, null)).toBeNull(); // two operations, none named
  });

  it('is null without an exported list, for a mutation, or for text that does not parse', () => {
    expect(csvUrl('{ search(query: "x") { totalCount } }')).toBeNull();
    expect(csvUrl('{ forumStats(groupBy: [YEAR]) { count } }')).toBeNull();
    expect(csvUrl('mutation { forums { id } }')).toBeNull();
    expect(csvUrl('{ forums(')).toBeNull();
  });

  it('leaves out a list skipped by a directive', () => {
    expect(decode(csvUrl('query ($no: Boolean = true) { forums @skip(if: $no) { nodes { id } } regions { nodes { id } } }')).path).toBe(
      '/export/regions.csv',
    );
  });

  it("links only the lists the page's config names, with the parameters it names", () => {
    const only = (parameters: Record<string, string>) => ({ exports: [{ field: 'forums', file: 'forums.csv', parameters }], path: '/graphql' });
    const query = '{ regions { nodes { id } } forums(where: { edition: { equals: 8 } }, orderBy: [{ title: ASC }], stage: DRAFT) { nodes { id } } }';
    expect(decode(csvUrl(query, undefined, undefined, only({ orderBy: 'json' })))).toEqual({ path: '/export/forums.csv', params: { orderBy: '[{"title":"ASC"}]' } });
    expect(decode(csvUrl(query, undefined, undefined, only({ where: 'json', stage: 'enum' })))).toEqual({ path: '/export/forums.csv', params: { where: '{"edition":{"equals":8}}', stage: 'DRAFT' } });
    expect(csvUrl(query, undefined, undefined, { exports: [], path: '/graphql' })).toBeNull();
  });

  it('puts the export beside the Playground, behind a proxy prefix too', () => {
    expect(csvUrl('{ figures { nodes { id } } }', undefined, undefined, { exports: EXPORTS, path: '/api/graphql' })).toBe('/api/export/figures.csv');
    expect(csvUrl('{ figures { nodes { id } } }', undefined, undefined, { exports: EXPORTS, path: '/graphql/' })).toBe('/export/figures.csv');
  });
});
