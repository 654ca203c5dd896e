import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { Organization } from '../organization/organization.entity';
import { SPEAKER_STATS, SpeakerGroupBy, SpeakerStatsGroup, SpeakerStatsKey } from './speaker-stats.types';
import { groupStats, statsDescription } from './stats.query';
import { SpeakerWhere } from '../programme/programme.where';

/** `speakerStats`: speakers grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => SpeakerStatsKey)
export class SpeakerStatsResolver {
  @Query(() => [SpeakerStatsGroup], { description: statsDescription('speakers', false) })
  speakerStats(
    @Arg('where', () => SpeakerWhere, { nullable: true }) where: SpeakerWhere | null,
    @Arg('groupBy', () => [SpeakerGroupBy]) groupBy: SpeakerGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, SPEAKER_STATS, where, groupBy);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation of the latest known position.' })
  organization(@Root() key: SpeakerStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, key.organizationKey);
  }
}
