import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';
import { Cluster, ClusterMember } from './cluster.entity';
import { CLUSTER_LISTING } from './cluster.types';

export const ClusterResolver = relationResolver(
  Cluster,
  (r) => ({
    region: r.one(Region, 'regionKey', { nullable: true }),
    members: r.list(
      ClusterMember,
      { from: 'cluster_member t', parent: 't.cluster_id', order: 't.ordinal' },
      { description: 'Colleges and enterprises in the cluster, with their role in it.' },
    ),
    events: r.connection(CLUSTER_EVENT_LISTING, { from: 'cluster_event_cluster x JOIN cluster_event t ON t.id = x.event_id', parent: 'x.cluster_id' }, { filters: true }),
  }),
  { name: 'clusters', listing: CLUSTER_LISTING, description: 'Clusters, by default by name.' },
);

export const ClusterMemberResolver = relationResolver(ClusterMember, (r) => ({
  organization: r.one(Organization, 'organizationKey'),
  cluster: r.one(Cluster, 'clusterKey'),
}));
