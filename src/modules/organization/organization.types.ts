import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Organization } from './organization.entity';
import { IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { REGION_FILTER, RegionWhere } from '../region/region.types';
import { OrganizationKind } from './organization.entity';

export const OrganizationConnection = ConnectionType(Organization, 'Organization');

@InputType({ description: 'One key per element. Default: name.' })
export class OrganizationOrderBy {
  @Field(() => SortOrder, { nullable: true })
  name?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  kind?: SortOrder;
}

export const ORGANIZATION_SORT: Record<keyof OrganizationOrderBy, SortField> = {
  name: { sql: 't.name_fold', nullable: false, text: true },
  kind: { sql: 't.kind', nullable: false, text: true },
};
export const ORGANIZATION_DEFAULT_ORDER = [{ name: SortOrder.ASC }];

export const ORGANIZATION_LISTING: Listing<Organization> = { entity: Organization, sort: ORGANIZATION_SORT, defaultOrder: ORGANIZATION_DEFAULT_ORDER, filter: () => ORGANIZATION_FILTER };

@InputType()
export class OrganizationKindFilter {
  @Field(() => OrganizationKind, { nullable: true })
  equals?: OrganizationKind | null;

  @Field(() => [OrganizationKind], { nullable: true })
  in?: OrganizationKind[] | null;
}

@InputType({ description: 'Organisations matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps organisations matching neither.' })
export class OrganizationWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  name?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  shortName?: StringFilter | null;

  @Field(() => OrganizationKindFilter, { nullable: true })
  kind?: OrganizationKindFilter | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'The organisation this one is a unit of.' })
  parent?: OrganizationWhere | null;

  @Field(() => RegionWhere, { nullable: true })
  region?: RegionWhere | null;

  @Field(() => [OrganizationWhere], { nullable: true })
  AND?: OrganizationWhere[] | null;

  @Field(() => [OrganizationWhere], { nullable: true })
  OR?: OrganizationWhere[] | null;

  @Field(() => [OrganizationWhere], { nullable: true })
  NOT?: OrganizationWhere[] | null;
}

export const ORGANIZATION_FILTER: FilterSpec = {
  table: 'organization',
  nodeType: 'Organization',
  fields: {
    id: { kind: 'id' },
    name: { kind: 'string', column: 'name_fold' },
    shortName: { kind: 'string', column: 'short_name_fold' },
    kind: { kind: 'enum', column: 'kind' },
    parent: { kind: 'one', column: 'parent_id', target: () => ORGANIZATION_FILTER },
    region: { kind: 'one', column: 'region_id', target: () => REGION_FILTER },
  },
};
