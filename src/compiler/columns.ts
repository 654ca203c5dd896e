import type { GraphQLEnumType } from 'graphql';
import type { EntityClass } from '../shared/entity-table';
import { CompiledFallback, type MarkFix } from './marks';

/* What the compiler may read from a column as it is, and how. */

/** Whether an enum's values are stored as their names (then the column is the answer; a renamed value is never compiled). */
export function storedByName(type: GraphQLEnumType): boolean {
  return type.getValues().every((v) => v.value === v.name);
}

/** Whether `name` is a getter of the entity's class (`id`, a partial date), not a resolver's field. */
export function isGetter(entity: EntityClass, name: string): boolean {
  return typeof Object.getOwnPropertyDescriptor(entity.prototype, name)?.get === 'function';
}

/**
 * A float from its exact text (null stays null). A value JSON cannot hold (SQLite's Inf, -Inf)
 * makes the resolvers answer, which report it as the field's error, as for an Int out of range.
 */
export const toFloat: MarkFix = (v) => {
  if (v === null) return null;
  const value = Number(v);
  if (!Number.isFinite(value)) throw new CompiledFallback();
  return value;
};
