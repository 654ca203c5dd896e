import { SortOrder } from '../../shared/enums';
import { defineListing } from '../../shared/listing';
import { ClusterEvent } from './cluster-event.entity';

export const CLUSTER_EVENT_LISTING = defineListing(ClusterEvent, {
  exports: [['parent_id', 'parent.id'], ['parent_title', 'parent.title'], ['federal_districts', 'federalDistricts.name']],
  orderBy: {
    description: 'One key per element. Default: startDate, then title.',
    fields: {},
    default: [{ startDate: SortOrder.ASC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Events matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps events matching neither.',
    fields: {},
  },
});
