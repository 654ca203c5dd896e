import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Forum } from './forum.entity';
import { DateFilter, IdFilter, IntFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';
import { REGION_FILTER, RegionWhere } from '../region/region.types';
import { SESSION_FILTER, SessionListFilter } from '../session/session.types';

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
