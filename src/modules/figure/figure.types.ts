import { SortOrder } from '../../shared/enums';
import { defineListing, sort } from '../../shared/listing';
import { Figure } from './figure.entity';

export const FIGURE_LISTING = defineListing(Figure, {
  exports: ['id', 'metric', 'value', 'unit', 'qualifier', ['date', 'date.iso'], ['subject_id', 'subject.id'], ['subject_type', 'subject.__typename']],
  orderBy: {
    description: 'One key per element. Default: date, then metric.',
    fields: {
      date: sort.text('date_from', { nullable: true }),
      metric: sort.text('metric'),
    },
    default: [{ date: SortOrder.ASC }, { metric: SortOrder.ASC }],
  },
});
