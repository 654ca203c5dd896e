import { relationResolver } from '../../shared/resolvers';
import { CLUSTER_EVENT_LISTING } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { ORGANIZATION_LISTING } from '../organization/organization.types';
import { FORUM_LISTING } from '../programme/programme.listings';
import { FederalDistrict, Region } from './region.entity';
import { FEDERAL_DISTRICT_LISTING, REGION_LISTING } from './region.types';

export const RegionResolver = relationResolver(
  Region,
  (r) => ({
    clusters: r.connection(CLUSTER_LISTING, r.back('region_id')),
    organizations: r.connection(ORGANIZATION_LISTING, r.back('region_id')),
    forums: r.connection(FORUM_LISTING, r.back('region_id'), { description: 'Forums held in the region.' }),
  }),
  { name: 'regions', listing: REGION_LISTING, description: 'Regions, by default by name.' },
);

export const FederalDistrictResolver = relationResolver(
  FederalDistrict,
  (r) => ({
    regions: r.connection(REGION_LISTING, r.back('federal_district_id')),
    clusters: r.connection(
      CLUSTER_LISTING,
      { from: 'cluster t JOIN region r ON r.id = t.region_id', parent: 'r.federal_district_id' },
      { description: 'Clusters in the regions of the district.' },
    ),
    clusterEvents: r.connection(
      CLUSTER_EVENT_LISTING,
      r.through('cluster_event_federal_district', 'federal_district_id', 'event_id'),
      { description: 'Events held in the district.' },
    ),
  }),
  { name: 'federalDistricts', listing: FEDERAL_DISTRICT_LISTING, description: 'Federal districts, by default by name.' },
);
