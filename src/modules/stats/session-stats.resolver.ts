import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { Forum } from '../forum/forum.entity';
import { SESSION_STATS, SessionGroupBy, SessionStatsGroup, SessionStatsKey } from './session-stats.types';
import { groupStats, statsDescription } from './stats.query';
import { SessionWhere } from '../programme/programme.where';

/** `sessionStats`: sessions grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => SessionStatsKey)
export class SessionStatsResolver {
  @Query(() => [SessionStatsGroup], { description: statsDescription('sessions') })
  sessionStats(
    @Arg('where', () => SessionWhere, { nullable: true }) where: SessionWhere | null,
    @Arg('groupBy', () => [SessionGroupBy]) groupBy: SessionGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, SESSION_STATS, where, groupBy);
  }

  @FieldResolver(() => Forum, { nullable: true })
  forum(@Root() key: SessionStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Forum, key.forumKey);
  }
}
