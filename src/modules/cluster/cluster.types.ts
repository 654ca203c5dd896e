import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Cluster } from './cluster.entity';

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

export const CLUSTER_LISTING: Listing<Cluster> = { entity: Cluster, sort: CLUSTER_SORT, defaultOrder: CLUSTER_DEFAULT_ORDER };
