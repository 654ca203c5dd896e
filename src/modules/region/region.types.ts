import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { FederalDistrict, Region } from './region.entity';
import { IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';

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

export const REGION_LISTING: Listing<Region> = { entity: Region, sort: REGION_SORT, defaultOrder: NAME_DEFAULT_ORDER, filter: () => REGION_FILTER };
export const FEDERAL_DISTRICT_LISTING: Listing<FederalDistrict> = {
  entity: FederalDistrict,
  sort: FEDERAL_DISTRICT_SORT,
  defaultOrder: NAME_DEFAULT_ORDER,
  filter: () => FEDERAL_DISTRICT_FILTER,
};

@InputType({ description: 'Federal districts matching every field given. AND, OR and NOT combine filters.' })
export class FederalDistrictWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  name?: StringFilter | null;

  @Field(() => [FederalDistrictWhere], { nullable: true })
  AND?: FederalDistrictWhere[] | null;

  @Field(() => [FederalDistrictWhere], { nullable: true })
  OR?: FederalDistrictWhere[] | null;

  @Field(() => [FederalDistrictWhere], { nullable: true })
  NOT?: FederalDistrictWhere[] | null;
}

@InputType({ description: 'some: at least one district matches; none: no district matches; every: all districts match (true when there are none).' })
export class FederalDistrictListFilter {
  @Field(() => FederalDistrictWhere, { nullable: true })
  some?: FederalDistrictWhere | null;

  @Field(() => FederalDistrictWhere, { nullable: true })
  none?: FederalDistrictWhere | null;

  @Field(() => FederalDistrictWhere, { nullable: true })
  every?: FederalDistrictWhere | null;
}

@InputType({ description: 'Regions matching every field given. AND, OR and NOT combine filters; a region without a district passes NOT [{federalDistrict: ...}].' })
export class RegionWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  isoCode?: StringFilter | null;

  @Field(() => FederalDistrictWhere, { nullable: true })
  federalDistrict?: FederalDistrictWhere | null;

  @Field(() => [RegionWhere], { nullable: true })
  AND?: RegionWhere[] | null;

  @Field(() => [RegionWhere], { nullable: true })
  OR?: RegionWhere[] | null;

  @Field(() => [RegionWhere], { nullable: true })
  NOT?: RegionWhere[] | null;
}

export const FEDERAL_DISTRICT_FILTER: FilterSpec = {
  table: 'federal_district',
  nodeType: 'FederalDistrict',
  fields: { id: { kind: 'id' }, name: { kind: 'string', column: 'name_fold' } },
};

export const REGION_FILTER: FilterSpec = {
  table: 'region',
  nodeType: 'Region',
  fields: {
    id: { kind: 'id' },
    name: { kind: 'string', column: 'name_fold' },
    isoCode: { kind: 'string', column: 'iso_code_fold' },
    federalDistrict: { kind: 'one', column: 'federal_district_id', target: () => FEDERAL_DISTRICT_FILTER },
  },
};
