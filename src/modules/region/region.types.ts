import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { FederalDistrict, Region } from './region.entity';

export const RegionConnection = ConnectionType(Region, 'Region');
export const FederalDistrictConnection = ConnectionType(FederalDistrict, 'FederalDistrict');

@InputType({ description: 'One key per element. Default: name.' })
export class RegionOrderBy {
  @Field(() => SortOrder, { nullable: true })
  name?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  isoCode?: SortOrder;
}

@InputType({ description: 'One key per element. Default: name.' })
export class FederalDistrictOrderBy {
  @Field(() => SortOrder, { nullable: true })
  name?: SortOrder;
}

export const REGION_SORT: Record<keyof RegionOrderBy, SortField> = {
  name: { sql: 't.name_fold', nullable: false, text: true },
  isoCode: { sql: 't.iso_code_fold', nullable: true, text: true },
};
export const FEDERAL_DISTRICT_SORT: Record<keyof FederalDistrictOrderBy, SortField> = {
  name: { sql: 't.name_fold', nullable: false, text: true },
};
export const NAME_DEFAULT_ORDER = [{ name: SortOrder.ASC }];

export const REGION_LISTING: Listing<Region> = { entity: Region, sort: REGION_SORT, defaultOrder: NAME_DEFAULT_ORDER };
export const FEDERAL_DISTRICT_LISTING: Listing<FederalDistrict> = {
  entity: FederalDistrict,
  sort: FEDERAL_DISTRICT_SORT,
  defaultOrder: NAME_DEFAULT_ORDER,
};
