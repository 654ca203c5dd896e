import { ClusterEvent, ClusterEventKind } from '../cluster-event/cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { FederalDistrict, Region } from '../region/region.entity';
import { defineStats, key, measure, statsDate } from './stats.define';

/** The event summary's name in stats_rollup_state (its freshness, shared by the kept counts of start-counts.ts). */
export const CLUSTER_EVENT_ROLLUP = 'cluster_event';

/** The start date's columns on the event row `t` (the summary is built from them, stats.rollup.ts). */
export const CLUSTER_EVENT_START_DATE = statsDate('startDate');
const EVENT_DISTRICT = { alias: 'j_efd', sql: 'LEFT JOIN cluster_event_federal_district j_efd ON j_efd.event_id = t.id' };
const EVENT_REGION = {
  alias: 'j_ecr',
  sql: `LEFT JOIN (SELECT ec.event_id AS event_id, c.region_id AS region_id FROM cluster_event_cluster ec JOIN cluster c ON c.id = ec.cluster_id
    WHERE c.region_id IS NOT NULL) j_ecr ON j_ecr.event_id = t.id`,
};

export const CLUSTER_EVENT_STATS = defineStats('ClusterEvent', {
  noun: ['event', 'events'],
  title: 'cluster events',
  listing: CLUSTER_EVENT_LISTING,
  keys: {
    KIND: key.column('kind', () => ClusterEventKind),
    YEAR: key.year(CLUSTER_EVENT_START_DATE),
    MONTH: key.month(CLUSTER_EVENT_START_DATE),
    FEDERAL_DISTRICT: key.related('federalDistrict', FederalDistrict, 'name_fold', {
      expr: 'j_efd.federal_district_id',
      joins: [EVENT_DISTRICT],
      groupBy: 'Each federal district of the event: an event in several districts counts once in each; an event in none, in the null group.',
    }),
    REGION: key.related('region', Region, 'name_fold', {
      expr: 'j_ecr.region_id',
      joins: [EVENT_REGION],
      description: "A region of the event's clusters.",
      groupBy: "Each region of the event's clusters: an event counts once in each; an event with no cluster in a known region, in the null group.",
    }),
    PARENT: key.related('parent', ClusterEvent, 'title_fold', { groupBy: 'The event this one is a part of; null for a top-level event.' }),
  },
  measures: [
    ...measure.range(CLUSTER_EVENT_START_DATE),
    measure.sum('reportedClusterCount', 'The sum of reportedClusterCount over the group; null when no event of the group reports one.'),
  ],
  rollup: {
    name: CLUSTER_EVENT_ROLLUP,
    table: 'cluster_event_rollup',
    // Per district or not; per kind, or (without KIND) summed over the kinds already.
    scope: (groupBy) => {
      const scope = groupBy.includes('FEDERAL_DISTRICT') ? 'd' : 'e';
      return groupBy.includes('KIND') ? scope : scope.toUpperCase();
    },
    keys: { KIND: 't.kind', YEAR: 't.year', MONTH: 't.month', FEDERAL_DISTRICT: 't.federal_district_id' },
    measures: { minStartDate: 't.min_start', maxStartDate: 't.max_start', sumReportedClusterCount: 't.sum_reported_cluster_count' },
  },
});
