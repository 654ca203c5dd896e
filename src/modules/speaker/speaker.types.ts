import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Speaker } from './speaker.entity';
import { SPEAKER_FILTER } from '../programme/programme.where';

export const SpeakerConnection = ConnectionType(Speaker, 'Speaker');

@InputType({ description: 'One key per element. Default: fullName.' })
export class SpeakerOrderBy {
  @Field(() => SortOrder, { nullable: true })
  fullName?: SortOrder;
}

export const SPEAKER_SORT: Record<keyof SpeakerOrderBy, SortField> = {
  fullName: { sql: 't.full_name_fold', nullable: false, text: true },
};
export const SPEAKER_DEFAULT_ORDER = [{ fullName: SortOrder.ASC }];

export const SPEAKER_LISTING: Listing<Speaker> = { entity: Speaker, sort: SPEAKER_SORT, defaultOrder: SPEAKER_DEFAULT_ORDER, filter: () => SPEAKER_FILTER };

