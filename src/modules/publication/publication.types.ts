import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Publication } from './publication.entity';
import { Quote } from './quote.entity';
import { DateFilter, IdFilter, StringFilter } from '../../shared/filters';
import type { FilterSpec } from '../../shared/where';

export const PublicationConnection = ConnectionType(Publication, 'Publication');
export const QuoteConnection = ConnectionType(Quote, 'Quote');

@InputType({ description: 'One key per element. Default: publishedAt descending (newest first, undated last), then title.' })
export class PublicationOrderBy {
  @Field(() => SortOrder, { nullable: true })
  title?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  publishedAt?: SortOrder;
}

export const PUBLICATION_SORT: Record<keyof PublicationOrderBy, SortField> = {
  title: { sql: 't.title_fold', nullable: false, text: true },
  publishedAt: { sql: 't.published_at_from', nullable: true, text: true },
};
export const PUBLICATION_DEFAULT_ORDER = [{ publishedAt: SortOrder.DESC }, { title: SortOrder.ASC }];

export const PUBLICATION_LISTING: Listing<Publication> = { entity: Publication, sort: PUBLICATION_SORT, defaultOrder: PUBLICATION_DEFAULT_ORDER, filter: () => PUBLICATION_FILTER };

export const QUOTE_LISTING: Listing<Quote> = { entity: Quote, sort: {}, defaultOrder: [] };

@InputType({ description: 'Publications matching every field given. AND, OR and NOT combine filters.' })
export class PublicationWhere {
  @Field(() => IdFilter, { nullable: true })
  id?: IdFilter | null;

  @Field(() => StringFilter, { nullable: true })
  title?: StringFilter | null;

  @Field(() => DateFilter, { nullable: true })
  publishedAt?: DateFilter | null;

  @Field(() => [PublicationWhere], { nullable: true })
  AND?: PublicationWhere[] | null;

  @Field(() => [PublicationWhere], { nullable: true })
  OR?: PublicationWhere[] | null;

  @Field(() => [PublicationWhere], { nullable: true })
  NOT?: PublicationWhere[] | null;
}

export const PUBLICATION_FILTER: FilterSpec = {
  table: 'publication',
  nodeType: 'Publication',
  fields: {
    id: { kind: 'id' },
    title: { kind: 'string', column: 'title_fold' },
    publishedAt: { kind: 'date', column: 'published_at_from' },
  },
};
