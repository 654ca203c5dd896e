import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { PublicationWhere } from '../publication/publication.types';
import { PUBLICATION_STATS, PublicationGroupBy, PublicationStatsGroup } from './publication-stats.types';
import { groupStats, statsDescription } from './stats.query';

/** `publicationStats`: publications grouped in the database. */
@Resolver()
export class PublicationStatsResolver {
  @Query(() => [PublicationStatsGroup], { description: statsDescription('publications') })
  publicationStats(
    @Arg('where', () => PublicationWhere, { nullable: true }) where: PublicationWhere | null,
    @Arg('groupBy', () => [PublicationGroupBy]) groupBy: PublicationGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, PUBLICATION_STATS, where, groupBy);
  }
}
