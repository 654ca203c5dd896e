import { PublicationKind } from '../publication/publication.entity';
import { PUBLICATION_LISTING } from '../publication/publication.types';
import { defineStats, key, measure, statsDate } from './stats.define';

const PUBLISHED_AT = statsDate('publishedAt');

export const PUBLICATION_STATS = defineStats('Publication', {
  noun: ['publication', 'publications'],
  listing: PUBLICATION_LISTING,
  keys: { KIND: key.column('kind', () => PublicationKind), YEAR: key.year(PUBLISHED_AT), MONTH: key.month(PUBLISHED_AT) },
  measures: measure.range(PUBLISHED_AT),
});
