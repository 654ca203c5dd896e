import type { FieldNode, GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { PartialDate } from '../shared/partial-date';
import type { EntityClass } from '../shared/entity-table';
import { CompiledFallback, type MarkFix } from './marks';
import { type JsonObject, Unsupported } from './sql';

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

/**
 * PartialDate's fields (`fields`: the selection collected on `type`), from the stored ISO text as
 * PartialDate.parse reads it. A null where the schema says non-null makes the resolvers answer.
 */
export function partialDateFix(type: GraphQLObjectType, fields: ReadonlyMap<string, FieldNode>, required: boolean): MarkFix {
  const names = [...fields].map(([key, node]) => [key, node.name.value] as const);
  for (const [, name] of names) if (name !== '__typename' && !type.getFields()[name]) throw new Unsupported();
  return (value) => {
    const date = PartialDate.parse(value as string | null);
    if (date === null) {
      if (required) throw new CompiledFallback();
      return null;
    }
    const out: JsonObject = {};
    for (const [key, name] of names) out[key] = name === '__typename' ? type.name : date[name as keyof PartialDate];
    return out;
  };
}
