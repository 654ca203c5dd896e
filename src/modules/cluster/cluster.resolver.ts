import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { CLUSTER_EVENTS, CLUSTER_MEMBERS } from '../../compiler/relations';
import { CLUSTER_EVENT_LISTING, ClusterEventConnection, ClusterEventOrderBy, ClusterEventWhere } from '../cluster-event/cluster-event.types';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';
import { Cluster, ClusterMember } from './cluster.entity';
import { CLUSTER_LISTING, ClusterConnection, ClusterOrderBy, ClusterWhere } from './cluster.types';

@Resolver(() => Cluster)
export class ClusterResolver {
  @Query(() => ClusterConnection, { description: 'Clusters, by default by name.' })
  clusters(
    @Args() args: ConnectionArgs,
    @Arg('where', () => ClusterWhere, { nullable: true }) where: ClusterWhere | null,
    @Arg('orderBy', () => [ClusterOrderBy], { nullable: true }) orderBy: ClusterOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, CLUSTER_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() cluster: Cluster, @Ctx() ctx: Context) {
    return byKey(ctx, Region, cluster.regionKey);
  }

  @FieldResolver(() => [ClusterMember], { description: 'Colleges and enterprises in the cluster, with their role in it.' })
  members(@Root() cluster: Cluster, @Ctx() ctx: Context) {
    return listPlain(ctx, ClusterMember, CLUSTER_MEMBERS.relation, cluster.key);
  }

  @FieldResolver(() => ClusterEventConnection)
  events(
    @Root() cluster: Cluster,
    @Args() args: ConnectionArgs,
    @Arg('where', () => ClusterEventWhere, { nullable: true }) where: ClusterEventWhere | null,
    @Arg('orderBy', () => [ClusterEventOrderBy], { nullable: true }) orderBy: ClusterEventOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listNested(
      ctx,
      CLUSTER_EVENT_LISTING,
      CLUSTER_EVENTS.relation,
      cluster.key,
      args,
      orderBy,
      where,
    );
  }
}

@Resolver(() => ClusterMember)
export class ClusterMemberResolver {
  @FieldResolver(() => Organization)
  organization(@Root() member: ClusterMember, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, member.organizationKey);
  }

  @FieldResolver(() => Cluster)
  cluster(@Root() member: ClusterMember, @Ctx() ctx: Context) {
    return byKey(ctx, Cluster, member.clusterKey);
  }
}
