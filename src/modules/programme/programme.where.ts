import { Field, InputType } from 'type-graphql';
import { DateFilter, IdFilter, IntFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { ORGANIZATION_FILTER, OrganizationWhere } from '../organization/organization.types';
import { REGION_FILTER, RegionWhere } from '../region/region.types';
import { SessionKind } from '../session/session.entity';

/*
 * The filters of the programme's forums, sessions and speakers, in one module because each
 * reaches the others (a forum's sessions, a session's forum and speakers, a speaker's sessions):
 * split by domain, their modules imported one another in a circle.
 */

@InputType({ description: 'Forums matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps forums matching neither.' })
export class ForumWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  title?: StringFilter | null;

  @Field(() => IntFilter, { nullable: true })
  edition?: IntFilter | null;

  @Field(() => DateFilter, { nullable: true })
  startDate?: DateFilter | null;

  @Field(() => StringFilter, { nullable: true })
  city?: StringFilter | null;

  @Field(() => RegionWhere, { nullable: true, description: 'The region the forum was held in.' })
  region?: RegionWhere | null;

  @Field(() => SessionListFilter, { nullable: true })
  sessions?: SessionListFilter | null;

  @Field(() => [ForumWhere], { nullable: true })
  AND?: ForumWhere[] | null;

  @Field(() => [ForumWhere], { nullable: true })
  OR?: ForumWhere[] | null;

  @Field(() => [ForumWhere], { nullable: true })
  NOT?: ForumWhere[] | null;
}

@InputType({ description: 'some: at least one forum matches; none: no forum matches; every: all forums match (true when there are none).' })
export class ForumListFilter {
  @Field(() => ForumWhere, { nullable: true })
  some?: ForumWhere | null;

  @Field(() => ForumWhere, { nullable: true })
  none?: ForumWhere | null;

  @Field(() => ForumWhere, { nullable: true })
  every?: ForumWhere | null;
}

export const FORUM_FILTER: FilterSpec = {
  table: 'forum',
  nodeType: 'Forum',
  fields: {
    id: { kind: 'id' },
    title: { kind: 'string', column: 'title_fold' },
    edition: { kind: 'int', column: 'edition' },
    startDate: { kind: 'date', column: 'start_date_from' },
    city: { kind: 'string', column: 'city_fold' },
    region: { kind: 'one', column: 'region_id', target: () => REGION_FILTER },
    sessions: {
      kind: 'many',
      target: () => SESSION_FILTER,
      from: (alias) => `session ${alias}`,
      on: (alias, parent) => `${alias}.forum_id = ${parent}.id`,
    },
  },
};

@InputType()
export class SessionKindFilter {
  @Field(() => SessionKind, { nullable: true })
  equals?: SessionKind | null;

  @Field(() => [SessionKind], { nullable: true })
  in?: SessionKind[] | null;
}

@InputType({ description: 'Sessions matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps sessions matching neither.' })
export class SessionWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  title?: StringFilter | null;

  @Field(() => SessionKindFilter, { nullable: true })
  kind?: SessionKindFilter | null;

  @Field(() => DateFilter, { nullable: true })
  date?: DateFilter | null;

  @Field(() => ForumWhere, { nullable: true, description: 'The session\'s forum matches; a session without a forum never does.' })
  forum?: ForumWhere | null;

  @Field(() => SpeakerListFilter, { nullable: true })
  speakers?: SpeakerListFilter | null;

  @Field(() => [SessionWhere], { nullable: true })
  AND?: SessionWhere[] | null;

  @Field(() => [SessionWhere], { nullable: true })
  OR?: SessionWhere[] | null;

  @Field(() => [SessionWhere], { nullable: true })
  NOT?: SessionWhere[] | null;
}

@InputType({ description: 'some: at least one session matches; none: no session matches; every: all sessions match (true when there are none).' })
export class SessionListFilter {
  @Field(() => SessionWhere, { nullable: true })
  some?: SessionWhere | null;

  @Field(() => SessionWhere, { nullable: true })
  none?: SessionWhere | null;

  @Field(() => SessionWhere, { nullable: true })
  every?: SessionWhere | null;
}

export const SESSION_FILTER: FilterSpec = {
  table: 'session',
  nodeType: 'Session',
  fields: {
    id: { kind: 'id' },
    title: { kind: 'string', column: 'title_fold' },
    kind: { kind: 'enum', column: 'kind' },
    date: { kind: 'date', column: 'date_from' },
    forum: { kind: 'one', column: 'forum_id', target: () => FORUM_FILTER },
    speakers: {
      kind: 'many',
      target: () => SPEAKER_FILTER,
      from: (alias) => `participation ${alias}_p JOIN speaker ${alias} ON ${alias}.id = ${alias}_p.speaker_id`,
      on: (alias, parent) => `${alias}_p.session_id = ${parent}.id`,
    },
  },
};

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
