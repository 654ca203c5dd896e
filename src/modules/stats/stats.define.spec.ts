import { CLUSTER_EVENT_STATS } from './cluster-event-stats.types';
import { CLUSTER_STATS } from './cluster-stats.types';
import { FORUM_STATS } from './forum-stats.types';

/** What the declarations' rules make of a field name: the SQL each key and measure groups by. */
describe('stats declarations', () => {
  it('a folded text key groups by its folded copy and shows the column as written', () => {
    expect(CLUSTER_STATS.spec.keys.INDUSTRY).toEqual({ property: 'industry', expr: 't.industry_fold', label: 't.industry', type: 'text' });
    expect(CLUSTER_STATS.spec.keys.LAUNCH_YEAR).toEqual({ property: 'launchYear', expr: 't.launch_year', type: 'int' });
  });

  it('a related key joins its entity by its own reference column, or after the joins it is reached through', () => {
    const region = { alias: 'j_region', sql: 'LEFT JOIN region j_region ON j_region.id = t.region_id' };
    expect(CLUSTER_STATS.spec.keys.REGION).toEqual({
      property: 'regionKey',
      expr: 't.region_id',
      type: 'text',
      order: 'j_region.name_fold',
      joins: [region],
      related: { table: 'region', alias: 'j_region', name: 'name_fold' },
    });
    expect(CLUSTER_STATS.spec.keys.FEDERAL_DISTRICT.joins).toEqual([
      region,
      { alias: 'j_federal_district', sql: 'LEFT JOIN federal_district j_federal_district ON j_federal_district.id = j_region.federal_district_id' },
    ]);
  });

  it('a range measures the least and greatest value, of a partial date by its two columns', () => {
    expect(FORUM_STATS.spec.measures).toEqual([
      { property: 'minStartDate', aggregate: 'MIN', date: { iso: 't.start_date', from: 't.start_date_from' } },
      { property: 'maxStartDate', aggregate: 'MAX', date: { iso: 't.start_date', from: 't.start_date_from' } },
      { property: 'minEdition', aggregate: 'MIN', column: 't.edition' },
      { property: 'maxEdition', aggregate: 'MAX', column: 't.edition' },
    ]);
  });

  it("the summary's keys and measures are the declaration's, in its order, on the summary's columns", () => {
    const rollup = CLUSTER_EVENT_STATS.spec.rollup!;
    expect(rollup.keys).toEqual({
      KIND: { property: 'kind', expr: 't.kind', type: 'text' },
      YEAR: { property: 'year', expr: 't.year', type: 'int' },
      MONTH: { property: 'month', expr: 't.month', type: 'text' },
      FEDERAL_DISTRICT: {
        property: 'federalDistrictKey',
        expr: 't.federal_district_id',
        type: 'text',
        order: 'j_federal_district.name_fold',
        joins: [{ alias: 'j_federal_district', sql: 'LEFT JOIN federal_district j_federal_district ON j_federal_district.id = t.federal_district_id' }],
        related: { table: 'federal_district', alias: 'j_federal_district', name: 'name_fold' },
      },
    });
    const date = { iso: 't.start_date', from: 't.start_date_from' };
    expect(rollup.measures).toEqual([
      { property: 'minStartDate', aggregate: 'MIN', date, sortKey: 't.min_start' },
      { property: 'maxStartDate', aggregate: 'MAX', date, sortKey: 't.max_start' },
      { property: 'sumReportedClusterCount', aggregate: 'SUM', column: 't.sum_reported_cluster_count' },
    ]);
    expect([rollup.scope(['KIND', 'YEAR']), rollup.scope(['YEAR']), rollup.scope(['FEDERAL_DISTRICT', 'KIND']), rollup.scope(['FEDERAL_DISTRICT'])]).toEqual(['e', 'E', 'd', 'D']);
  });
});
