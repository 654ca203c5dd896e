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
      edge: { reverse: 'ClusterEvent.children' },
    }),
    children: r.connection(CLUSTER_EVENT_LISTING, r.back('parent_id')),
    clusters: r.connection(
      CLUSTER_LISTING,
      r.through('cluster_event_cluster', 'event_id', 'cluster_id'),
      { description: 'Clusters linked to the event in this graph.', edge: { reverse: 'Cluster.events' } },
    ),
    organizations: r.list(Organization, r.through('cluster_event_organization', 'event_id', 'organization_id', { order: 'x.ordinal' }), {
      edge: { reverse: 'Organization.clusterEvents' },
    }),
    federalDistricts: r.list(FederalDistrict, r.through('cluster_event_federal_district', 'event_id', 'federal_district_id', { order: 'x.ordinal' }), {
      edge: { reverse: 'FederalDistrict.clusterEvents' },
    }),
  }),
  { name: 'clusterEvents', listing: CLUSTER_EVENT_LISTING, description: 'Events, by default in date order (undated last), then title.' },
);
