import { Arg, type ClassType, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import type { FilteredListing } from '../../shared/listing';
import { Compiled, relationResolver } from '../../shared/resolvers';
import { ClusterEvent } from '../cluster-event/cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { ORGANIZATION_LISTING } from '../organization/organization.types';
import { FORUM_LISTING, SESSION_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { PUBLICATION_LISTING } from '../publication/publication.types';
import { FederalDistrict, Region } from '../region/region.entity';
import { CLUSTER_EVENT_STATS, ClusterEventGroupBy, ClusterEventStatsGroup, ClusterEventStatsKey } from './cluster-event-stats.types';
import { CLUSTER_STATS, ClusterGroupBy, ClusterStatsGroup, ClusterStatsKey } from './cluster-stats.types';
import { FORUM_STATS, ForumGroupBy, ForumStatsGroup, ForumStatsKey } from './forum-stats.types';
import { ORGANIZATION_STATS, OrganizationGroupBy, OrganizationStatsGroup, OrganizationStatsKey } from './organization-stats.types';
import { PUBLICATION_STATS, PublicationGroupBy, PublicationStatsGroup } from './publication-stats.types';
import { SESSION_STATS, SessionGroupBy, SessionStatsGroup, SessionStatsKey } from './session-stats.types';
import { SPEAKER_STATS, SpeakerGroupBy, SpeakerStatsGroup, SpeakerStatsKey } from './speaker-stats.types';
import { type StatsGroup, type StatsSpec, groupStats, statsDescription } from './stats.query';
import { type Stage, StageArg } from '../../shared/stage';

/**
 * A stats query: the rows of `listing` matching `where`, grouped in the database by `groupBy`
 * (the enum of `spec`'s keys), as groups of `group`. The entities of a group's keys are
 * relations of its key type, declared beside it with `relationResolver`.
 */
function statsQuery<G extends string>(
  name: string,
  declaration: { listing: FilteredListing; spec: StatsSpec<G, unknown, StatsGroup<unknown>>; groupBy: object; group: ClassType; description: string },
): ClassType {
  const { listing, spec, groupBy, group, description } = declaration;
  @Resolver()
  class StatsQuery {
    @Query(() => [group], { name, description })
    @Compiled({ kind: 'stats', spec })
    stats(
      @Arg('where', () => listing.Where, { nullable: true }) where: object | null,
      @Arg('groupBy', () => [groupBy]) keys: G[],
      @Ctx() ctx: Context,
      @StageArg() _stage: Stage,
    ) {
      return groupStats(ctx, spec, where, keys);
    }
  }
  Object.defineProperty(StatsQuery, 'name', { value: `${name}Query` });
  return StatsQuery;
}

type AnySpec = StatsSpec<string, unknown, StatsGroup<unknown>>;
const spec = <T>(s: T) => s as unknown as AnySpec;

/** Every stats query, and the relations of their group keys. */
export const STATS_RESOLVERS: readonly ClassType[] = [
  statsQuery('clusterEventStats', {
    listing: CLUSTER_EVENT_LISTING,
    spec: spec(CLUSTER_EVENT_STATS),
    groupBy: ClusterEventGroupBy,
    group: ClusterEventStatsGroup,
    description: statsDescription('events'),
  }),
  relationResolver(ClusterEventStatsKey, (r) => ({
    federalDistrict: r.one(FederalDistrict, 'federalDistrictKey', { nullable: true }),
    region: r.one(Region, 'regionKey', { nullable: true, description: "A region of the event's clusters." }),
    parent: r.one(ClusterEvent, 'parentKey', { nullable: true }),
  })),
  statsQuery('clusterStats', { listing: CLUSTER_LISTING, spec: spec(CLUSTER_STATS), groupBy: ClusterGroupBy, group: ClusterStatsGroup, description: statsDescription('clusters') }),
  relationResolver(ClusterStatsKey, (r) => ({
    region: r.one(Region, 'regionKey', { nullable: true }),
    federalDistrict: r.one(FederalDistrict, 'federalDistrictKey', { nullable: true }),
  })),
  statsQuery('speakerStats', {
    listing: SPEAKER_LISTING,
    spec: spec(SPEAKER_STATS),
    groupBy: SpeakerGroupBy,
    group: SpeakerStatsGroup,
    description: statsDescription('speakers', false),
  }),
  relationResolver(SpeakerStatsKey, (r) => ({
    organization: r.one(Organization, 'organizationKey', { nullable: true, description: 'The organisation of the latest known position.' }),
  })),
  statsQuery('sessionStats', { listing: SESSION_LISTING, spec: spec(SESSION_STATS), groupBy: SessionGroupBy, group: SessionStatsGroup, description: statsDescription('sessions') }),
  relationResolver(SessionStatsKey, (r) => ({ forum: r.one(Forum, 'forumKey', { nullable: true }) })),
  statsQuery('organizationStats', {
    listing: ORGANIZATION_LISTING,
    spec: spec(ORGANIZATION_STATS),
    groupBy: OrganizationGroupBy,
    group: OrganizationStatsGroup,
    description: statsDescription('organisations', false),
  }),
  relationResolver(OrganizationStatsKey, (r) => ({
    region: r.one(Region, 'regionKey', { nullable: true }),
    parent: r.one(Organization, 'parentKey', { nullable: true }),
  })),
  statsQuery('forumStats', { listing: FORUM_LISTING, spec: spec(FORUM_STATS), groupBy: ForumGroupBy, group: ForumStatsGroup, description: statsDescription('forums') }),
  relationResolver(ForumStatsKey, (r) => ({ region: r.one(Region, 'regionKey', { nullable: true }) })),
  statsQuery('publicationStats', {
    listing: PUBLICATION_LISTING,
    spec: spec(PUBLICATION_STATS),
    groupBy: PublicationGroupBy,
    group: PublicationStatsGroup,
    description: statsDescription('publications'),
  }),
];
