/**
 * The one seam between SQLite and PostgreSQL. Every statement is written with `?` placeholders
 * and portable SQL; the few places where the two differ go through here.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Whether a generated id that a rolled-back transaction took can be given to another row later
   * (SQLite: the rowid after the largest committed; PostgreSQL: never, a sequence does not roll back).
   */
  readonly rolledBackIdsReused: boolean;
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
  /** The JSON value as the statement's result: its UTF-8 bytes where the driver hands them over as they are (SQLite: a BLOB, a Buffer), else text. */
  jsonResult(expr: string): string;
  /** Whether an ordered subquery's rows reach an aggregate over it in their order (else `jsonAgg` is given an order). */
  readonly keepsSubqueryOrder: boolean;
  /**
   * How the selection compiler writes the JSON arrays of a page's rows (a connection's nodes,
   * edges, cursors): `aggregate`, jsonAgg in the SELECT that has the rows in its FROM;
   * `subquery`, the rows named in a WITH and each array an ARRAY subquery over them, ordered by
   * the sort keys the rows carry as columns (JsonSql.orderColumns; so only where
   * keepsSubqueryOrder is false; PostgreSQL's ARRAY).
   */
  readonly pageArrays: 'aggregate' | 'subquery';
  /** JSON true or false, as `condition` holds. */
  jsonBoolean(condition: string): string;
  /** A column's value as JSON (where a CASE puts it beside JSON built in SQL). */
  jsonValue(expr: string): string;
  /** A float as JSON that keeps every digit (SQLite writes a REAL into JSON with 15), or NULL. */
  exactFloat(expr: string): string;
  /** The first or last element of a JSON array, NULL for an empty one. */
  jsonElement(array: string, which: 'first' | 'last'): string;
  /** Whether the database writes JSON text as JSON.stringify does (no spaces, keys in order). */
  readonly compactJson: boolean;
  /**
   * The tail of a SELECT in a write transaction that locks the rows it reads until the commit.
   * Empty on SQLite, whose write transactions begin IMMEDIATE and so hold the write lock already.
   */
  readonly lockRows: string;
  /** The statements that leave fresh planner statistics (and, on PostgreSQL, visibility maps) of `tables` (see analyzeTables); none may run in a transaction. */
  analyze(tables: readonly string[]): string[];
  /** The most values one statement binds: a statement of many rows is cut into chunks below it (chunksOf). */
  readonly maxBoundParameters: number;
  /**
   * The ORDER BY terms of `expr` sorted `direction` with nulls as its largest value (last when
   * ascending, first when descending). PostgreSQL writes NULLS LAST/FIRST, which its indexes
   * serve. SQLite's indexes hold nulls first, so none can serve NULLS LAST: for a top-level list
   * with no filter (`unfiltered`) it sorts on `coalesce(expr, x'')` (a BLOB is larger than any
   * number or text), which an index on that expression serves (migration 1765900000000; before
   * it `(expr IS NULL, expr, …)`, which a planner with STAT4 samples read a date range through by
   * skip-scan, 8x slower). Other lists keep NULLS LAST. A range read
   * from the column's own index then comes in order but for ties, where a key on `IS NULL` (or coalesce) would
   * make SQLite sort the whole range; and a list under a parent reads through the parent's index,
   * which an index in the list's order would compete with (as a name index of speakers did: SQLite
   * scanned it whole for each of 100 forums, 29 s; see migration 1765700000000).
   */
  nullsLargest(expr: string, direction: 'ASC' | 'DESC', unfiltered: boolean): string;
}

/** `expr direction` with nulls as its largest value, as both databases write it. */
const nullsClause = (expr: string, direction: 'ASC' | 'DESC') => `${expr} ${direction} ${direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST'}`;

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  rolledBackIdsReused: true,
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
  // A BLOB comes to JS as a Buffer of the bytes SQLite wrote: no UTF-8 → UTF-16 → UTF-8 on the way out.
  jsonResult: (expr) => `CAST(${expr} AS BLOB)`,
  keepsSubqueryOrder: true,
  pageArrays: 'aggregate',
  jsonBoolean: (condition) => `CASE WHEN ${condition} THEN json('true') ELSE json('false') END`,
  jsonValue: (expr) => expr,
  exactFloat: (expr) => `CASE WHEN ${expr} IS NULL THEN NULL ELSE printf('%!.17g', ${expr}) END`,
  jsonElement: (array, which) => `json_extract(${array}, '${which === 'first' ? '$[0]' : '$[#-1]'}')`,
  compactJson: true,
  lockRows: '',
  // sqlite_stat1 for each table's indexes, then what the statistics of the rest need (SQLite 3.46+ bounds its work).
  analyze: (tables) => [...tables.map((table) => `ANALYZE ${table}`), 'PRAGMA optimize'],
  // SQLITE_MAX_VARIABLE_NUMBER: 32766 since SQLite 3.32, 999 before it and in builds that keep the old default.
  maxBoundParameters: 999,
  // A BLOB sorts after every number and text: NULL made one is the largest value.
  nullsLargest: (expr, direction, unfiltered) => (unfiltered ? `coalesce(${expr}, x'') ${direction}` : nullsClause(expr, direction)),
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  rolledBackIdsReused: false,
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
  jsonResult: (expr) => `CAST(${expr} AS text)`,
  keepsSubqueryOrder: false,
  // An ordered json_agg sorts, inside the aggregate, every value it is given: for a page, each
  // object built with all that is nested in it. An ARRAY subquery ordered by the sort keys its
  // derived table was sorted by takes the rows as they come: PostgreSQL sorts nothing again.
  pageArrays: 'subquery',
  jsonBoolean: (condition) => `(${condition})`,
  jsonValue: (expr) => `to_json(${expr})`,
  // PostgreSQL writes float8 as the shortest text that reads back the same.
  exactFloat: (expr) => expr,
  jsonElement: (array, which) => `(${array}) -> ${which === 'first' ? 0 : -1}`,
  // json_build_object writes `{"a" : 1}`.
  compactJson: false,
  lockRows: ' FOR UPDATE',
  // VACUUM too: a freshly written table has no visibility map, so until a VACUUM every index-only
  // scan reads the table's rows as well (autovacuum's comes late, or never where it is off).
  analyze: (tables) => [`VACUUM (ANALYZE) ${tables.join(', ')}`],
  // The protocol's Bind message counts parameters in 16 bits.
  maxBoundParameters: 65_535,
  nullsLargest: (expr, direction) => nullsClause(expr, direction),
};

/**
 * `items` cut into runs of consecutive items, each binding at most `dialect.maxBoundParameters`
 * values at `perItem` values an item: the rows of one multi-row statement each.
 */
export function chunksOf<T>(dialect: Dialect, items: readonly T[], perItem: number): T[][] {
  const size = Math.max(1, Math.floor(dialect.maxBoundParameters / Math.max(1, perItem)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The dialect of a connection: PostgreSQL's for a postgres data source, SQLite's otherwise. */
export function dialectOf(connection: { options: { type: string } }): Dialect {
  return connection.options.type === 'postgres' ? postgresDialect : sqliteDialect;
}

/** A table's name as the statements write it. */
const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Leaves fresh planner statistics of `tables` after a bulk load (the synthetic generator, the
 * seed loader, an import): PostgreSQL's autovacuum analyzes a table only after enough changes
 * and some time, and SQLite never does, so the first queries after a load would be planned on
 * the statistics of the empty tables; nor does PostgreSQL mark their pages all-visible before a
 * VACUUM, so an index-only scan (the calendar's totalCount, a cluster's members) would read the
 * table too. Run outside the load's transaction (VACUUM refuses to run in one), once it committed.
 */
export async function analyzeTables(connection: { query(sql: string): Promise<unknown> }, dialect: Dialect, tables: Iterable<string>): Promise<void> {
  const names = [...new Set(tables)];
  const bad = names.filter((table) => !TABLE_NAME.test(table));
  if (bad.length > 0) {
    throw Object.assign(new Error(`analyzeTables: expected table names of a-z, 0-9 and _; received ${bad.map((table) => JSON.stringify(table)).join(', ')}`), { code: 'INVALID_TABLE_NAME' });
  }
  if (names.length === 0) return;
  for (const statement of dialect.analyze(names)) await connection.query(statement);
}
