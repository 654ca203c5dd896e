import { SortOrder } from '../../shared/enums';
import { defineListing } from '../../shared/listing';
import { Figure } from './figure.entity';

export const FIGURE_LISTING = defineListing(Figure, {
  orderBy: {
    description: 'One key per element. Default: date, then metric.',
    fields: {
      date: { sql: 't.date_from', nullable: true, text: true },
      metric: { sql: 't.metric', nullable: false, text: true },
    },
    default: [{ date: SortOrder.ASC }, { metric: SortOrder.ASC }],
  },
});
