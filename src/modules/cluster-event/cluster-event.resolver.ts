import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { CLUSTER_EVENT_CHILDREN, CLUSTER_EVENT_CLUSTERS, CLUSTER_EVENT_FEDERAL_DISTRICTS, CLUSTER_EVENT_ORGANIZATIONS } from '../../compiler/relations';
import { CLUSTER_LISTING, ClusterConnection } from '../cluster/cluster.types';
import { Organization } from '../organization/organization.entity';
import { FederalDistrict } from '../region/region.entity';
import { ClusterEvent } from './cluster-event.entity';
import { CLUSTER_EVENT_LISTING, ClusterEventConnection, ClusterEventOrderBy, ClusterEventWhere } from './cluster-event.types';

@Resolver(() => ClusterEvent)
export class ClusterEventResolver {
  @Query(() => ClusterEventConnection, { description: 'Events, by default in date order (undated last), then title.' })
  clusterEvents(
    @Args() args: ConnectionArgs,
    @Arg('where', () => ClusterEventWhere, { nullable: true }) where: ClusterEventWhere | null,
    @Arg('orderBy', () => [ClusterEventOrderBy], { nullable: true }) orderBy: ClusterEventOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, CLUSTER_EVENT_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => ClusterEvent, { nullable: true, description: 'The event this one is a part of: one nationwide action fans out into per-cluster or per-district parts.' })
  parent(@Root() event: ClusterEvent, @Ctx() ctx: Context) {
    return byKey(ctx, ClusterEvent, event.parentKey);
  }

  @FieldResolver(() => ClusterEventConnection)
  children(@Root() event: ClusterEvent, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, CLUSTER_EVENT_LISTING, CLUSTER_EVENT_CHILDREN.relation, event.key, args);
  }

  @FieldResolver(() => ClusterConnection, { description: 'Clusters linked to the event in this graph.' })
  clusters(@Root() event: ClusterEvent, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, CLUSTER_LISTING, CLUSTER_EVENT_CLUSTERS.relation, event.key, args);
  }

  @FieldResolver(() => [Organization])
  organizations(@Root() event: ClusterEvent, @Ctx() ctx: Context) {
    return listPlain(ctx, Organization, CLUSTER_EVENT_ORGANIZATIONS.relation, event.key);
  }

  @FieldResolver(() => [FederalDistrict])
  federalDistricts(@Root() event: ClusterEvent, @Ctx() ctx: Context) {
    return listPlain(ctx, FederalDistrict, CLUSTER_EVENT_FEDERAL_DISTRICTS.relation, event.key);
  }
}
