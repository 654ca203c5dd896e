import { registerEnumType } from 'type-graphql';

/** The values of an enum made by `defineEnum`, as a type: `type SortOrder = EnumValue<typeof SortOrder>`. */
export type EnumValue<E> = E[keyof E];

/**
 * A GraphQL enum whose values are their names (as the database stores them), declared once: the
 * object of its values (`SortOrder.ASC`) is registered with type-graphql under `name`, with the
 * descriptions given.
 */
export function defineEnum<const V extends string>(
  name: string,
  values: readonly V[],
  config: { description?: string; values?: Partial<Record<V, string>> } = {},
): { readonly [K in V]: K } {
  const object = Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as { readonly [K in V]: K };
  const described = Object.entries(config.values ?? {}) as [V, string][];
  registerEnumType(object, {
    name,
    ...(config.description === undefined ? {} : { description: config.description }),
    ...(described.length === 0 ? {} : { valuesConfig: Object.fromEntries(described.map(([value, description]) => [value, { description }])) as Partial<Record<V, { description: string }>> }),
  });
  return object;
}

/** The GraphQL name of a type's value in an enum of types: `ClusterEvent` is CLUSTER_EVENT. */
export const enumNameOf = (type: string) => type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase();

/**
 * A GraphQL enum of type names (NodeKind, SearchableType): each type's value is named by
 * `enumNameOf` and stands for the type's name itself, so a resolver receives `ClusterEvent`.
 */
export function defineTypeEnum<const V extends string>(name: string, types: readonly V[], description: string): Readonly<Record<string, V>> {
  const object = Object.freeze(Object.fromEntries(types.map((type) => [enumNameOf(type), type]))) as Readonly<Record<string, V>>;
  registerEnumType(object, { name, description });
  return object;
}

export const SortOrder = defineEnum('SortOrder', ['ASC', 'DESC']);
export type SortOrder = EnumValue<typeof SortOrder>;
