import { SortOrder } from '../../shared/enums';
import { defineListing, filter } from '../../shared/listing';
import { FederalDistrict, Region } from './region.entity';

const NAME_DEFAULT_ORDER = [{ name: SortOrder.ASC }];

export const FEDERAL_DISTRICT_LISTING = defineListing(FederalDistrict, {
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: { name: { sql: 't.name_fold', nullable: false, text: true } },
    default: NAME_DEFAULT_ORDER,
  },
  where: {
    description: 'Federal districts matching every field given. AND, OR and NOT combine filters.',
    noun: ['district', 'districts'],
    fields: { id: filter.id(), name: filter.string('name_fold') },
  },
});

export const REGION_LISTING = defineListing(Region, {
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {
      name: { sql: 't.name_fold', nullable: false, text: true },
      isoCode: { sql: 't.iso_code_fold', nullable: true, text: true },
    },
    default: NAME_DEFAULT_ORDER,
  },
  where: {
    description: 'Regions matching every field given. AND, OR and NOT combine filters; a region without a district passes NOT [{federalDistrict: ...}].',
    fields: {
      id: filter.id(),
      name: filter.string('name_fold'),
      isoCode: filter.string('iso_code_fold'),
      federalDistrict: filter.one(() => FEDERAL_DISTRICT_LISTING, 'federal_district_id'),
    },
  },
});
