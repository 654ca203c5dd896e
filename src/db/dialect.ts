/**
 * The one seam between SQLite and PostgreSQL. Every statement is written with `?` placeholders
 * and portable SQL; the few places where the two differ go through here.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Rewrites `?` placeholders to the driver's own form. */
  placeholders(sql: string): string;
  /** `expr IN (the values of one array parameter)`: one parameter however many keys a batch has. */
  inArray(expr: string): string;
  /** The value to bind for `inArray`. */
  arrayParam(values: readonly (string | number)[]): unknown;
  /** An expression compared and sorted by code point, the same on both databases. */
  binary(expr: string): string;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  placeholders: (sql) => sql,
  inArray: (expr) => `${expr} IN (SELECT value FROM json_each(?))`,
  arrayParam: (values) => JSON.stringify(values),
  binary: (expr) => expr,
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  placeholders: (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  },
  inArray: (expr) => `${expr} = ANY(?)`,
  arrayParam: (values) => values,
  binary: (expr) => `${expr} COLLATE "C"`,
};
