import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Organization } from './organization.entity';

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

export const ORGANIZATION_LISTING: Listing<Organization> = { entity: Organization, sort: ORGANIZATION_SORT, defaultOrder: ORGANIZATION_DEFAULT_ORDER };
