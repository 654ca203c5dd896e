import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { ClusterEvent } from './cluster-event.entity';
import { DateFilter, IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { CLUSTER_FILTER, ClusterListFilter } from '../cluster/cluster.types';
import { FEDERAL_DISTRICT_FILTER, FederalDistrictListFilter } from '../region/region.types';
import { ClusterEventKind } from './cluster-event.entity';

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

export const CLUSTER_EVENT_LISTING: Listing<ClusterEvent> = { entity: ClusterEvent, sort: CLUSTER_EVENT_SORT, defaultOrder: CLUSTER_EVENT_DEFAULT_ORDER, filter: () => CLUSTER_EVENT_FILTER };

@InputType()
export class ClusterEventKindFilter {
  @Field(() => ClusterEventKind, { nullable: true })
  equals?: ClusterEventKind | null;

  @Field(() => [ClusterEventKind], { nullable: true })
  in?: ClusterEventKind[] | null;
}

@InputType({ description: 'Events matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps events matching neither.' })
export class ClusterEventWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  title?: StringFilter | null;

  @Field(() => ClusterEventKindFilter, { nullable: true })
  kind?: ClusterEventKindFilter | null;

  @Field(() => DateFilter, { nullable: true })
  startDate?: DateFilter | null;

  @Field(() => StringFilter, { nullable: true })
  venue?: StringFilter | null;

  @Field(() => ClusterListFilter, { nullable: true })
  clusters?: ClusterListFilter | null;

  @Field(() => FederalDistrictListFilter, { nullable: true })
  federalDistricts?: FederalDistrictListFilter | null;

  @Field(() => [ClusterEventWhere], { nullable: true })
  AND?: ClusterEventWhere[] | null;

  @Field(() => [ClusterEventWhere], { nullable: true })
  OR?: ClusterEventWhere[] | null;

  @Field(() => [ClusterEventWhere], { nullable: true })
  NOT?: ClusterEventWhere[] | null;
}

export const CLUSTER_EVENT_FILTER: FilterSpec = {
  table: 'cluster_event',
  nodeType: 'ClusterEvent',
  fields: {
    id: { kind: 'id' },
    title: { kind: 'string', column: 'title_fold' },
    kind: { kind: 'enum', column: 'kind' },
    startDate: { kind: 'date', column: 'start_date_from' },
    venue: { kind: 'string', column: 'venue_fold' },
    clusters: {
      kind: 'many',
      target: () => CLUSTER_FILTER,
      from: (alias) => `cluster_event_cluster ${alias}_l JOIN cluster ${alias} ON ${alias}.id = ${alias}_l.cluster_id`,
      on: (alias, parent) => `${alias}_l.event_id = ${parent}.id`,
    },
    federalDistricts: {
      kind: 'many',
      target: () => FEDERAL_DISTRICT_FILTER,
      from: (alias) => `cluster_event_federal_district ${alias}_l JOIN federal_district ${alias} ON ${alias}.id = ${alias}_l.federal_district_id`,
      on: (alias, parent) => `${alias}_l.event_id = ${parent}.id`,
    },
  },
};
