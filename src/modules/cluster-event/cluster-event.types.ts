import { SortOrder } from '../../shared/enums';
import { defineListing, enumFilter, filter, searchField, sort } from '../../shared/listing';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { FEDERAL_DISTRICT_LISTING } from '../region/region.types';
import { ClusterEvent, ClusterEventKind } from './cluster-event.entity';

export const CLUSTER_EVENT_LISTING = defineListing(ClusterEvent, {
  search: [
    searchField.own('title', 'title', { head: true }),
    searchField.own('venue', 'venue'),
    searchField.own('city', 'city'),
    searchField.own('description', 'description'),
  ],
  exports: [
    'id',
    'title',
    'kind',
    ['start_date', 'startDate.iso'],
    ['end_date', 'endDate.iso'],
    'city',
    'venue',
    'description',
    'reportedClusterCount',
    'reportedRegionCount',
    ['parent_id', 'parent.id'],
    ['parent_title', 'parent.title'],
    ['federal_districts', 'federalDistricts.name'],
  ],
  orderBy: {
    description: 'One key per element. Default: startDate, then title.',
    fields: {
      title: sort.text('title_fold'),
      startDate: sort.text('start_date_from', { nullable: true }),
      kind: sort.text('kind'),
    },
    default: [{ startDate: SortOrder.ASC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Events matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps events matching neither.',
    fields: {
      id: filter.id(),
      title: filter.string('title_fold'),
      kind: filter.enum('kind', enumFilter(ClusterEventKind, 'ClusterEventKind')),
      startDate: filter.date('start_date_from'),
      venue: filter.string('venue_fold'),
      clusters: filter.many(
        () => CLUSTER_LISTING,
        (alias) => `cluster_event_cluster ${alias}_l JOIN cluster ${alias} ON ${alias}.id = ${alias}_l.cluster_id`,
        (alias, parent) => `${alias}_l.event_id = ${parent}.id`,
      ),
      federalDistricts: filter.many(
        () => FEDERAL_DISTRICT_LISTING,
        (alias) => `cluster_event_federal_district ${alias}_l JOIN federal_district ${alias} ON ${alias}.id = ${alias}_l.federal_district_id`,
        (alias, parent) => `${alias}_l.event_id = ${parent}.id`,
      ),
    },
  },
});
