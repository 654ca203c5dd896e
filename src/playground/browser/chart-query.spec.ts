import * as graphql from 'graphql';
import { importBrowserModule } from '../../../test/support/browser-scripts';
import type * as ChartQueryModule from './chart-query.js';
import type * as QueryDocumentModule from './query-document.js';
import type { Operation } from './query-document.js';

/** Imports `file` as the page would, with GraphiQL's graphql on window.GraphiQL.GraphQL (none when `withGraphql` is false). */
function load<M>(file: string, withGraphql = true): M {
  return importBrowserModule<M>(file, withGraphql ? { GraphiQL: { GraphQL: graphql } } : {});
}

const ChartQuery = load<typeof ChartQueryModule>('chart-query.js');
const QueryDocument = load<typeof QueryDocumentModule>('query-document.js');

describe('findStats reads the stats field and its grouping from the query', () => {
  const groups = [
    { key: { kind: 'CHAMPIONSHIP', year: 2024 }, count: 1 },
    { key: { kind: 'CHAMPIONSHIP', year: 2025 }, count: 2 },
  ];

  it('two literal keys, with the key fields it asked for', () => {
    const stats = ChartQuery.findStats(
      { data: { clusterEventStats: groups } },
      '{ clusterEventStats(groupBy: [KIND, YEAR]) { key { kind year } count } }',
    );
    expect(stats).toMatchObject({
      field: 'clusterEventStats',
      groupBy: ['KIND', 'YEAR'],
      groups,
      keys: [
        { groupBy: 'KIND', name: 'kind', path: ['key', 'kind'] },
        { groupBy: 'YEAR', name: 'year', path: ['key', 'year'] },
      ],
      measures: [{ key: 'count', name: 'count' }],
    });
  });

  it('follows aliases of the field, of key and of its fields, and a groupBy from variables', () => {
    const aliased = [{ k: { y: 2024 }, n: 3 }];
    const stats = ChartQuery.findStats(
      { data: { byYear: aliased } },
      'query Q($by: [ClusterEventGroupBy!]!) { byYear: clusterEventStats(groupBy: $by) { k: key { y: year } n: count } }',
      '{"by": ["YEAR"]}',
    );
    expect(stats).toMatchObject({
      field: 'clusterEventStats',
      responseKey: 'byYear',
      groupBy: ['YEAR'],
      keys: [{ groupBy: 'YEAR', path: ['k', 'y'] }],
      measures: [{ key: 'n', name: 'count' }],
    });
  });

  it('takes a variable default, a single enum for a list, and fragments', () => {
    const stats = ChartQuery.findStats(
      { data: { clusterStats: [{ key: { industry: 'IT' }, count: 1 }] } },
      'query Q($by: ClusterGroupBy = INDUSTRY) { ...Root } fragment Root on Query { clusterStats(groupBy: $by) { key { industry } ... on ClusterStatsGroup { count } } }',
    );
    expect(stats).toMatchObject({ groupBy: ['INDUSTRY'], keys: [{ path: ['key', 'industry'] }], measures: [{ key: 'count' }] });
  });

  it('lists every stats field of the answer, the first first', () => {
    const stats = ChartQuery.findStats(
      { data: { clusterEventStats: groups, forums: { nodes: [] }, clusterStats: [{ key: { launchYear: 2022 }, count: 2 }] } },
      '{ clusterEventStats(groupBy: [KIND, YEAR]) { key { kind year } count } forums { nodes { id } } clusterStats(groupBy: [LAUNCH_YEAR]) { key { launchYear } count } }',
    );
    expect(stats?.field).toBe('clusterEventStats');
    expect(stats?.all?.map((s) => [s.field, s.groupBy])).toEqual([
      ['clusterEventStats', ['KIND', 'YEAR']],
      ['clusterStats', ['LAUNCH_YEAR']],
    ]);
  });

  it('is null for an answer without groups: a list, an error, an empty grouping', () => {
    expect(ChartQuery.findStats({ data: { forums: { nodes: [] } } }, '{ forums { nodes { id } } }')).toBeNull();
    expect(ChartQuery.findStats({ errors: [{ message: 'x' }] }, '{ clusterStats(groupBy: []) { count } }')).toBeNull();
    expect(ChartQuery.findStats({ data: { clusterStats: [] } }, '{ clusterStats(groupBy: [REGION]) { count } }')).toBeNull();
  });

  it('without a readable query, takes the key fields that are set as the grouping', () => {
    const stats = ChartQuery.findStats({ data: { clusterStats: [{ key: { launchYear: 2022, region: null }, count: 2 }] } }, '{ not graphql');
    expect(stats).toMatchObject({ field: 'clusterStats', groupBy: ['LAUNCH_YEAR'], keys: [{ name: 'launchYear', path: ['key', 'launchYear'] }] });
  });
});

describe('operationOf reads the root fields of the operation that runs', () => {
  const summary = (operation: Operation | null) =>
    operation && { operation: operation.operation, fields: operation.fields.map((field) => [field.name, field.responseKey]) };

  it('spreads fragments, inline ones too, and keeps aliases as response keys', () => {
    const read = QueryDocument.operationOf('{ ...Lists ... on Query { r: regions { nodes { id } } } } fragment Lists on Query { forums { nodes { id } } }');
    expect(summary(read)).toEqual({ operation: 'query', fields: [['forums', 'forums'], ['regions', 'r']] });
  });

  it('applies @skip and @include, from literals, variables and defaults', () => {
    const query = 'query ($skip: Boolean = true, $with: Boolean!) { forums @skip(if: $skip) { id } regions @include(if: $with) { id } speakers @include(if: false) { id } figures { id } }';
    expect(summary(QueryDocument.operationOf(query, { with: true }))?.fields).toEqual([['regions', 'regions'], ['figures', 'figures']]);
    expect(summary(QueryDocument.operationOf(query, '{"skip": false, "with": false}'))?.fields).toEqual([['forums', 'forums'], ['figures', 'figures']]);
  });

  it('gives argument values, literal or from variables (object or JSON text) and their defaults', () => {
    const query = 'query L($w: ForumWhere, $n: Int = 5) { forums(where: $w, first: $n, stage: DRAFT) { nodes { id } } }';
    const where = { edition: { equals: 8 } };
    const [forums] = QueryDocument.operationOf(query, { w: where })!.fields;
    expect([forums.argument('where'), forums.argument('first'), forums.argument('stage'), forums.argument('orderBy')]).toEqual([where, 5, 'DRAFT', undefined]);
    expect(QueryDocument.operationOf(query, '{"n": 2}')!.fields[0].argument('first')).toBe(2);
    expect(QueryDocument.operationOf(query, 'not JSON')!.fields[0].argument('where')).toBeUndefined();
  });

  it('picks the named operation or the only one, and says which kind it is', () => {
    const document = 'query A { forums { id } } mutation B { forums { id } }';
    expect(summary(QueryDocument.operationOf(document, null, 'B'))?.operation).toBe('mutation');
    expect(summary(QueryDocument.operationOf(document, null, 'A'))?.operation).toBe('query');
    expect(QueryDocument.operationOf(document, null)).toBeNull();
    expect(QueryDocument.operationOf(document, null, 'C')).toBeNull();
  });

  it("is null for text that does not parse, and without GraphiQL's graphql", () => {
    expect(QueryDocument.operationOf('{ forums(')).toBeNull();
    expect(load<typeof QueryDocumentModule>('query-document.js', false).operationOf('{ forums { id } }')).toBeNull();
  });
});
