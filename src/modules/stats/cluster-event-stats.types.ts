import { Field, Int, ObjectType} from 'type-graphql';
import { PartialDate } from '../../shared/partial-date';
import { ClusterEventKind } from '../cluster-event/cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { type StatsSpec, monthKey, relatedKey, yearKey } from './stats.query';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What cluster events can be grouped by. */
export const ClusterEventGroupBy = defineEnum('ClusterEventGroupBy', ['KIND', 'YEAR', 'MONTH', 'FEDERAL_DISTRICT', 'REGION', 'PARENT'], {
  values: {
    YEAR: 'The year of startDate; null for an event without a date.',
    MONTH: 'The month of startDate, "2024-04"; null for an event without a date or with a date known only to its year.',
    FEDERAL_DISTRICT: 'Each federal district of the event: an event in several districts counts once in each; an event in none, in the null group.',
    REGION: "Each region of the event's clusters: an event counts once in each; an event with no cluster in a known region, in the null group.",
    PARENT: 'The event this one is a part of; null for a top-level event.',
  },
});
export type ClusterEventGroupBy = EnumValue<typeof ClusterEventGroupBy>;

/** The keys of one group of events; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of events: the fields grouped by are set (null is the group of events without the key); the others are null.' })
export class ClusterEventStatsKey {
  @Field(() => ClusterEventKind, { nullable: true })
  kind?: ClusterEventKind | null;

  @Field(() => Int, { nullable: true, description: 'The year of startDate.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The month of startDate, e.g. "2024-04".' })
  month?: string | null;

  federalDistrictKey?: string | null;

  regionKey?: string | null;

  parentKey?: string | null;
}

/** One group of events: its keys, its count and its measures. */
@ObjectType({ description: 'One group of cluster events, with its count and measures.' })
export class ClusterEventStatsGroup {
  @Field(() => ClusterEventStatsKey)
  key!: ClusterEventStatsKey;

  @Field(() => Int, { description: 'The number of events in the group.' })
  count!: number;

  @Field(() => PartialDate, { nullable: true, description: 'The earliest startDate, as given (partial dates compare by their first day, then by their last); null when no event of the group has one.' })
  minStartDate!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'The latest startDate, as given (partial dates compare by their first day, then by their last).' })
  maxStartDate!: PartialDate | null;

  @Field(() => Int, { nullable: true, description: 'The sum of reportedClusterCount over the group; null when no event of the group reports one.' })
  sumReportedClusterCount!: number | null;
}

/** The start date's columns on the event row `t`. */
export const CLUSTER_EVENT_START_DATE = { iso: 't.start_date', from: 't.start_date_from' };
const EVENT_DISTRICT = { alias: 'j_efd', sql: 'LEFT JOIN cluster_event_federal_district j_efd ON j_efd.event_id = t.id' };
const EVENT_REGION = {
  alias: 'j_ecr',
  sql: `LEFT JOIN (SELECT ec.event_id AS event_id, c.region_id AS region_id FROM cluster_event_cluster ec JOIN cluster c ON c.id = ec.cluster_id
    WHERE c.region_id IS NOT NULL) j_ecr ON j_ecr.event_id = t.id`,
};

/** Cluster events as grouped by `clusterEventStats`. */
export const CLUSTER_EVENT_STATS: StatsSpec<ClusterEventGroupBy, ClusterEventStatsKey, ClusterEventStatsGroup> = {
  table: 'cluster_event',
  filter: () => CLUSTER_EVENT_LISTING.filterSpec,
  keys: {
    KIND: { property: 'kind', expr: 't.kind', type: 'text' },
    YEAR: yearKey(CLUSTER_EVENT_START_DATE),
    MONTH: monthKey(CLUSTER_EVENT_START_DATE),
    FEDERAL_DISTRICT: relatedKey('federalDistrictKey', 'j_efd.federal_district_id', { table: 'federal_district', alias: 'j_fd', name: 'name_fold' }, [EVENT_DISTRICT]),
    REGION: relatedKey('regionKey', 'j_ecr.region_id', { table: 'region', alias: 'j_region', name: 'name_fold' }, [EVENT_REGION]),
    PARENT: relatedKey('parentKey', 't.parent_id', { table: 'cluster_event', alias: 'j_parent', name: 'title_fold' }),
  },
  measures: [
    { property: 'minStartDate', aggregate: 'MIN', date: CLUSTER_EVENT_START_DATE },
    { property: 'maxStartDate', aggregate: 'MAX', date: CLUSTER_EVENT_START_DATE },
    { property: 'sumReportedClusterCount', aggregate: 'SUM', column: 't.reported_cluster_count' },
  ],
  rollup: {
    name: 'cluster_event',
    table: 'cluster_event_rollup',
    // Per district or not; per kind, or (without KIND) summed over the kinds already.
    scope: (groupBy) => {
      const scope = groupBy.includes(ClusterEventGroupBy.FEDERAL_DISTRICT) ? 'd' : 'e';
      return groupBy.includes(ClusterEventGroupBy.KIND) ? scope : scope.toUpperCase();
    },
    keys: {
      KIND: { property: 'kind', expr: 't.kind', type: 'text' },
      YEAR: { property: 'year', expr: 't.year', type: 'int' },
      MONTH: { property: 'month', expr: 't.month', type: 'text' },
      FEDERAL_DISTRICT: relatedKey('federalDistrictKey', 't.federal_district_id', { table: 'federal_district', alias: 'j_fd', name: 'name_fold' }),
    },
    measures: [
      { property: 'minStartDate', aggregate: 'MIN', date: CLUSTER_EVENT_START_DATE, sortKey: 't.min_start' },
      { property: 'maxStartDate', aggregate: 'MAX', date: CLUSTER_EVENT_START_DATE, sortKey: 't.max_start' },
      { property: 'sumReportedClusterCount', aggregate: 'SUM', column: 't.sum_reported_cluster_count' },
    ],
  },
};
