import * as graphql from 'graphql';
import { importBrowserModule } from '../../../test/support/browser-scripts';
import type * as ChartModelModule from './chart-model.js';
import type * as ChartQueryModule from './chart-query.js';

// chart-query.js parses with GraphiQL's graphql (window.GraphiQL.GraphQL).
const window = { GraphiQL: { GraphQL: graphql } };
const ChartModel = importBrowserModule<typeof ChartModelModule>('chart-model.js');
const { findStats } = importBrowserModule<typeof ChartQueryModule>('chart-query.js', window);

describe('the chart model and CSV of a stats answer', () => {
  const query = '{ clusterEventStats(groupBy: [YEAR, KIND]) { key { year kind } count } }';
  const groups = [
    { key: { year: 2022, kind: 'OPEN_DAY' }, count: 2 },
    { key: { year: 2024, kind: 'CHAMPIONSHIP' }, count: 1 },
    { key: { year: 2024, kind: 'OPEN_DAY' }, count: 3 },
    { key: { year: null, kind: 'OPEN_DAY' }, count: 4 },
  ];
  const stats = findStats({ data: { clusterEventStats: groups } }, query)!;

  it('a line by year with the missing year put in, one series per kind, 0 where no group, the null year not drawn', () => {
    expect(ChartModel.buildModel(stats, ChartModel.defaultMeasure(stats))).toEqual({
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
    expect(ChartModel.csvOf(stats)).toBe('\uFEFFyear,kind,count\r\n2022,OPEN_DAY,2\r\n2024,CHAMPIONSHIP,1\r\n2024,OPEN_DAY,3\r\n,OPEN_DAY,4\r\n');
    const quoted = findStats({ data: { clusterStats: [{ key: { industry: 'A, "B"' }, count: 1 }] } }, '{ clusterStats(groupBy: [INDUSTRY]) { key { industry } count } }')!;
    expect(ChartModel.csvOf(quoted)).toBe('\uFEFFindustry,count\r\n"A, ""B""",1\r\n');
  });
});
