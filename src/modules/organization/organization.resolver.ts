import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { CLUSTER_EVENT_LISTING, ClusterEventConnection } from '../cluster-event/cluster-event.types';
import { CLUSTER_LISTING, ClusterConnection } from '../cluster/cluster.types';
import { FORUM_LISTING, ForumConnection } from '../forum/forum.types';
import { Region } from '../region/region.entity';
import { Participation } from '../session/session.entity';
import { Affiliation } from '../speaker/speaker.entity';
import { SPEAKER_LISTING, SpeakerConnection } from '../speaker/speaker.types';
import { Organization } from './organization.entity';
import { ORGANIZATION_LISTING, OrganizationConnection, OrganizationOrderBy, OrganizationWhere } from './organization.types';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organisations, by default by name.' })
  organizations(
    @Args() args: ConnectionArgs,
    @Arg('where', () => OrganizationWhere, { nullable: true }) where: OrganizationWhere | null,
    @Arg('orderBy', () => [OrganizationOrderBy], { nullable: true }) orderBy: OrganizationOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, ORGANIZATION_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation this one is a unit of (a department of a ministry).' })
  parent(@Root() organization: Organization, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, organization.parentKey);
  }

  @FieldResolver(() => [Organization], { description: 'Its units, by name.' })
  units(@Root() organization: Organization, @Ctx() ctx: Context) {
    return listPlain(ctx, Organization, { name: 'Organization.units', from: 'organization t', parent: 't.parent_id', order: 't.name_fold, t.id' }, organization.key);
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() organization: Organization, @Ctx() ctx: Context) {
    return byKey(ctx, Region, organization.regionKey);
  }

  @FieldResolver(() => SpeakerConnection, { description: 'People who held a position here, at any time.' })
  speakers(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      SPEAKER_LISTING,
      {
        name: 'Organization.speakers',
        from: '(SELECT DISTINCT organization_id, speaker_id FROM affiliation) x JOIN speaker t ON t.id = x.speaker_id',
        parent: 'x.organization_id',
      },
      organization.key,
      args,
    );
  }

  @FieldResolver(() => [Affiliation], { description: 'Positions held here.' })
  affiliations(@Root() organization: Organization, @Ctx() ctx: Context) {
    return listPlain(ctx, Affiliation, { name: 'Organization.affiliations', from: 'affiliation t', parent: 't.organization_id', order: 't.id' }, organization.key);
  }

  @FieldResolver(() => [Participation], { description: 'Session participations in which a speaker represented this organisation.' })
  participations(@Root() organization: Organization, @Ctx() ctx: Context) {
    return listPlain(ctx, Participation, { name: 'Organization.participations', from: 'participation t', parent: 't.organization_id', order: 't.id' }, organization.key);
  }

  @FieldResolver(() => ClusterConnection, { description: 'Clusters it is a member of.' })
  clusters(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      CLUSTER_LISTING,
      { name: 'Organization.clusters', from: 'cluster_member x JOIN cluster t ON t.id = x.cluster_id', parent: 'x.organization_id' },
      organization.key,
      args,
    );
  }

  @FieldResolver(() => ClusterEventConnection, { description: 'Events it took part in.' })
  clusterEvents(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      CLUSTER_EVENT_LISTING,
      {
        name: 'Organization.clusterEvents',
        from: 'cluster_event_organization x JOIN cluster_event t ON t.id = x.event_id',
        parent: 'x.organization_id',
      },
      organization.key,
      args,
    );
  }

  @FieldResolver(() => ForumConnection, { description: 'Forums it organised (or lent its aegis to).' })
  organizedForums(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      FORUM_LISTING,
      { name: 'Organization.organizedForums', from: 'forum_organizer x JOIN forum t ON t.id = x.forum_id', parent: 'x.organization_id' },
      organization.key,
      args,
    );
  }
}
