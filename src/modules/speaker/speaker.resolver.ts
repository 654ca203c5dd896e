import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import { byKey, listAll, listNested, listPlain } from '../../shared/relations';
import { FORUM_LISTING, ForumConnection } from '../forum/forum.types';
import { Organization } from '../organization/organization.entity';
import { Quote } from '../publication/quote.entity';
import { Participation } from '../session/session.entity';
import { FORUM_SPEAKER_PAIRS, SESSION_LISTING, SessionConnection, SessionOrderBy } from '../session/session.types';
import { Affiliation, Speaker } from './speaker.entity';
import { SPEAKER_LISTING, SpeakerConnection, SpeakerOrderBy } from './speaker.types';
import { SessionWhere, SpeakerWhere } from '../programme/programme.where';

@Resolver(() => Speaker)
export class SpeakerResolver {
  @Query(() => SpeakerConnection, { description: 'Speakers, by default by full name.' })
  speakers(
    @Args() args: ConnectionArgs,
    @Arg('where', () => SpeakerWhere, { nullable: true }) where: SpeakerWhere | null,
    @Arg('orderBy', () => [SpeakerOrderBy], { nullable: true }) orderBy: SpeakerOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, SPEAKER_LISTING, args, orderBy, where);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation of the latest known position: the most specific unit known.' })
  organization(@Root() speaker: Speaker, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, speaker.organizationKey);
  }

  @FieldResolver(() => [Affiliation], { description: 'Positions held, oldest first.' })
  affiliations(@Root() speaker: Speaker, @Ctx() ctx: Context) {
    return listPlain(ctx, Affiliation, { name: 'Speaker.affiliations', from: 'affiliation t', parent: 't.speaker_id', order: 't.ordinal' }, speaker.key);
  }

  @FieldResolver(() => [Participation])
  participations(@Root() speaker: Speaker, @Ctx() ctx: Context) {
    return listPlain(
      ctx,
      Participation,
      {
        name: 'Speaker.participations',
        from: 'participation t JOIN session s ON s.id = t.session_id',
        parent: 't.speaker_id',
        order: 'CASE WHEN s.date_from IS NULL THEN 1 ELSE 0 END, s.date_from, t.id',
      },
      speaker.key,
    );
  }

  @FieldResolver(() => SessionConnection)
  sessions(
    @Root() speaker: Speaker,
    @Args() args: ConnectionArgs,
    @Arg('where', () => SessionWhere, { nullable: true }) where: SessionWhere | null,
    @Arg('orderBy', () => [SessionOrderBy], { nullable: true }) orderBy: SessionOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listNested(
      ctx,
      SESSION_LISTING,
      {
        name: 'Speaker.sessions',
        from: '(SELECT DISTINCT session_id, speaker_id FROM participation) x JOIN session t ON t.id = x.session_id',
        parent: 'x.speaker_id',
      },
      speaker.key,
      args,
      orderBy,
      where,
    );
  }

  @FieldResolver(() => ForumConnection, { description: 'Forums at whose sessions the speaker took part.' })
  forums(@Root() speaker: Speaker, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listNested(
      ctx,
      FORUM_LISTING,
      {
        name: 'Speaker.forums',
        from: `${FORUM_SPEAKER_PAIRS} x JOIN forum t ON t.id = x.forum_id`,
        parent: 'x.speaker_id',
      },
      speaker.key,
      args,
    );
  }

  @FieldResolver(() => [Quote])
  quotes(@Root() speaker: Speaker, @Ctx() ctx: Context) {
    return listPlain(ctx, Quote, { name: 'Speaker.quotes', from: 'quote t', parent: 't.speaker_id', order: 't.ordinal, t.id' }, speaker.key);
  }
}

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Speaker)
  speaker(@Root() affiliation: Affiliation, @Ctx() ctx: Context) {
    return byKey(ctx, Speaker, affiliation.speakerKey);
  }

  @FieldResolver(() => Organization)
  organization(@Root() affiliation: Affiliation, @Ctx() ctx: Context) {
    return byKey(ctx, Organization, affiliation.organizationKey);
  }
}
