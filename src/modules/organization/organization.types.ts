import { SortOrder } from '../../shared/enums';
import { type FilteredListing, defineListing } from '../../shared/listing';
import { Organization } from './organization.entity';

export const ORGANIZATION_LISTING: FilteredListing<Organization> = defineListing(Organization, {
  exports: [['parent_id', 'parent.id'], ['parent_name', 'parent.name'], ['region_id', 'region.id'], ['region_name', 'region.name']],
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {},
    default: [{ name: SortOrder.ASC }],
  },
  where: {
    description: 'Organisations matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps organisations matching neither.',
    fields: {},
  },
});
