import { SortOrder } from '../../shared/enums';
import { defineListing, filter, searchField, sort } from '../../shared/listing';
import { Publication } from './publication.entity';
import { Quote } from './quote.entity';

export const PUBLICATION_LISTING = defineListing(Publication, {
  search: [
    searchField.own('title', 'title', { head: true }),
    searchField.own('lead', 'lead'),
    searchField.own('body', 'body'),
  ],
  exports: ['id', 'title', 'kind', ['published_at', 'publishedAt.iso'], 'sourceUrl', 'lead', 'note', 'body'],
  orderBy: {
    description: 'One key per element. Default: publishedAt descending (newest first, undated last), then title.',
    fields: {
      title: sort.text('title_fold'),
      publishedAt: sort.text('published_at_from', { nullable: true }),
    },
    default: [{ publishedAt: SortOrder.DESC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Publications matching every field given. AND, OR and NOT combine filters.',
    fields: {
      id: filter.id(),
      title: filter.string('title_fold'),
      publishedAt: filter.date('published_at_from'),
    },
  },
});

export const QUOTE_LISTING = defineListing(Quote, { search: [searchField.own('text', 'text')] });
