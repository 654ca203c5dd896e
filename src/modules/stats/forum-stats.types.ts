import { Field, Int, ObjectType} from 'type-graphql';
import { PartialDate } from '../../shared/partial-date';
import { type StatsSpec, relatedKey, yearKey } from './stats.query';
import { FORUM_LISTING } from '../programme/programme.listings';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What forums can be grouped by. */
export const ForumGroupBy = defineEnum('ForumGroupBy', ['YEAR', 'REGION'], {
  values: {
    YEAR: 'The year of startDate; null for a forum without a date.',
  },
});
export type ForumGroupBy = EnumValue<typeof ForumGroupBy>;

/** The keys of one group of forums; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of forums: the fields grouped by are set (null is the group of forums without the key); the others are null.' })
export class ForumStatsKey {
  @Field(() => Int, { nullable: true, description: 'The year of startDate.' })
  year?: number | null;

  regionKey?: string | null;
}

/** One group of forums: its keys, its count and its measures. */
@ObjectType({ description: 'One group of forums, with its count and measures.' })
export class ForumStatsGroup {
  @Field(() => ForumStatsKey)
  key!: ForumStatsKey;

  @Field(() => Int, { description: 'The number of forums in the group.' })
  count!: number;

  @Field(() => PartialDate, { nullable: true, description: 'The earliest startDate, as given (partial dates compare by their first day, then by their last); null when no forum of the group has one.' })
  minStartDate!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'The latest startDate, as given (partial dates compare by their first day, then by their last).' })
  maxStartDate!: PartialDate | null;

  @Field(() => Int, { nullable: true, description: 'The lowest edition; null when no forum of the group has one.' })
  minEdition!: number | null;

  @Field(() => Int, { nullable: true, description: 'The highest edition.' })
  maxEdition!: number | null;
}

const START_DATE = { iso: 't.start_date', from: 't.start_date_from' };

/** Forums as grouped by `forumStats`. */
export const FORUM_STATS: StatsSpec<ForumGroupBy, ForumStatsKey, ForumStatsGroup> = {
  table: 'forum',
  filter: () => FORUM_LISTING.filterSpec,
  keys: {
    YEAR: yearKey(START_DATE),
    REGION: relatedKey('regionKey', 't.region_id', { table: 'region', alias: 'j_region', name: 'name_fold' }),
  },
  measures: [
    { property: 'minStartDate', aggregate: 'MIN', date: START_DATE },
    { property: 'maxStartDate', aggregate: 'MAX', date: START_DATE },
    { property: 'minEdition', aggregate: 'MIN', column: 't.edition' },
    { property: 'maxEdition', aggregate: 'MAX', column: 't.edition' },
  ],
};
