import type { SqlCondition } from '../shared/list-query';

/** A piece of SQL with its `?` parameters, in the order they appear. */
export class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[] = [],
  ) {}

  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));
  }
}

/** Writes SQL with interpolated pieces: an `Sql` brings its parameters, a string is trusted text. */
export function sql(strings: TemplateStringsArray, ...values: (Sql | string)[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else text += value;
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

export const param = (value: unknown) => new Sql('?', [value]);
export const condition = (c: SqlCondition | undefined) => (c ? new Sql(`(${c.sql})`, c.params) : null);

/** The operation cannot be compiled: the resolvers run it. */
export class Unsupported extends Error {}

/** Whether `error` leaves a field to the resolvers: Unsupported, or a bad argument (they refuse it with their own message). */
export function leftToResolvers(error: unknown): boolean {
  return error instanceof Unsupported || (error as { extensions?: { code?: string } } | null)?.extensions?.code === 'BAD_USER_INPUT';
}

export type JsonObject = Record<string, unknown>;
