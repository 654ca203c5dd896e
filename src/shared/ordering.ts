import { BadUserInputError, describeValue } from './errors';
import type { SortKey } from './pagination';
import type { SortOrder } from './enums';

/** A field a list can be ordered by: its SQL expression and how it compares. */
export interface SortField {
  sql: string;
  nullable: boolean;
  text: boolean;
}

export type OrderByInput = object;

/** The tie-breaker that ends every ordering: the primary key, unique and never null. */
const ID_KEY: SortKey = { sql: 't.id', direction: 'ASC', nullable: false, text: true };

/**
 * Turns `orderBy: [{startDate: DESC}, {title: ASC}]` into sort keys, one field per element,
 * always ending on the primary key so that pages never skip or repeat a row.
 */
export function toSortKeys(
  orderBy: readonly OrderByInput[] | null | undefined,
  fields: Record<string, SortField>,
  defaults: readonly OrderByInput[],
  argument = 'orderBy',
): SortKey[] {
  const list = orderBy && orderBy.length > 0 ? orderBy : defaults;
  const keys = list.map((element, i) => {
    const set = Object.entries(element as Record<string, SortOrder | null | undefined>).filter(([, direction]) => direction != null);
    if (set.length !== 1) {
      throw new BadUserInputError(
        `${argument}[${i}]: expected exactly one field per element, e.g. [{${Object.keys(fields)[0]}: ASC}]; received ${describeValue(element)}`,
        `${argument}[${i}]`,
      );
    }
    const [name, direction] = set[0];
    const field = fields[name];
    return { sql: field.sql, direction: direction as 'ASC' | 'DESC', nullable: field.nullable, text: field.text };
  });
  return [...keys, ID_KEY];
}
