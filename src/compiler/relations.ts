import type { EntityClass } from '../shared/entity-table';
import type { Listing, NestedRelation, PlainRelation } from '../shared/relations';
import { ClusterEvent } from '../modules/cluster-event/cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from '../modules/cluster-event/cluster-event.types';
import { Cluster, ClusterMember } from '../modules/cluster/cluster.entity';
import { CLUSTER_LISTING } from '../modules/cluster/cluster.types';
import { FIGURE_LISTING } from '../modules/figure/figure.types';
import { Forum } from '../modules/forum/forum.entity';
import { FORUM_LISTING } from '../modules/forum/forum.types';
import { Organization } from '../modules/organization/organization.entity';
import { ORGANIZATION_LISTING } from '../modules/organization/organization.types';
import { PUBLICATION_LISTING, QUOTE_LISTING } from '../modules/publication/publication.types';
import { Quote } from '../modules/publication/quote.entity';
import { FederalDistrict, Region } from '../modules/region/region.entity';
import { FEDERAL_DISTRICT_LISTING, REGION_LISTING } from '../modules/region/region.types';
import { Participation, Session } from '../modules/session/session.entity';
import { SESSION_LISTING } from '../modules/session/session.types';
import { Speaker } from '../modules/speaker/speaker.entity';
import { SPEAKER_LISTING } from '../modules/speaker/speaker.types';
import { CLUSTER_EVENT_STATS } from '../modules/stats/cluster-event-stats.types';
import { CLUSTER_STATS } from '../modules/stats/cluster-stats.types';
import { FORUM_STATS } from '../modules/stats/forum-stats.types';
import { ORGANIZATION_STATS } from '../modules/stats/organization-stats.types';
import { PUBLICATION_STATS } from '../modules/stats/publication-stats.types';
import { SESSION_STATS } from '../modules/stats/session-stats.types';
import { SPEAKER_STATS } from '../modules/stats/speaker-stats.types';
import type { StatsGroup, StatsSpec } from '../modules/stats/stats.query';

/**
 * The relations that both the resolvers and the selection compiler read: declared once here,
 * so the SQL a compiled selection runs is the SQL the resolvers run. A field not listed here
 * (or not a plain column) makes the compiler leave its operation to the resolvers.
 */

/** A to-one relation: the record of `entity` whose key is the parent's `foreignKey` property. */
export interface OneRelation {
  kind: 'one';
  entity: EntityClass;
  foreignKey: string;
}

export interface ListRelationOf {
  kind: 'list';
  entity: EntityClass;
  relation: PlainRelation;
}

/** A nested connection; it takes `where` and `orderBy` where its schema field declares them. */
export interface ConnectionRelation {
  kind: 'connection';
  listing: Listing<object>;
  relation: NestedRelation;
}

export type CompiledRelation = OneRelation | ListRelationOf | ConnectionRelation;

const one = (entity: EntityClass, foreignKey: string): OneRelation => ({ kind: 'one', entity, foreignKey });
const list = (entity: EntityClass, relation: PlainRelation): ListRelationOf => ({ kind: 'list', entity, relation });
const connection = (listing: Listing<object>, relation: NestedRelation): ConnectionRelation => ({ kind: 'connection', listing, relation });

export const FORUM_ORGANIZERS = list(Organization, {
  name: 'Forum.organizers',
  from: 'forum_organizer x JOIN organization t ON t.id = x.organization_id',
  parent: 'x.forum_id',
  order: 'x.ordinal',
});
export const FORUM_SESSIONS = connection(SESSION_LISTING as Listing<object>, { name: 'Forum.sessions', from: 'session t', parent: 't.forum_id' });
export const SESSION_CHILDREN = connection(SESSION_LISTING as Listing<object>, { name: 'Session.children', from: 'session t', parent: 't.parent_id' });
export const SESSION_PARTICIPANTS = list(Participation, {
  name: 'Session.participants',
  from: 'participation t',
  parent: 't.session_id',
  order: 't.ordinal, t.id',
});
export const SESSION_QUOTES = list(Quote, { name: 'Session.quotes', from: 'quote t', parent: 't.session_id', order: 't.ordinal, t.id' });
export const CLUSTER_MEMBERS = list(ClusterMember, { name: 'Cluster.members', from: 'cluster_member t', parent: 't.cluster_id', order: 't.ordinal' });
export const CLUSTER_EVENTS = connection(
  CLUSTER_EVENT_LISTING as Listing<object>,
  { name: 'Cluster.events', from: 'cluster_event_cluster x JOIN cluster_event t ON t.id = x.event_id', parent: 'x.cluster_id' },
);
export const CLUSTER_EVENT_CHILDREN = connection(CLUSTER_EVENT_LISTING as Listing<object>, {
  name: 'ClusterEvent.children',
  from: 'cluster_event t',
  parent: 't.parent_id',
});
export const CLUSTER_EVENT_CLUSTERS = connection(CLUSTER_LISTING as Listing<object>, {
  name: 'ClusterEvent.clusters',
  from: 'cluster_event_cluster x JOIN cluster t ON t.id = x.cluster_id',
  parent: 'x.event_id',
});
export const CLUSTER_EVENT_ORGANIZATIONS = list(Organization, {
  name: 'ClusterEvent.organizations',
  from: 'cluster_event_organization x JOIN organization t ON t.id = x.organization_id',
  parent: 'x.event_id',
  order: 'x.ordinal',
});
export const CLUSTER_EVENT_FEDERAL_DISTRICTS = list(FederalDistrict, {
  name: 'ClusterEvent.federalDistricts',
  from: 'cluster_event_federal_district x JOIN federal_district t ON t.id = x.federal_district_id',
  parent: 'x.event_id',
  order: 'x.ordinal',
});
export const REGION_CLUSTERS = connection(CLUSTER_LISTING as Listing<object>, { name: 'Region.clusters', from: 'cluster t', parent: 't.region_id' });
export const REGION_ORGANIZATIONS = connection(ORGANIZATION_LISTING as Listing<object>, {
  name: 'Region.organizations',
  from: 'organization t',
  parent: 't.region_id',
});
export const REGION_FORUMS = connection(FORUM_LISTING as Listing<object>, { name: 'Region.forums', from: 'forum t', parent: 't.region_id' });
export const FEDERAL_DISTRICT_REGIONS = connection(REGION_LISTING as Listing<object>, {
  name: 'FederalDistrict.regions',
  from: 'region t',
  parent: 't.federal_district_id',
});
export const FEDERAL_DISTRICT_CLUSTERS = connection(CLUSTER_LISTING as Listing<object>, {
  name: 'FederalDistrict.clusters',
  from: 'cluster t JOIN region r ON r.id = t.region_id',
  parent: 'r.federal_district_id',
});
export const FEDERAL_DISTRICT_CLUSTER_EVENTS = connection(CLUSTER_EVENT_LISTING as Listing<object>, {
  name: 'FederalDistrict.clusterEvents',
  from: 'cluster_event_federal_district x JOIN cluster_event t ON t.id = x.event_id',
  parent: 'x.federal_district_id',
});

/** Every relation field the compiler may compile, by `Type.field`. */
export const COMPILED_RELATIONS: Readonly<Record<string, CompiledRelation>> = {
  'Forum.region': one(Region, 'regionKey'),
  'Forum.organizers': FORUM_ORGANIZERS,
  'Forum.sessions': FORUM_SESSIONS,
  'Session.forum': one(Forum, 'forumKey'),
  'Session.parent': one(Session, 'parentKey'),
  'Session.children': SESSION_CHILDREN,
  'Session.participants': SESSION_PARTICIPANTS,
  'Session.quotes': SESSION_QUOTES,
  'Participation.speaker': one(Speaker, 'speakerKey'),
  'Participation.session': one(Session, 'sessionKey'),
  'Participation.organization': one(Organization, 'organizationKey'),
  'Speaker.organization': one(Organization, 'organizationKey'),
  'Cluster.region': one(Region, 'regionKey'),
  'Cluster.members': CLUSTER_MEMBERS,
  'Cluster.events': CLUSTER_EVENTS,
  'ClusterMember.organization': one(Organization, 'organizationKey'),
  'ClusterMember.cluster': one(Cluster, 'clusterKey'),
  'ClusterEvent.parent': one(ClusterEvent, 'parentKey'),
  'ClusterEvent.children': CLUSTER_EVENT_CHILDREN,
  'ClusterEvent.clusters': CLUSTER_EVENT_CLUSTERS,
  'ClusterEvent.organizations': CLUSTER_EVENT_ORGANIZATIONS,
  'ClusterEvent.federalDistricts': CLUSTER_EVENT_FEDERAL_DISTRICTS,
  'Region.federalDistrict': one(FederalDistrict, 'federalDistrictKey'),
  'Region.clusters': REGION_CLUSTERS,
  'Region.organizations': REGION_ORGANIZATIONS,
  'Region.forums': REGION_FORUMS,
  'FederalDistrict.regions': FEDERAL_DISTRICT_REGIONS,
  'FederalDistrict.clusters': FEDERAL_DISTRICT_CLUSTERS,
  'FederalDistrict.clusterEvents': FEDERAL_DISTRICT_CLUSTER_EVENTS,
  // The entities of stats group keys: the key object holds the entity's key (see *-stats.resolver.ts).
  'ClusterEventStatsKey.federalDistrict': one(FederalDistrict, 'federalDistrictKey'),
  'ClusterEventStatsKey.region': one(Region, 'regionKey'),
  'ClusterEventStatsKey.parent': one(ClusterEvent, 'parentKey'),
  'ClusterStatsKey.region': one(Region, 'regionKey'),
  'ClusterStatsKey.federalDistrict': one(FederalDistrict, 'federalDistrictKey'),
  'ForumStatsKey.region': one(Region, 'regionKey'),
  'OrganizationStatsKey.region': one(Region, 'regionKey'),
  'OrganizationStatsKey.parent': one(Organization, 'parentKey'),
  'SessionStatsKey.forum': one(Forum, 'forumKey'),
  'SpeakerStatsKey.organization': one(Organization, 'organizationKey'),
};

type AnyStatsSpec = StatsSpec<string, unknown, StatsGroup<unknown>>;

/** The stats queries (Query fields answered by `groupStats`) and their specs. */
export const COMPILED_STATS: Readonly<Record<string, AnyStatsSpec>> = {
  clusterEventStats: CLUSTER_EVENT_STATS as unknown as AnyStatsSpec,
  clusterStats: CLUSTER_STATS as unknown as AnyStatsSpec,
  forumStats: FORUM_STATS as unknown as AnyStatsSpec,
  organizationStats: ORGANIZATION_STATS as unknown as AnyStatsSpec,
  publicationStats: PUBLICATION_STATS as unknown as AnyStatsSpec,
  sessionStats: SESSION_STATS as unknown as AnyStatsSpec,
  speakerStats: SPEAKER_STATS as unknown as AnyStatsSpec,
};

/** The top-level lists (Query fields answered by `listAll`) and their listings. */
export const COMPILED_ROOT_LISTS: Readonly<Record<string, Listing<object>>> = {
  forums: FORUM_LISTING as Listing<object>,
  sessions: SESSION_LISTING as Listing<object>,
  speakers: SPEAKER_LISTING as Listing<object>,
  organizations: ORGANIZATION_LISTING as Listing<object>,
  clusters: CLUSTER_LISTING as Listing<object>,
  clusterEvents: CLUSTER_EVENT_LISTING as Listing<object>,
  regions: REGION_LISTING as Listing<object>,
  federalDistricts: FEDERAL_DISTRICT_LISTING as Listing<object>,
  publications: PUBLICATION_LISTING as Listing<object>,
  quotes: QUOTE_LISTING as Listing<object>,
  figures: FIGURE_LISTING as Listing<object>,
};
