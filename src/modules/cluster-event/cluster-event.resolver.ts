import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { Organization } from '../organization/organization.entity';
import { FederalDistrict } from '../region/region.entity';
import { ClusterEvent } from './cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from './cluster-event.types';

export const ClusterEventResolver = relationResolver(
  ClusterEvent,
  (r) => ({
    parent: r.one(ClusterEvent, 'parentKey', {
      nullable: true,
      description: 'The event this one is a part of: one nationwide action fans out into per-cluster or per-district parts.',
    }),
    children: r.connection(CLUSTER_EVENT_LISTING, { from: 'cluster_event t', parent: 't.parent_id' }),
    clusters: r.connection(
      CLUSTER_LISTING,
      { from: 'cluster_event_cluster x JOIN cluster t ON t.id = x.cluster_id', parent: 'x.event_id' },
      { description: 'Clusters linked to the event in this graph.' },
    ),
    organizations: r.list(Organization, { from: 'cluster_event_organization x JOIN organization t ON t.id = x.organization_id', parent: 'x.event_id', order: 'x.ordinal' }),
    federalDistricts: r.list(FederalDistrict, {
      from: 'cluster_event_federal_district x JOIN federal_district t ON t.id = x.federal_district_id',
      parent: 'x.event_id',
      order: 'x.ordinal',
    }),
  }),
  { name: 'clusterEvents', listing: CLUSTER_EVENT_LISTING, description: 'Events, by default in date order (undated last), then title.' },
);
