import { SortOrder } from '../../shared/enums';
import { defineListing } from '../../shared/listing';
import { REGION_COLUMNS } from '../region/region.types';
import { Cluster } from './cluster.entity';

export const CLUSTER_LISTING = defineListing(Cluster, {
  exports: REGION_COLUMNS,
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {},
    default: [{ name: SortOrder.ASC }],
  },
  where: {
    description: 'Clusters matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps clusters matching neither.',
    noun: ['cluster', 'clusters'],
    fields: {},
  },
});
