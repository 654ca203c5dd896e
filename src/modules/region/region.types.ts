import { SortOrder } from '../../shared/enums';
import { type ExportColumnDeclaration, defineListing } from '../../shared/listing';
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
  orderBy: { description: 'One key per element. Default: name.', fields: {}, default: NAME_DEFAULT_ORDER },
  where: {
    description: 'Federal districts matching every field given. AND, OR and NOT combine filters.',
    noun: ['district', 'districts'],
    fields: {},
  },
});

export const REGION_LISTING = defineListing(Region, {
  exports: [['federal_district_id', 'federalDistrict.id'], ['federal_district_name', 'federalDistrict.name']],
  orderBy: { description: 'One key per element. Default: name.', fields: {}, default: NAME_DEFAULT_ORDER },
  where: {
    description: 'Regions matching every field given. AND, OR and NOT combine filters; a region without a district passes NOT [{federalDistrict: ...}].',
    fields: {},
  },
});
