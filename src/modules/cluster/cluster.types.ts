import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Cluster } from './cluster.entity';
import { IdFilter, IntFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { REGION_FILTER, RegionWhere } from '../region/region.types';

export const ClusterConnection = ConnectionType(Cluster, 'Cluster');

@InputType({ description: 'One key per element. Default: name.' })
export class ClusterOrderBy {
  @Field(() => SortOrder, { nullable: true })
  name?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  industry?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  launchYear?: SortOrder;
}

export const CLUSTER_SORT: Record<keyof ClusterOrderBy, SortField> = {
  name: { sql: 't.name_fold', nullable: false, text: true },
  industry: { sql: 't.industry_fold', nullable: true, text: true },
  launchYear: { sql: 't.launch_year', nullable: true, text: false },
};
export const CLUSTER_DEFAULT_ORDER = [{ name: SortOrder.ASC }];

export const CLUSTER_LISTING: Listing<Cluster> = { entity: Cluster, sort: CLUSTER_SORT, defaultOrder: CLUSTER_DEFAULT_ORDER, filter: () => CLUSTER_FILTER };

@InputType({ description: 'Clusters matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps clusters matching neither.' })
export class ClusterWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  industry?: StringFilter | null;

  @Field(() => IntFilter, { nullable: true })
  launchYear?: IntFilter | null;

  @Field(() => RegionWhere, { nullable: true })
  region?: RegionWhere | null;

  @Field(() => [ClusterWhere], { nullable: true })
  AND?: ClusterWhere[] | null;

  @Field(() => [ClusterWhere], { nullable: true })
  OR?: ClusterWhere[] | null;

  @Field(() => [ClusterWhere], { nullable: true })
  NOT?: ClusterWhere[] | null;
}

@InputType({ description: 'some: at least one cluster matches; none: no cluster matches; every: all clusters match (true when there are none).' })
export class ClusterListFilter {
  @Field(() => ClusterWhere, { nullable: true })
  some?: ClusterWhere | null;

  @Field(() => ClusterWhere, { nullable: true })
  none?: ClusterWhere | null;

  @Field(() => ClusterWhere, { nullable: true })
  every?: ClusterWhere | null;
}

export const CLUSTER_FILTER: FilterSpec = {
  table: 'cluster',
  nodeType: 'Cluster',
  fields: {
    id: { kind: 'id' },
    name: { kind: 'string', column: 'name_fold' },
    industry: { kind: 'string', column: 'industry_fold' },
    launchYear: { kind: 'int', column: 'launch_year' },
    region: { kind: 'one', column: 'region_id', target: () => REGION_FILTER },
  },
};
