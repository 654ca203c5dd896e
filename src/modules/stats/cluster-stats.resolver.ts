import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { ClusterWhere } from '../cluster/cluster.types';
import { FederalDistrict, Region } from '../region/region.entity';
import { CLUSTER_STATS, ClusterGroupBy, ClusterStatsGroup, ClusterStatsKey } from './cluster-stats.types';
import { groupStats, statsDescription } from './stats.query';

/** `clusterStats`: clusters grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => ClusterStatsKey)
export class ClusterStatsResolver {
  @Query(() => [ClusterStatsGroup], { description: statsDescription('clusters') })
  clusterStats(
    @Arg('where', () => ClusterWhere, { nullable: true }) where: ClusterWhere | null,
    @Arg('groupBy', () => [ClusterGroupBy]) groupBy: ClusterGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, CLUSTER_STATS, where, groupBy);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() key: ClusterStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Region, key.regionKey);
  }

  @FieldResolver(() => FederalDistrict, { nullable: true })
  federalDistrict(@Root() key: ClusterStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, FederalDistrict, key.federalDistrictKey);
  }
}
