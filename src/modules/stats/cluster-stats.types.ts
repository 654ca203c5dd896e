import { Field, Int, ObjectType} from 'type-graphql';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { type StatsSpec, relatedKey } from './stats.query';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What clusters can be grouped by. */
export const ClusterGroupBy = defineEnum('ClusterGroupBy', ['INDUSTRY', 'REGION', 'FEDERAL_DISTRICT', 'LAUNCH_YEAR'], {
  values: {
    INDUSTRY: 'The industry, compared as filters compare text (case-insensitive, «ё» as «е»).',
    FEDERAL_DISTRICT: "The federal district of the cluster's region.",
  },
});
export type ClusterGroupBy = EnumValue<typeof ClusterGroupBy>;

/** The keys of one group of clusters; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of clusters: the fields grouped by are set (null is the group of clusters without the key); the others are null.' })
export class ClusterStatsKey {
  @Field(() => String, { nullable: true, description: 'The industry as written (the first spelling by code point, where spellings differ in case).' })
  industry?: string | null;

  @Field(() => Int, { nullable: true })
  launchYear?: number | null;

  regionKey?: string | null;

  federalDistrictKey?: string | null;
}

/** One group of clusters: its keys, its count and its measures. */
@ObjectType({ description: 'One group of clusters, with its count and measures.' })
export class ClusterStatsGroup {
  @Field(() => ClusterStatsKey)
  key!: ClusterStatsKey;

  @Field(() => Int, { description: 'The number of clusters in the group.' })
  count!: number;

  @Field(() => Int, { nullable: true, description: 'The earliest launchYear; null when no cluster of the group has one.' })
  minLaunchYear!: number | null;

  @Field(() => Int, { nullable: true, description: 'The latest launchYear.' })
  maxLaunchYear!: number | null;
}

const REGION = relatedKey('regionKey', 't.region_id', { table: 'region', alias: 'j_region', name: 'name_fold' });

/** Clusters as grouped by `clusterStats`. */
export const CLUSTER_STATS: StatsSpec<ClusterGroupBy, ClusterStatsKey, ClusterStatsGroup> = {
  table: 'cluster',
  filter: () => CLUSTER_LISTING.filterSpec,
  keys: {
    INDUSTRY: { property: 'industry', expr: 't.industry_fold', label: 't.industry', type: 'text' },
    REGION,
    FEDERAL_DISTRICT: relatedKey('federalDistrictKey', 'j_region.federal_district_id', { table: 'federal_district', alias: 'j_fd', name: 'name_fold' }, REGION.joins),
    LAUNCH_YEAR: { property: 'launchYear', expr: 't.launch_year', type: 'int' },
  },
  measures: [
    { property: 'minLaunchYear', aggregate: 'MIN', column: 't.launch_year' },
    { property: 'maxLaunchYear', aggregate: 'MAX', column: 't.launch_year' },
  ],
};
