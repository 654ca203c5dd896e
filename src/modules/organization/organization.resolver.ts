import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { FORUM_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { Participation } from '../session/session.entity';
import { Affiliation } from '../speaker/speaker.entity';
import { Organization } from './organization.entity';
import { ORGANIZATION_LISTING } from './organization.types';

export const OrganizationResolver = relationResolver(
  Organization,
  (r) => ({
    units: r.list(Organization, r.back('parent_id', { order: 't.name_fold, t.id' }), { description: 'Its units, by name.' }),
    speakers: r.connection(
      SPEAKER_LISTING,
      r.through('affiliation', 'organization_id', 'speaker_id', { distinct: true }),
      { description: 'People who held a position here, at any time.' },
    ),
    affiliations: r.list(Affiliation, r.back('organization_id', { order: 't.id' }), { description: 'Positions held here.' }),
    participations: r.list(
      Participation,
      r.back('organization_id', { order: 't.id' }),
      { description: 'Session participations in which a speaker represented this organisation.' },
    ),
    clusters: r.connection(
      CLUSTER_LISTING,
      r.through('cluster_member', 'organization_id', 'cluster_id'),
      { description: 'Clusters it is a member of.' },
    ),
    clusterEvents: r.connection(
      CLUSTER_EVENT_LISTING,
      r.through('cluster_event_organization', 'organization_id', 'event_id'),
      { description: 'Events it took part in.' },
    ),
    organizedForums: r.connection(
      FORUM_LISTING,
      r.through('forum_organizer', 'organization_id', 'forum_id'),
      { description: 'Forums it organised (or lent its aegis to).' },
    ),
  }),
  { name: 'organizations', listing: ORGANIZATION_LISTING, description: 'Organisations, by default by name.' },
);
