import { SortOrder } from '../../shared/enums';
import { type FilteredListing, defineListing, enumFilter, filter, searchField, sort } from '../../shared/listing';
import { REGION_LISTING } from '../region/region.types';
import { Organization, OrganizationKind } from './organization.entity';

export const ORGANIZATION_LISTING: FilteredListing<Organization> = defineListing(Organization, {
  search: [
    searchField.own('name', 'name', { head: true }),
    searchField.own('shortName', 'short_name', { head: true }),
  ],
  exports: ['id', 'name', 'shortName', 'kind', ['parent_id', 'parent.id'], ['parent_name', 'parent.name'], ['region_id', 'region.id'], ['region_name', 'region.name']],
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {
      name: sort.text('name_fold'),
      kind: sort.text('kind'),
    },
    default: [{ name: SortOrder.ASC }],
  },
  where: {
    description: 'Organisations matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps organisations matching neither.',
    fields: {
      id: filter.id(),
      name: filter.string('name_fold'),
      shortName: filter.string('short_name_fold'),
      kind: filter.enum('kind', enumFilter(OrganizationKind, 'OrganizationKind')),
      parent: filter.one(() => ORGANIZATION_LISTING, 'parent_id', 'The organisation this one is a unit of.'),
      region: filter.one(() => REGION_LISTING, 'region_id'),
    },
  },
});
