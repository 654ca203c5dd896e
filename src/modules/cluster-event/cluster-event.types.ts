import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { ClusterEvent } from './cluster-event.entity';

export const ClusterEventConnection = ConnectionType(ClusterEvent, 'ClusterEvent');

@InputType({ description: 'One key per element. Default: startDate, then title.' })
export class ClusterEventOrderBy {
  @Field(() => SortOrder, { nullable: true })
  title?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  startDate?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  kind?: SortOrder;
}

export const CLUSTER_EVENT_SORT: Record<keyof ClusterEventOrderBy, SortField> = {
  title: { sql: 't.title_fold', nullable: false, text: true },
  startDate: { sql: 't.start_date_from', nullable: true, text: true },
  kind: { sql: 't.kind', nullable: false, text: true },
};
export const CLUSTER_EVENT_DEFAULT_ORDER = [{ startDate: SortOrder.ASC }, { title: SortOrder.ASC }];

export const CLUSTER_EVENT_LISTING: Listing<ClusterEvent> = { entity: ClusterEvent, sort: CLUSTER_EVENT_SORT, defaultOrder: CLUSTER_EVENT_DEFAULT_ORDER };
