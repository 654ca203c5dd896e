import * as graphql from 'graphql';
import { type Stats, runBrowserScripts } from '../../../test/support/browser-scripts';

interface Model {
  kind: 'bar' | 'line';
  measure: string | null;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  notDrawn: { category: string; series: { name: string; value: number | null }[] }[];
}

interface BrowserApi {
  PlaygroundChartModel: {
    findStats(result: unknown, queryText: string, variables?: unknown): Stats | null;
    buildModel(stats: Stats, measure: Stats['measures'][number] | null): Model;
    defaultMeasure(stats: Stats): Stats['measures'][number] | null;
    csvOf(stats: Stats): string;
  };
  PlaygroundChartQuery: { findStats: unknown };
  PlaygroundExport: { csvUrl(queryText: string, variables?: unknown, operationName?: string): string | null };
}

/** The exports of a page's config, as the server writes them (publicExportLinks): a few of them. */
const EXPORTS = ['forums', 'speakers', 'clusterEvents', 'regions', 'figures'].map((field) => ({
  field,
  file: `${field}.csv`,
  parameters: { where: 'json', orderBy: 'json', stage: 'enum' },
}));

/**
 * Runs chart-query.js and chart-model.js as the page would, with GraphiQL's graphql on
 * window.GraphiQL.GraphQL and the page's config (`config`; none when null) in its #playground-config
 * element.
 */
function load(pathname = '/graphql', config: unknown = { exports: EXPORTS }): BrowserApi {
  const document = {
    getElementById: (id: string) => (id === 'playground-config' && config !== null ? { textContent: JSON.stringify(config) } : null),
  };
  return runBrowserScripts<BrowserApi>(['chart-query.js', 'chart-model.js'], { GraphiQL: { GraphQL: graphql }, location: { pathname }, document });
}

const { PlaygroundChartModel, PlaygroundExport, PlaygroundChartQuery } = load();

describe('chart-model.js stands on chart-query.js', () => {
  it("gives chart-query.js's findStats as its own", () => {
    expect(PlaygroundChartModel.findStats).toBe(PlaygroundChartQuery.findStats);
  });

  it('says so when chart-query.js was not loaded before it', () => {
    expect(() => runBrowserScripts(['chart-model.js'], {})).toThrow(
      'chart-model.js: window.PlaygroundChartQuery is not loaded (chart-query.js must come before it)',
    );
  });
});

describe('csvUrl maps the main root list to its export', () => {
  const decode = (url: string | null) => {
    const parsed = new URL(url!, 'http://host');
    return { path: parsed.pathname, params: Object.fromEntries(parsed.searchParams) };
  };

  it('passes literal where and orderBy as JSON, enums as their names', () => {
    const url = PlaygroundExport.csvUrl(
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
    expect(decode(PlaygroundExport.csvUrl(query, { w: where }, 'L')).params).toEqual({ where: JSON.stringify(where), orderBy: '[{"title":"ASC"}]' });
    expect(decode(PlaygroundExport.csvUrl(query, JSON.stringify({ w: where, o: [{ title: 'DESC' }] }))).params).toEqual({
      where: JSON.stringify(where),
      orderBy: '[{"title":"DESC"}]',
    });
    expect(decode(PlaygroundExport.csvUrl(query, {})).params).toEqual({ orderBy: '[{"title":"ASC"}]' });
  });

  it('picks the named operation, the first exported list, and the draft stage', () => {
    const document = 'query A { node(id: "x") { id } speakers { nodes { id } } } query B { regions(stage: DRAFT) { nodes { id } } }';
    expect(decode(PlaygroundExport.csvUrl(document, null, 'A'))).toEqual({ path: '/export/speakers.csv', params: {} });
    expect(decode(PlaygroundExport.csvUrl(document, null, 'B'))).toEqual({ path: '/export/regions.csv', params: { stage: 'DRAFT' } });
    expect(PlaygroundExport.csvUrl(document, null)).toBeNull(); // two operations, none named
  });

  it('is null without an exported list, for a mutation, or for text that does not parse', () => {
    expect(PlaygroundExport.csvUrl('{ search(query: "x") { totalCount } }')).toBeNull();
    expect(PlaygroundExport.csvUrl('{ forumStats(groupBy: [YEAR]) { count } }')).toBeNull();
    expect(PlaygroundExport.csvUrl('mutation { forums { id } }')).toBeNull();
    expect(PlaygroundExport.csvUrl('{ forums(')).toBeNull();
  });

  it('leaves out a list skipped by a directive', () => {
    expect(decode(PlaygroundExport.csvUrl('query ($no: Boolean = true) { forums @skip(if: $no) { nodes { id } } regions { nodes { id } } }')).path).toBe(
      '/export/regions.csv',
    );
  });

  it("links only the lists the page's config names, with the parameters it names", () => {
    const only = (parameters: Record<string, string>) => load('/graphql', { exports: [{ field: 'forums', file: 'forums.csv', parameters }] }).PlaygroundExport;
    const query = '{ regions { nodes { id } } forums(where: { edition: { equals: 8 } }, orderBy: [{ title: ASC }], stage: DRAFT) { nodes { id } } }';
    expect(decode(only({ orderBy: 'json' }).csvUrl(query))).toEqual({ path: '/export/forums.csv', params: { orderBy: '[{"title":"ASC"}]' } });
    expect(decode(only({ where: 'json', stage: 'enum' }).csvUrl(query))).toEqual({ path: '/export/forums.csv', params: { where: '{"edition":{"equals":8}}', stage: 'DRAFT' } });
    expect(load('/graphql', { exports: [] }).PlaygroundExport.csvUrl(query)).toBeNull();
    expect(load('/graphql', null).PlaygroundExport.csvUrl(query)).toBeNull();
  });

  it('puts the export beside the Playground, behind a proxy prefix too', () => {
    expect(load('/api/graphql').PlaygroundExport.csvUrl('{ figures { nodes { id } } }')).toBe('/api/export/figures.csv');
    expect(load('/graphql/').PlaygroundExport.csvUrl('{ figures { nodes { id } } }')).toBe('/export/figures.csv');
  });
});

describe('the chart model and CSV of a stats answer', () => {
  const query = '{ clusterEventStats(groupBy: [YEAR, KIND]) { key { year kind } count } }';
  const groups = [
    { key: { year: 2022, kind: 'OPEN_DAY' }, count: 2 },
    { key: { year: 2024, kind: 'CHAMPIONSHIP' }, count: 1 },
    { key: { year: 2024, kind: 'OPEN_DAY' }, count: 3 },
    { key: { year: null, kind: 'OPEN_DAY' }, count: 4 },
  ];
  const stats = PlaygroundChartModel.findStats({ data: { clusterEventStats: groups } }, query)!;

  it('a line by year with the missing year put in, one series per kind, 0 where no group, the null year not drawn', () => {
    expect(PlaygroundChartModel.buildModel(stats, PlaygroundChartModel.defaultMeasure(stats))).toEqual({
      kind: 'line',
      measure: 'count',
      categories: ['2022', '2023', '2024'],
      series: [
        { name: 'CHAMPIONSHIP', values: [0, 0, 1] },
        { name: 'OPEN_DAY', values: [2, 0, 3] },
      ],
      notDrawn: [{ category: '(none)', series: [{ name: 'CHAMPIONSHIP', value: 0 }, { name: 'OPEN_DAY', value: 4 }] }],
    });
  });

  it('the CSV has one column per key and measure, an empty cell for the null key, RFC 4180 quoting', () => {
    expect(PlaygroundChartModel.csvOf(stats)).toBe('\uFEFFyear,kind,count\r\n2022,OPEN_DAY,2\r\n2024,CHAMPIONSHIP,1\r\n2024,OPEN_DAY,3\r\n,OPEN_DAY,4\r\n');
    const quoted = PlaygroundChartModel.findStats({ data: { clusterStats: [{ key: { industry: 'A, "B"' }, count: 1 }] } }, '{ clusterStats(groupBy: [INDUSTRY]) { key { industry } count } }')!;
    expect(PlaygroundChartModel.csvOf(quoted)).toBe('\uFEFFindustry,count\r\n"A, ""B""",1\r\n');
  });
});
