import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { ClusterEvent } from './cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from './cluster-event.types';

export const ClusterEventResolver = relationResolver(
  ClusterEvent,
  (r) => ({
    children: r.connection(CLUSTER_EVENT_LISTING, r.back('parent_id')),
    // A connection in place of the model's plain list of ClusterEvent.clusters.
    clusters: r.connection(
      CLUSTER_LISTING,
      r.through('cluster_event_cluster', 'event_id', 'cluster_id'),
      { description: 'Clusters linked to the event in this graph.', edge: { reverse: 'Cluster.events' } },
    ),
  }),
  { name: 'clusterEvents', listing: CLUSTER_EVENT_LISTING, description: 'Events, by default in date order (undated last), then title.' },
);
