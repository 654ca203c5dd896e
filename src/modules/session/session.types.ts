import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Session } from './session.entity';
import { DateFilter, IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { FORUM_FILTER, ForumWhere } from '../forum/forum.types';
import { SPEAKER_FILTER, SpeakerListFilter } from '../speaker/speaker.types';
import { SessionKind } from './session.entity';

export const SessionConnection = ConnectionType(Session, 'Session');

@InputType({ description: 'One key per element. Default: date, then title.' })
export class SessionOrderBy {
  @Field(() => SortOrder, { nullable: true })
  title?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  date?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  kind?: SortOrder;
}

export const SESSION_SORT: Record<keyof SessionOrderBy, SortField> = {
  title: { sql: 't.title_fold', nullable: false, text: true },
  date: { sql: 't.date_from', nullable: true, text: true },
  kind: { sql: 't.kind', nullable: false, text: true },
};
export const SESSION_DEFAULT_ORDER = [{ date: SortOrder.ASC }, { title: SortOrder.ASC }];

export const SESSION_LISTING: Listing<Session> = { entity: Session, sort: SESSION_SORT, defaultOrder: SESSION_DEFAULT_ORDER, filter: () => SESSION_FILTER };

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

/** Each (forum, speaker) pair once: who took part in any session of which forum. */
export const FORUM_SPEAKER_PAIRS = `(SELECT DISTINCT s.forum_id AS forum_id, p.speaker_id AS speaker_id
  FROM participation p JOIN session s ON s.id = p.session_id)`;
