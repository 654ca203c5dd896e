import { SortOrder } from '../../shared/enums';
import { defineListing } from '../../shared/listing';
import { Publication } from './publication.entity';
import { Quote } from './quote.entity';

export const PUBLICATION_LISTING = defineListing(Publication, {
  orderBy: {
    description: 'One key per element. Default: publishedAt descending (newest first, undated last), then title.',
    fields: {},
    default: [{ publishedAt: SortOrder.DESC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Publications matching every field given. AND, OR and NOT combine filters.',
    fields: {},
  },
});

export const QUOTE_LISTING = defineListing(Quote, {});
