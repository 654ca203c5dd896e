import { Field, Int, ObjectType} from 'type-graphql';
import { OrganizationKind } from '../organization/organization.entity';
import { ORGANIZATION_LISTING } from '../organization/organization.types';
import { type StatsSpec, relatedKey } from './stats.query';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What organisations can be grouped by. */
export const OrganizationGroupBy = defineEnum('OrganizationGroupBy', ['KIND', 'REGION', 'PARENT'], {
  values: {
    PARENT: 'The organisation this one is a unit of; null for one that is no unit.',
  },
});
export type OrganizationGroupBy = EnumValue<typeof OrganizationGroupBy>;

/** The keys of one group of organisations; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of organisations: the fields grouped by are set (null is the group of organisations without the key); the others are null.' })
export class OrganizationStatsKey {
  @Field(() => OrganizationKind, { nullable: true })
  kind?: OrganizationKind | null;

  regionKey?: string | null;

  parentKey?: string | null;
}

/** One group of organisations: its keys and its count. */
@ObjectType({ description: 'One group of organisations, with its count.' })
export class OrganizationStatsGroup {
  @Field(() => OrganizationStatsKey)
  key!: OrganizationStatsKey;

  @Field(() => Int, { description: 'The number of organisations in the group.' })
  count!: number;
}

/** Organisations as grouped by `organizationStats`. */
export const ORGANIZATION_STATS: StatsSpec<OrganizationGroupBy, OrganizationStatsKey, OrganizationStatsGroup> = {
  table: 'organization',
  filter: () => ORGANIZATION_LISTING.filterSpec,
  keys: {
    KIND: { property: 'kind', expr: 't.kind', type: 'text' },
    REGION: relatedKey('regionKey', 't.region_id', { table: 'region', alias: 'j_region', name: 'name_fold' }),
    PARENT: relatedKey('parentKey', 't.parent_id', { table: 'organization', alias: 'j_parent', name: 'name_fold' }),
  },
  measures: [],
};
