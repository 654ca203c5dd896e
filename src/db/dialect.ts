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
  /** The rows `(__p)` of one array parameter (bound with `arrayParam`), for a join per parent. */
  arrayRows(): string;
  /**
   * Joins, to each row of the query before it, the rows of `table` (aliased `t`) that
   * `query` picks for that row: `query` is a `FROM ... WHERE ... ORDER BY ... LIMIT` tail over
   * `t` that may refer to the outer row (an index read per parent, not a window over all).
   */
  joinEach(table: string, query: string): string;
  /** JSON built in SQL (the selection compiler): an object of `key, value, ...` pairs. */
  jsonObject(pairs: string): string;
  jsonArray(items: string): string;
  /**
   * The values of `expr` over the rows as a JSON array ([] for none), in the order of `order`
   * (an expression of the rows), or, where `order` is null, in the order the rows come.
   */
  jsonAgg(expr: string, order: string | null): string;
  /** The JSON value as text. */
  jsonText(expr: string): string;
  /** Whether an ordered subquery's rows reach an aggregate over it in their order (else `jsonAgg` is given an order). */
  readonly keepsSubqueryOrder: boolean;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  placeholders: (sql) => sql,
  inArray: (expr) => `${expr} IN (SELECT value FROM json_each(?))`,
  arrayParam: (values) => JSON.stringify(values),
  binary: (expr) => expr,
  arrayRows: () => 'SELECT value AS __p FROM json_each(?)',
  // SQLite has no LATERAL; a correlated IN (... LIMIT) runs per outer row.
  joinEach: (table, query) => `JOIN ${table} t ON t.rowid IN (SELECT t.rowid ${query})`,
  jsonObject: (pairs) => `json_object(${pairs})`,
  jsonArray: (items) => `json_array(${items})`,
  // SQLite never flattens a subquery with ORDER BY into an aggregate query, so the rows of an
  // ordered subquery reach json_group_array in their order.
  jsonAgg: (expr, order) => `json_group_array(${expr}${order ? ` ORDER BY ${order}` : ''})`,
  jsonText: (expr) => expr,
  keepsSubqueryOrder: true,
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
  arrayRows: () => 'SELECT unnest(CAST(? AS text[])) AS __p',
  joinEach: (_table, query) => `CROSS JOIN LATERAL (SELECT t.* ${query}) t`,
  jsonObject: (pairs) => `json_build_object(${pairs})`,
  jsonArray: (items) => `json_build_array(${items})`,
  jsonAgg: (expr, order) => `COALESCE(json_agg(${expr}${order ? ` ORDER BY ${order}` : ''}), CAST('[]' AS json))`,
  jsonText: (expr) => `CAST(${expr} AS text)`,
  keepsSubqueryOrder: false,
};
