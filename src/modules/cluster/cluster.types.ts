import { SortOrder } from '../../shared/enums';
import { defineListing, filter, searchField, sort } from '../../shared/listing';
import { REGION_COLUMNS, REGION_LISTING } from '../region/region.types';
import { Cluster } from './cluster.entity';

export const CLUSTER_LISTING = defineListing(Cluster, {
  search: [
    searchField.own('name', 'name', { head: true }),
    searchField.own('industry', 'industry'),
  ],
  exports: ['id', 'name', 'industry', 'launchYear', ...REGION_COLUMNS],
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {
      name: sort.text('name_fold'),
      industry: sort.text('industry_fold', { nullable: true }),
      launchYear: sort.number('launch_year', { nullable: true }),
    },
    default: [{ name: SortOrder.ASC }],
  },
  where: {
    description: 'Clusters matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps clusters matching neither.',
    noun: ['cluster', 'clusters'],
    fields: {
      id: filter.id(),
      name: filter.string('name_fold'),
      industry: filter.string('industry_fold'),
      launchYear: filter.int('launch_year'),
      region: filter.one(() => REGION_LISTING, 'region_id'),
    },
  },
});
