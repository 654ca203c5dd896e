import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Speaker } from './speaker.entity';
import { IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { ORGANIZATION_FILTER, OrganizationWhere } from '../organization/organization.types';
import { SESSION_FILTER, SessionListFilter } from '../session/session.types';

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

@InputType({ description: 'Speakers matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps speakers matching neither.' })
export class SpeakerWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  fullName?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'The latest known position.' })
  position?: StringFilter | null;

  @Field(() => OrganizationWhere, { nullable: true, description: 'The organisation of the latest known position.' })
  organization?: OrganizationWhere | null;

  @Field(() => SessionListFilter, { nullable: true })
  sessions?: SessionListFilter | null;

  @Field(() => [SpeakerWhere], { nullable: true })
  AND?: SpeakerWhere[] | null;

  @Field(() => [SpeakerWhere], { nullable: true })
  OR?: SpeakerWhere[] | null;

  @Field(() => [SpeakerWhere], { nullable: true })
  NOT?: SpeakerWhere[] | null;
}

@InputType({ description: 'some: at least one speaker matches; none: no speaker matches; every: all speakers match (true when there are none).' })
export class SpeakerListFilter {
  @Field(() => SpeakerWhere, { nullable: true })
  some?: SpeakerWhere | null;

  @Field(() => SpeakerWhere, { nullable: true })
  none?: SpeakerWhere | null;

  @Field(() => SpeakerWhere, { nullable: true })
  every?: SpeakerWhere | null;
}

export const SPEAKER_FILTER: FilterSpec = {
  table: 'speaker',
  nodeType: 'Speaker',
  fields: {
    id: { kind: 'id' },
    fullName: { kind: 'string', column: 'full_name_fold' },
    position: { kind: 'string', column: 'position_fold' },
    organization: { kind: 'one', column: 'organization_id', target: () => ORGANIZATION_FILTER },
    sessions: {
      kind: 'many',
      target: () => SESSION_FILTER,
      from: (alias) => `participation ${alias}_p JOIN session ${alias} ON ${alias}.id = ${alias}_p.session_id`,
      on: (alias, parent) => `${alias}_p.speaker_id = ${parent}.id`,
    },
  },
};
