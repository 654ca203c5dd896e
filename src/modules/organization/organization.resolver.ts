import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { FORUM_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { Region } from '../region/region.entity';
import { Participation } from '../session/session.entity';
import { Affiliation } from '../speaker/speaker.entity';
import { Organization } from './organization.entity';
import { ORGANIZATION_LISTING } from './organization.types';

export const OrganizationResolver = relationResolver(
  Organization,
  (r) => ({
    parent: r.one(Organization, 'parentKey', { nullable: true, description: 'The organisation this one is a unit of (a department of a ministry).' }),
    units: r.list(Organization, { from: 'organization t', parent: 't.parent_id', order: 't.name_fold, t.id' }, { description: 'Its units, by name.' }),
    region: r.one(Region, 'regionKey', { nullable: true }),
    speakers: r.connection(
      SPEAKER_LISTING,
      { from: '(SELECT DISTINCT organization_id, speaker_id FROM affiliation) x JOIN speaker t ON t.id = x.speaker_id', parent: 'x.organization_id' },
      { description: 'People who held a position here, at any time.' },
    ),
    affiliations: r.list(Affiliation, { from: 'affiliation t', parent: 't.organization_id', order: 't.id' }, { description: 'Positions held here.' }),
    participations: r.list(
      Participation,
      { from: 'participation t', parent: 't.organization_id', order: 't.id' },
      { description: 'Session participations in which a speaker represented this organisation.' },
    ),
    clusters: r.connection(
      CLUSTER_LISTING,
      { from: 'cluster_member x JOIN cluster t ON t.id = x.cluster_id', parent: 'x.organization_id' },
      { description: 'Clusters it is a member of.' },
    ),
    clusterEvents: r.connection(
      CLUSTER_EVENT_LISTING,
      { from: 'cluster_event_organization x JOIN cluster_event t ON t.id = x.event_id', parent: 'x.organization_id' },
      { description: 'Events it took part in.' },
    ),
    organizedForums: r.connection(
      FORUM_LISTING,
      { from: 'forum_organizer x JOIN forum t ON t.id = x.forum_id', parent: 'x.organization_id' },
      { description: 'Forums it organised (or lent its aegis to).' },
    ),
  }),
  { name: 'organizations', listing: ORGANIZATION_LISTING, description: 'Organisations, by default by name.' },
);
