import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { FORUM_ORGANIZERS, FORUM_SESSIONS } from '../../compiler/relations';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';
import { FORUM_SPEAKER_PAIRS, SESSION_LISTING, SessionConnection, SessionOrderBy } from '../session/session.types';
import { SPEAKER_LISTING, SpeakerConnection } from '../speaker/speaker.types';
import { Forum } from './forum.entity';
import { FORUM_LISTING, ForumConnection, ForumOrderBy } from './forum.types';
import { ForumWhere, SessionWhere } from '../programme/programme.where';

@Resolver(() => Forum)
export class ForumResolver {
  @Query(() => ForumConnection, { description: 'Forums, by default in order of their start date (undated last), then title.' })
  forums(
    @Args() args: ConnectionArgs,
    @Arg('where', () => ForumWhere, { nullable: true }) where: ForumWhere | null,
    @Arg('orderBy', () => [ForumOrderBy], { nullable: true }) orderBy: ForumOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, FORUM_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => [Organization], { description: 'Who organised the forum, or under whose aegis it was held.' })
  organizers(@Root() forum: Forum, @Ctx() ctx: Context) {
    return listPlain(ctx, Organization, FORUM_ORGANIZERS.relation, forum.key);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region it was held in, where the source says.' })
  region(@Root() forum: Forum, @Ctx() ctx: Context) {
    return byKey(ctx, Region, forum.regionKey);
  }

  @FieldResolver(() => SessionConnection)
  sessions(
    @Root() forum: Forum,
    @Args() args: ConnectionArgs,
    @Arg('where', () => SessionWhere, { nullable: true }) where: SessionWhere | null,
    @Arg('orderBy', () => [SessionOrderBy], { nullable: true }) orderBy: SessionOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listNested(ctx, SESSION_LISTING, FORUM_SESSIONS.relation, forum.key, args, orderBy, where);
  }

  @FieldResolver(() => SpeakerConnection, { description: 'Everyone who took part in any of its sessions, each once.' })
  speakers(@Root() forum: Forum, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      SPEAKER_LISTING,
      {
        name: 'Forum.speakers',
        from: `${FORUM_SPEAKER_PAIRS} x JOIN speaker t ON t.id = x.speaker_id`,
        parent: 'x.forum_id',
      },
      forum.key,
      args,
    );
  }
}
