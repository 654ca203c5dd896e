import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { SESSION_CHILDREN, SESSION_PARTICIPANTS, SESSION_QUOTES } from '../../compiler/relations';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Quote } from '../publication/quote.entity';
import { Speaker } from '../speaker/speaker.entity';
import { SPEAKER_LISTING, SpeakerConnection } from '../speaker/speaker.types';
import { Participation, Session } from './session.entity';
import { SESSION_LISTING, SessionConnection, SessionOrderBy } from './session.types';
import { SessionWhere } from '../programme/programme.where';

@Resolver(() => Session)
export class SessionResolver {
  @Query(() => SessionConnection, { description: 'Sessions, by default by date (undated last), then title.' })
  sessions(
    @Args() args: ConnectionArgs,
    @Arg('where', () => SessionWhere, { nullable: true }) where: SessionWhere | null,
    @Arg('orderBy', () => [SessionOrderBy], { nullable: true }) orderBy: SessionOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, SESSION_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => Forum, { nullable: true, description: 'Null for a session held outside any forum.' })
  forum(@Root() session: Session, @Ctx() ctx: Context) {
    return byKey(ctx, Forum, session.forumKey);
  }

  @FieldResolver(() => Session, { nullable: true, description: 'The session this one is part of, where it is a part.' })
  parent(@Root() session: Session, @Ctx() ctx: Context) {
    return byKey(ctx, Session, session.parentKey);
  }

  @FieldResolver(() => SessionConnection, { description: 'The parts of this session.' })
  children(@Root() session: Session, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(ctx, SESSION_LISTING, SESSION_CHILDREN.relation, session.key, args);
  }

  @FieldResolver(() => [Participation], { description: 'Who took part, in the order the source lists them.' })
  participants(@Root() session: Session, @Ctx() ctx: Context) {
    return listPlain(ctx, Participation, SESSION_PARTICIPANTS.relation, session.key);
  }

  @FieldResolver(() => SpeakerConnection, { description: 'Everyone who took part, each once.' })
  speakers(@Root() session: Session, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      SPEAKER_LISTING,
      {
        name: 'Session.speakers',
        from: '(SELECT DISTINCT session_id, speaker_id FROM participation) x JOIN speaker t ON t.id = x.speaker_id',
        parent: 'x.session_id',
      },
      session.key,
      args,
    );
  }

  @FieldResolver(() => [Quote])
  quotes(@Root() session: Session, @Ctx() ctx: Context) {
    return listPlain(ctx, Quote, SESSION_QUOTES.relation, session.key);
  }
}

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => Speaker)
  speaker(@Root() participation: Participation, @Ctx() ctx: Context) {
    return byKey(ctx, Speaker, participation.speakerKey);
  }

  @FieldResolver(() => Session)
  session(@Root() participation: Participation, @Ctx() ctx: Context) {
    return byKey(ctx, Session, participation.sessionKey);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation as stated at the time of the session.' })
  organization(@Root() participation: Participation, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, participation.organizationKey);
  }
}
