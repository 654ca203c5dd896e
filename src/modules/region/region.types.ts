import { SortOrder } from '../../shared/enums';
import { type ExportColumnDeclaration, defineListing, filter, searchField, sort } from '../../shared/listing';
import { FederalDistrict, Region } from './region.entity';

const NAME_DEFAULT_ORDER = [{ name: SortOrder.ASC }];

/** The export columns of a record's region and its district (a forum's, a cluster's). */
export const REGION_COLUMNS: readonly ExportColumnDeclaration[] = [
  ['region_id', 'region.id'],
  ['region_name', 'region.name'],
  ['federal_district_id', 'region.federalDistrict.id'],
  ['federal_district_name', 'region.federalDistrict.name'],
];

export const FEDERAL_DISTRICT_LISTING = defineListing(FederalDistrict, {
  exports: ['id', 'name'],
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: { name: sort.text('name_fold') },
    default: NAME_DEFAULT_ORDER,
  },
  where: {
    description: 'Federal districts matching every field given. AND, OR and NOT combine filters.',
    noun: ['district', 'districts'],
    fields: { id: filter.id(), name: filter.string('name_fold') },
  },
});

export const REGION_LISTING = defineListing(Region, {
  search: [
    searchField.own('name', 'name', { head: true }),
    searchField.own('fullName', 'full_name', { head: true }),
  ],
  exports: ['id', 'name', 'fullName', 'kind', 'isoCode', 'timezone', ['federal_district_id', 'federalDistrict.id'], ['federal_district_name', 'federalDistrict.name']],
  orderBy: {
    description: 'One key per element. Default: name.',
    fields: {
      name: sort.text('name_fold'),
      isoCode: sort.text('iso_code_fold', { nullable: true }),
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
