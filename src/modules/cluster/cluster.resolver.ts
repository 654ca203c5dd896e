import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';
import { Cluster, ClusterMember } from './cluster.entity';
import { CLUSTER_LISTING } from './cluster.types';

export const ClusterResolver = relationResolver(
  Cluster,
  (r) => ({
    region: r.one(Region, 'regionKey', { nullable: true, edge: { reverse: 'Region.clusters' } }),
    members: r.list(
      ClusterMember,
      r.back('cluster_id', { order: 't.ordinal' }),
      { description: 'Colleges and enterprises in the cluster, with their role in it.', edge: { reverse: 'Organization.clusters', to: [Organization, 'organizationKey'] } },
    ),
    events: r.connection(CLUSTER_EVENT_LISTING, r.through('cluster_event_cluster', 'cluster_id', 'event_id'), { filters: true }),
  }),
  { name: 'clusters', listing: CLUSTER_LISTING, description: 'Clusters, by default by name.' },
);

export const ClusterMemberResolver = relationResolver(ClusterMember, (r) => ({
  organization: r.one(Organization, 'organizationKey'),
  cluster: r.one(Cluster, 'clusterKey'),
}));
