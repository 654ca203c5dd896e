import { Organization, OrganizationKind } from '../organization/organization.entity';
import { ORGANIZATION_LISTING } from '../organization/organization.types';
import { Region } from '../region/region.entity';
import { defineStats, key } from './stats.define';

export const ORGANIZATION_STATS = defineStats('Organization', {
  noun: ['organisation', 'organisations'],
  listing: ORGANIZATION_LISTING,
  keys: {
    KIND: key.column('kind', () => OrganizationKind),
    REGION: key.related('region', Region, 'name_fold'),
    PARENT: key.related('parent', Organization, 'name_fold', { groupBy: 'The organisation this one is a unit of; null for one that is no unit.' }),
  },
});
