import { Field, InputType } from 'type-graphql';
import type { Listing } from '../../shared/relations';
import { ConnectionType } from '../../shared/connection';
import { SortOrder } from '../../shared/enums';
import type { SortField } from '../../shared/ordering';
import { Figure } from './figure.entity';

export const FigureConnection = ConnectionType(Figure, 'Figure');

@InputType({ description: 'One key per element. Default: date, then metric.' })
export class FigureOrderBy {
  @Field(() => SortOrder, { nullable: true })
  date?: SortOrder;

  @Field(() => SortOrder, { nullable: true })
  metric?: SortOrder;
}

export const FIGURE_SORT: Record<keyof FigureOrderBy, SortField> = {
  date: { sql: 't.date_from', nullable: true, text: true },
  metric: { sql: 't.metric', nullable: false, text: true },
};
export const FIGURE_DEFAULT_ORDER = [{ date: SortOrder.ASC }, { metric: SortOrder.ASC }];

export const FIGURE_LISTING: Listing<Figure> = { entity: Figure, sort: FIGURE_SORT, defaultOrder: FIGURE_DEFAULT_ORDER };
