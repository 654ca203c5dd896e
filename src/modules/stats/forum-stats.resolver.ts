import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { Region } from '../region/region.entity';
import { FORUM_STATS, ForumGroupBy, ForumStatsGroup, ForumStatsKey } from './forum-stats.types';
import { groupStats, statsDescription } from './stats.query';
import { ForumWhere } from '../programme/programme.where';

/** `forumStats`: forums grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => ForumStatsKey)
export class ForumStatsResolver {
  @Query(() => [ForumStatsGroup], { description: statsDescription('forums') })
  forumStats(
    @Arg('where', () => ForumWhere, { nullable: true }) where: ForumWhere | null,
    @Arg('groupBy', () => [ForumGroupBy]) groupBy: ForumGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, FORUM_STATS, where, groupBy);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() key: ForumStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Region, key.regionKey);
  }
}
