import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { ClusterEvent } from '../cluster-event/cluster-event.entity';
import { ClusterEventWhere } from '../cluster-event/cluster-event.types';
import { FederalDistrict, Region } from '../region/region.entity';
import { CLUSTER_EVENT_STATS, ClusterEventGroupBy, ClusterEventStatsGroup, ClusterEventStatsKey } from './cluster-event-stats.types';
import { groupStats, statsDescription } from './stats.query';

/** `clusterEventStats`: events grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => ClusterEventStatsKey)
export class ClusterEventStatsResolver {
  @Query(() => [ClusterEventStatsGroup], { description: statsDescription('events') })
  clusterEventStats(
    @Arg('where', () => ClusterEventWhere, { nullable: true }) where: ClusterEventWhere | null,
    @Arg('groupBy', () => [ClusterEventGroupBy]) groupBy: ClusterEventGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, CLUSTER_EVENT_STATS, where, groupBy);
  }

  @FieldResolver(() => FederalDistrict, { nullable: true })
  federalDistrict(@Root() key: ClusterEventStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, FederalDistrict, key.federalDistrictKey);
  }

  @FieldResolver(() => Region, { nullable: true, description: "A region of the event's clusters." })
  region(@Root() key: ClusterEventStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Region, key.regionKey);
  }

  @FieldResolver(() => ClusterEvent, { nullable: true })
  parent(@Root() key: ClusterEventStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, ClusterEvent, key.parentKey);
  }
}
