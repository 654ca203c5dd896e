import { Field, Int, ObjectType} from 'type-graphql';
import { type StatsSpec, relatedKey } from './stats.query';
import { SPEAKER_LISTING } from '../programme/programme.listings';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** What speakers can be grouped by. */
export const SpeakerGroupBy = defineEnum('SpeakerGroupBy', ['ORGANIZATION'], {
  values: {
    ORGANIZATION: 'The organisation of the latest known position.',
  },
});
export type SpeakerGroupBy = EnumValue<typeof SpeakerGroupBy>;

/** The keys of one group of speakers; an entity key holds the row's key, resolved to the entity by the resolver. */
@ObjectType({ description: 'The keys of one group of speakers: the fields grouped by are set (null is the group of speakers without the key); the others are null.' })
export class SpeakerStatsKey {
  organizationKey?: string | null;
}

/** One group of speakers: its keys and its count. */
@ObjectType({ description: 'One group of speakers, with its count.' })
export class SpeakerStatsGroup {
  @Field(() => SpeakerStatsKey)
  key!: SpeakerStatsKey;

  @Field(() => Int, { description: 'The number of speakers in the group.' })
  count!: number;
}

/** Speakers as grouped by `speakerStats`. */
export const SPEAKER_STATS: StatsSpec<SpeakerGroupBy, SpeakerStatsKey, SpeakerStatsGroup> = {
  table: 'speaker',
  filter: () => SPEAKER_LISTING.filterSpec,
  keys: {
    ORGANIZATION: relatedKey('organizationKey', 't.organization_id', { table: 'organization', alias: 'j_organization', name: 'name_fold' }),
  },
  measures: [],
};
