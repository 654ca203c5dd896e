import { Field, Int, ObjectType} from 'type-graphql';
import { PartialDate } from '../../shared/partial-date';
import { PublicationKind } from '../publication/publication.entity';
import { PUBLICATION_LISTING } from '../publication/publication.types';
import { type StatsSpec, monthKey, yearKey } from './stats.query';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What publications can be grouped by. */
export const PublicationGroupBy = defineEnum('PublicationGroupBy', ['KIND', 'YEAR', 'MONTH'], {
  values: {
    YEAR: 'The year of publishedAt; null for a publication without a date.',
    MONTH: 'The month of publishedAt, "2024-04"; null for a publication without a date or with a date known only to its year.',
  },
});
export type PublicationGroupBy = EnumValue<typeof PublicationGroupBy>;

/** The keys of one group of publications. */
@ObjectType({ description: 'The keys of one group of publications: the fields grouped by are set (null is the group of publications without the key); the others are null.' })
export class PublicationStatsKey {
  @Field(() => PublicationKind, { nullable: true })
  kind?: PublicationKind | null;

  @Field(() => Int, { nullable: true, description: 'The year of publishedAt.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The month of publishedAt, e.g. "2024-04".' })
  month?: string | null;
}

/** One group of publications: its keys, its count and its measures. */
@ObjectType({ description: 'One group of publications, with its count and measures.' })
export class PublicationStatsGroup {
  @Field(() => PublicationStatsKey)
  key!: PublicationStatsKey;

  @Field(() => Int, { description: 'The number of publications in the group.' })
  count!: number;

  @Field(() => PartialDate, { nullable: true, description: 'The earliest publishedAt, as given (partial dates compare by their first day, then by their last); null when no publication of the group has one.' })
  minPublishedAt!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'The latest publishedAt, as given (partial dates compare by their first day, then by their last).' })
  maxPublishedAt!: PartialDate | null;
}

const PUBLISHED_AT = { iso: 't.published_at', from: 't.published_at_from' };

/** Publications as grouped by `publicationStats`. */
export const PUBLICATION_STATS: StatsSpec<PublicationGroupBy, PublicationStatsKey, PublicationStatsGroup> = {
  table: 'publication',
  filter: () => PUBLICATION_LISTING.filterSpec,
  keys: {
    KIND: { property: 'kind', expr: 't.kind', type: 'text' },
    YEAR: yearKey(PUBLISHED_AT),
    MONTH: monthKey(PUBLISHED_AT),
  },
  measures: [
    { property: 'minPublishedAt', aggregate: 'MIN', date: PUBLISHED_AT },
    { property: 'maxPublishedAt', aggregate: 'MAX', date: PUBLISHED_AT },
  ],
};
