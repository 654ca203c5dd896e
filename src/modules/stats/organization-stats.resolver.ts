import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { byKey } from '../../shared/relations';
import { Organization } from '../organization/organization.entity';
import { OrganizationWhere } from '../organization/organization.types';
import { Region } from '../region/region.entity';
import { ORGANIZATION_STATS, OrganizationGroupBy, OrganizationStatsGroup, OrganizationStatsKey } from './organization-stats.types';
import { groupStats, statsDescription } from './stats.query';

/** `organizationStats`: organisations grouped in the database, and the entities of their group keys, through the request's loaders. */
@Resolver(() => OrganizationStatsKey)
export class OrganizationStatsResolver {
  @Query(() => [OrganizationStatsGroup], { description: statsDescription('organisations', false) })
  organizationStats(
    @Arg('where', () => OrganizationWhere, { nullable: true }) where: OrganizationWhere | null,
    @Arg('groupBy', () => [OrganizationGroupBy]) groupBy: OrganizationGroupBy[],
    @Ctx() ctx: Context,
  ) {
    return groupStats(ctx, ORGANIZATION_STATS, where, groupBy);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() key: OrganizationStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Region, key.regionKey);
  }

  @FieldResolver(() => Organization, { nullable: true })
  parent(@Root() key: OrganizationStatsKey, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, key.parentKey);
  }
}
