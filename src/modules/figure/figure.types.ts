import { SortOrder } from '../../shared/enums';
import { defineListing } from '../../shared/listing';
import { Figure } from './figure.entity';

export const FIGURE_LISTING = defineListing(Figure, {
  exports: [['subject_id', 'subject.id'], ['subject_type', 'subject.__typename']],
  orderBy: {
    description: 'One key per element. Default: date, then metric.',
    fields: {},
    default: [{ date: SortOrder.ASC }, { metric: SortOrder.ASC }],
  },
});
