import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Forum } from './forum.entity';
import { FORUM_FILTER } from '../programme/programme.where';

export const ForumConnection = ConnectionType(Forum, 'Forum');

@InputType({ description: 'One key per element: orderBy: [{startDate: DESC}, {title: ASC}]. Default: startDate, then title.' })
export class ForumOrderBy {
  @Field(() => SortOrder, { nullable: true })
  title?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  edition?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  startDate?: SortOrder;
}

export const FORUM_SORT: Record<keyof ForumOrderBy, SortField> = {
  title: { sql: 't.title_fold', nullable: false, text: true },
  edition: { sql: 't.edition', nullable: true, text: false },
  startDate: { sql: 't.start_date_from', nullable: true, text: true },
};
export const FORUM_DEFAULT_ORDER = [{ startDate: SortOrder.ASC }, { title: SortOrder.ASC }];

export const FORUM_LISTING: Listing<Forum> = { entity: Forum, sort: FORUM_SORT, defaultOrder: FORUM_DEFAULT_ORDER, filter: () => FORUM_FILTER };

