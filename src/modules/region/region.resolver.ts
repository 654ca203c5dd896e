import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested } from '../../shared/relations';
import { FEDERAL_DISTRICT_CLUSTERS, FEDERAL_DISTRICT_CLUSTER_EVENTS, FEDERAL_DISTRICT_REGIONS, REGION_CLUSTERS, REGION_FORUMS, REGION_ORGANIZATIONS } from '../../compiler/relations';
import { CLUSTER_EVENT_LISTING, ClusterEventConnection } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING, ClusterConnection } from '../cluster/cluster.types';
import { FORUM_LISTING, ForumConnection } from '../forum/forum.types';
import { ORGANIZATION_LISTING, OrganizationConnection } from '../organization/organization.types';
import { FederalDistrict, Region } from './region.entity';
import { FEDERAL_DISTRICT_LISTING, FederalDistrictConnection, FederalDistrictOrderBy, FederalDistrictWhere, REGION_LISTING, RegionConnection, RegionOrderBy, RegionWhere } from './region.types';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => RegionConnection, { description: 'Regions, by default by name.' })
  regions(
    @Args() args: ConnectionArgs,
    @Arg('where', () => RegionWhere, { nullable: true }) where: RegionWhere | null,
    @Arg('orderBy', () => [RegionOrderBy], { nullable: true }) orderBy: RegionOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, REGION_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => FederalDistrict, { nullable: true })
  federalDistrict(@Root() region: Region, @Ctx() ctx: Context) {
    return byKey(ctx, FederalDistrict, region.federalDistrictKey);
  }

  @FieldResolver(() => ClusterConnection)
  clusters(@Root() region: Region, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, CLUSTER_LISTING, REGION_CLUSTERS.relation, region.key, args);
  }

  @FieldResolver(() => OrganizationConnection)
  organizations(@Root() region: Region, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, ORGANIZATION_LISTING, REGION_ORGANIZATIONS.relation, region.key, args);
  }

  @FieldResolver(() => ForumConnection, { description: 'Forums held in the region.' })
  forums(@Root() region: Region, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, FORUM_LISTING, REGION_FORUMS.relation, region.key, args);
  }
}

@Resolver(() => FederalDistrict)
export class FederalDistrictResolver {
  @Query(() => FederalDistrictConnection, { description: 'Federal districts, by default by name.' })
  federalDistricts(
    @Args() args: ConnectionArgs,
    @Arg('where', () => FederalDistrictWhere, { nullable: true }) where: FederalDistrictWhere | null,
    @Arg('orderBy', () => [FederalDistrictOrderBy], { nullable: true }) orderBy: FederalDistrictOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, FEDERAL_DISTRICT_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => RegionConnection)
  regions(@Root() district: FederalDistrict, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, REGION_LISTING, FEDERAL_DISTRICT_REGIONS.relation, district.key, args);
  }

  @FieldResolver(() => ClusterConnection, { description: 'Clusters in the regions of the district.' })
  clusters(@Root() district: FederalDistrict, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, CLUSTER_LISTING, FEDERAL_DISTRICT_CLUSTERS.relation, district.key, args);
  }

  @FieldResolver(() => ClusterEventConnection, { description: 'Events held in the district.' })
  clusterEvents(@Root() district: FederalDistrict, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, CLUSTER_EVENT_LISTING, FEDERAL_DISTRICT_CLUSTER_EVENTS.relation, district.key, args);
  }
}
