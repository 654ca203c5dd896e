import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Publication } from './publication.entity';
import { Quote } from './quote.entity';

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

export const PUBLICATION_LISTING: Listing<Publication> = { entity: Publication, sort: PUBLICATION_SORT, defaultOrder: PUBLICATION_DEFAULT_ORDER };

export const QUOTE_LISTING: Listing<Quote> = { entity: Quote, sort: {}, defaultOrder: [] };
