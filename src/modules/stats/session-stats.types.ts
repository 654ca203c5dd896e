import { Field, Int, ObjectType} from 'type-graphql';
import { PartialDate } from '../../shared/partial-date';
import { SessionKind } from '../session/session.entity';
import { type StatsSpec, monthKey, relatedKey, yearKey } from './stats.query';
import { SESSION_LISTING } from '../programme/programme.listings';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What sessions can be grouped by. */
export const SessionGroupBy = defineEnum('SessionGroupBy', ['KIND', 'FORUM', 'YEAR', 'MONTH'], {
  values: {
    FORUM: 'The forum of the session; null for a session held on its own.',
    YEAR: 'The year of the date; null for a session without a date.',
    MONTH: 'The month of the date, "2024-04"; null for a session without a date or with a date known only to its year.',
  },
});
export type SessionGroupBy = EnumValue<typeof SessionGroupBy>;

/** The keys of one group of sessions; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of sessions: the fields grouped by are set (null is the group of sessions without the key); the others are null.' })
export class SessionStatsKey {
  @Field(() => SessionKind, { nullable: true })
  kind?: SessionKind | null;

  @Field(() => Int, { nullable: true, description: 'The year of the date.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The month of the date, e.g. "2024-04".' })
  month?: string | null;

  forumKey?: string | null;
}

/** One group of sessions: its keys, its count and its measures. */
@ObjectType({ description: 'One group of sessions, with its count and measures.' })
export class SessionStatsGroup {
  @Field(() => SessionStatsKey)
  key!: SessionStatsKey;

  @Field(() => Int, { description: 'The number of sessions in the group.' })
  count!: number;

  @Field(() => PartialDate, { nullable: true, description: 'The earliest date, as given (partial dates compare by their first day, then by their last); null when no session of the group has one.' })
  minDate!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'The latest date, as given (partial dates compare by their first day, then by their last).' })
  maxDate!: PartialDate | null;
}

const DATE = { iso: 't.date', from: 't.date_from' };

/** Sessions as grouped by `sessionStats`. */
export const SESSION_STATS: StatsSpec<SessionGroupBy, SessionStatsKey, SessionStatsGroup> = {
  table: 'session',
  filter: () => SESSION_LISTING.filterSpec,
  keys: {
    KIND: { property: 'kind', expr: 't.kind', type: 'text' },
    FORUM: relatedKey('forumKey', 't.forum_id', { table: 'forum', alias: 'j_forum', name: 'title_fold' }),
    YEAR: yearKey(DATE),
    MONTH: monthKey(DATE),
  },
  measures: [
    { property: 'minDate', aggregate: 'MIN', date: DATE },
    { property: 'maxDate', aggregate: 'MAX', date: DATE },
  ],
};
