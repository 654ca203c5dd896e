import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Session } from './session.entity';
import { SESSION_FILTER } from '../programme/programme.where';

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

/** Each (forum, speaker) pair once: who took part in any session of which forum. */
export const FORUM_SPEAKER_PAIRS = `(SELECT DISTINCT s.forum_id AS forum_id, p.speaker_id AS speaker_id
  FROM participation p JOIN session s ON s.id = p.session_id)`;
