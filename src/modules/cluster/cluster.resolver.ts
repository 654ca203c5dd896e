import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { Cluster } from './cluster.entity';
import { CLUSTER_LISTING } from './cluster.types';

export const ClusterResolver = relationResolver(
  Cluster,
  (r) => ({
    events: r.connection(CLUSTER_EVENT_LISTING, r.through('cluster_event_cluster', 'cluster_id', 'event_id'), { filters: true }),
  }),
  { name: 'clusters', listing: CLUSTER_LISTING, description: 'Clusters, by default by name.' },
);
