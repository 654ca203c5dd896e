import type { Dialect } from '../db/dialect';
import type { Row, Sql } from '../db/sql';
import { invariant } from './errors';
import { type PageRequest, type SortKey, encodeCursor, orderSignature } from './pagination';

/** A condition with its bound parameters. Values never enter the SQL text. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** What a list reads: the rows, how they hang off their parent, and their order. */
export interface ListSource {
  /** FROM clause; the listed table is aliased `t`. */
  from: string;
  /** Select list of the listed table's columns (see EntityTable.select). */
  select: string;
  /** The names `select` gives its columns, in order. */
  columns: readonly string[];
  /**
   * The listed table, whose rows have an `id` key: the windows sort only the keys and the id,
   * and the columns of `select` are joined to the rows kept (narrow sorts).
   */
  table: string;
  /** The expression that names each row's parent, for nested lists. */
  parent?: string;
  /** A fixed condition of the relation, e.g. `t.node_type = 'Forum'`. */
  where?: SqlCondition;
  keys: readonly SortKey[];
}

/** One parent's page: rows in order, with the facts pageInfo and totalCount need. */
export interface Page {
  rows: Row[];
  /** The cursor of row `i`: made when asked for (edges, pageInfo), not for every row read. */
  cursor(i: number): string;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

export const EMPTY_PAGE: Page = {
  rows: [],
  cursor: () => {
    throw new RangeError('an empty page has no cursors');
  },
  hasNextPage: false,
  hasPreviousPage: false,
  totalCount: 0,
};

const KEY = (i: number) => `__k${i}`;

/** `key` compared by code point where it is text, so both databases order text alike. */
function keyExpr(dialect: Dialect, key: SortKey, expr: string): string {
  return key.text ? dialect.binary(expr) : expr;
}

/** Rows strictly after `values` in the order of `keys` (before, when `reverse`); nulls sort largest. */
export function afterCondition(dialect: Dialect, keys: readonly SortKey[], values: unknown[], reverse: boolean): SqlCondition {
  const params: unknown[] = [];
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    const partParams: unknown[] = [];
    let possible = true;
    for (let j = 0; j <= i; j++) {
      const key = keys[j];
      const expr = keyExpr(dialect, key, key.sql);
      const value = values[j];
      if (j < i) {
        if (value === null) parts.push(`${key.sql} IS NULL`);
        else {
          parts.push(`${expr} = ?`);
          partParams.push(value);
        }
        continue;
      }
      const ascending = (key.direction === 'ASC') !== reverse;
      if (ascending) {
        if (value === null) possible = false;
        else {
          parts.push(key.nullable ? `(${expr} > ? OR ${key.sql} IS NULL)` : `${expr} > ?`);
          partParams.push(value);
        }
      } else if (value === null) parts.push(`${key.sql} IS NOT NULL`);
      else {
        parts.push(`${expr} < ?`);
        partParams.push(value);
      }
    }
    if (!possible) continue;
    alternatives.push(`(${parts.join(' AND ')})`);
    params.push(...partParams);
  }
  return { sql: alternatives.length > 0 ? alternatives.join(' OR ') : '1 = 0', params };
}

/**
 * ORDER BY the keys, each named by `name(key, i)` (by default `alias.__k<i>`); nulls sort as the
 * largest value, written for the indexes of a list with no filter where `unfiltered`
 * (Dialect.nullsLargest).
 */
export function orderClause(
  dialect: Dialect,
  keys: readonly SortKey[],
  alias: string,
  reverse: boolean,
  name: (key: SortKey, i: number) => string = (_key, i) => `${alias}.${KEY(i)}`,
  unfiltered = false,
): string {
  return keys
    .map((key, i) => {
      const direction = (key.direction === 'ASC') !== reverse ? 'ASC' : 'DESC';
      const expr = keyExpr(dialect, key, name(key, i));
      return key.nullable ? dialect.nullsLargest(expr, direction, unfiltered) : `${expr} ${direction}`;
    })
    .join(', ');
}

/** Sort keys the per-parent read can name outside its subquery: columns of the listed table. */
const OWN_COLUMN = /^t\.\w+$/;

/**
 * Forward pages of a nested list (`first`, maybe `after`) read per parent: for each parent the
 * first rows in key order, through the parent's index, then their columns (`Dialect.joinEach`);
 * a GROUP BY per parent gives totalCount and whether rows precede the cursor. A window over every
 * parent's rows (what `fetchPages` does otherwise) sorts all of them to keep a few: for 50 forums
 * × 10 sessions it read and sorted 1,000 rows with their titles; this reads the 550 it returns.
 * Page rows come in no order (toPages sorts them); summary rows carry `__total`.
 */
function perParentStatement(dialect: Dialect, source: ListSource, parents: readonly string[], page: PageRequest): { text: string; params: unknown[] } {
  const parent = source.parent!;
  const where = source.where ? ` AND (${source.where.sql})` : '';
  const whereParams = source.where?.params ?? [];
  const after = page.after === null ? null : afterCondition(dialect, source.keys, page.after, false);
  const keyNames = source.keys.map((_, i) => KEY(i));
  const keySelect = source.keys.map((key, i) => `${key.sql} AS ${KEY(i)}`).join(', ');
  const nulls = [...source.columns, ...keyNames].map((name) => `NULL AS "${name}"`).join(', ');
  const pick = `FROM ${source.from} WHERE ${parent} = p.__p${where}${after ? ` AND (${after.sql})` : ''}
      ORDER BY ${orderClause(dialect, source.keys, 't', false, (key) => key.sql)} LIMIT ?`;
  const counts = after
    ? `SUM(CASE WHEN ${after.sql} THEN 0 ELSE 1 END) AS __pre, 0 AS __post, SUM(CASE WHEN ${after.sql} THEN 1 ELSE 0 END) AS __n`
    : '0 AS __pre, 0 AS __post, COUNT(*) AS __n';
  // No ORDER BY: sorting the page rows with their columns cost SQLite more than the reads;
  // toPages orders each parent's few rows by their keys.
  const text = `WITH p AS (${dialect.arrayRows()})
  SELECT ${source.select}, ${keySelect}, p.__p AS __p,
      NULL AS __total, NULL AS __pre, NULL AS __post, NULL AS __n
    FROM p ${dialect.joinEach(source.table, pick)}
  UNION ALL
  SELECT ${nulls}, ${parent} AS __p, COUNT(*) AS __total, ${counts}
    FROM ${source.from} WHERE ${dialect.inArray(parent)}${where} GROUP BY ${parent}`;
  const params = [
    dialect.arrayParam(parents),
    ...whereParams,
    ...(after?.params ?? []),
    page.limit,
    ...(after ? [...after.params, ...after.params] : []),
    dialect.arrayParam(parents),
    ...whereParams,
  ];
  return { text, params };
}

/**
 * Reads one page of a list for every parent in one statement. The rows that match are numbered
 * per parent after the cursors (ROW_NUMBER over ids and sort keys only) and the page's rows are
 * joined to their columns; one summary row per parent (UNION ALL, a GROUP BY over the same
 * rows) carries what totalCount and pageInfo need. Only page rows and summaries leave the
 * database: turning rows into JS objects is most of a statement's cost in node-sqlite3, so no
 * per-row bookkeeping columns are returned. With `parents` null the list is top-level.
 */
export async function fetchPages(
  sql: Sql,
  source: ListSource,
  parents: readonly string[] | null,
  page: PageRequest,
): Promise<Map<string, Page>> {
  const { dialect } = sql;
  if (parents !== null && !page.backward && page.before === null && source.keys.every((key) => OWN_COLUMN.test(key.sql))) {
    const { text, params } = perParentStatement(dialect, source, parents, page);
    return toPages(await sql.query(text, params), source.keys, page);
  }
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (parents !== null) {
    invariant(source.parent, 'a nested list needs a parent expression');
    conditions.push(dialect.inArray(source.parent));
    params.push(dialect.arrayParam(parents));
  }
  if (source.where) {
    conditions.push(`(${source.where.sql})`);
    params.push(...source.where.params);
  }
  const flag = (values: unknown[] | null, reverse: boolean) => {
    if (values === null) return { sql: '1', params: [] as unknown[] };
    const condition = afterCondition(dialect, source.keys, values, reverse);
    return { sql: `CASE WHEN ${condition.sql} THEN 1 ELSE 0 END`, params: condition.params };
  };
  const afterFlag = flag(page.after, false);
  const beforeFlag = flag(page.before, true);
  const parentExpr = parents !== null ? source.parent! : `''`;
  const keyColumns = source.keys.map((key, i) => `${key.sql} AS ${KEY(i)}`).join(', ');
  const keyNames = source.keys.map((_, i) => KEY(i));
  const inner = `SELECT t.id AS __id, ${parentExpr} AS __p, ${keyColumns},
      ${afterFlag.sql} AS __a, ${beforeFlag.sql} AS __b
    FROM ${source.from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  const innerParams = [...afterFlag.params, ...beforeFlag.params, ...params];
  const kept = `i.__id, i.__p, ${keyNames.map((k) => `i.${k}`).join(', ')}`;
  // Top-level: one partition, so the page is an ORDER BY ... LIMIT (a bounded sort, or an
  // index read in order) numbered afterwards; nested: numbered per parent.
  const numbered =
    parents === null
      ? `SELECT x.*, ROW_NUMBER() OVER (ORDER BY ${orderClause(dialect, source.keys, 'x', page.backward)}) AS __rn
    FROM (SELECT ${kept} FROM i WHERE i.__a = 1 AND i.__b = 1 ORDER BY ${orderClause(dialect, source.keys, 'i', page.backward)} LIMIT ?) x`
      : `SELECT ${kept}, ROW_NUMBER() OVER (PARTITION BY i.__p ORDER BY ${orderClause(dialect, source.keys, 'i', page.backward)}) AS __rn
    FROM i WHERE i.__a = 1 AND i.__b = 1`;
  // Summary rows have NULL in every column of a page row but the parent.
  const nulls = [...source.columns, ...keyNames].map((name) => `NULL AS "${name}"`).join(', ');
  const text = `WITH i AS (${inner}), w AS (${numbered})
  SELECT ${source.select}, ${keyNames.map((k) => `w.${k}`).join(', ')}, w.__p, w.__rn,
      NULL AS __total, NULL AS __pre, NULL AS __post, NULL AS __n
    FROM w JOIN ${source.table} t ON t.id = w.__id WHERE w.__rn <= ?
  UNION ALL
  SELECT ${nulls}, i.__p, NULL AS __rn,
      COUNT(*) AS __total, SUM(1 - i.__a) AS __pre, SUM(1 - i.__b) AS __post, SUM(i.__a * i.__b) AS __n
    FROM i GROUP BY i.__p`;
  const rows = await sql.query(text, [...innerParams, ...(parents === null ? [page.limit] : []), page.limit]);
  return toPages(rows, source.keys, page);
}

/**
 * Text as the databases order it (SQLite's BINARY, PostgreSQL's "C"): by code point. JS compares
 * UTF-16 units, which differs only where a surrogate (a code point above U+FFFF) meets U+E000-U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Rows in the order of `keys`, as orderClause orders them (nulls largest). */
function compareByKeys(keys: readonly SortKey[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a[KEY(i)] ?? null;
      const y = b[KEY(i)] ?? null;
      if (x === y) continue;
      let order: number;
      if (x === null) order = 1;
      else if (y === null) order = -1;
      else if (typeof x === 'string' && typeof y === 'string') order = compareText(x, y);
      else order = Number(x) - Number(y);
      if (order !== 0) return keys[i].direction === 'ASC' ? order : -order;
    }
    return 0;
  };
}

/**
 * The pages in the rows of a page statement: summary rows (`__total` set) and page rows,
 * numbered by `__rn`, or else put in the order of the keys here.
 */
function toPages(rows: Row[], keys: readonly SortKey[], page: PageRequest): Map<string, Page> {
  const keyNames = keys.map((_, i) => KEY(i));
  const signature = orderSignature(keys);
  const pages = new Map<string, Page>();
  const rowsOf = new Map<string, Row[]>();
  for (const row of rows) {
    const parent = String(row.__p);
    if (row.__total != null) {
      const inCount = Number(row.__n);
      const more = inCount > page.limit;
      const pre = Number(row.__pre) > 0;
      const post = Number(row.__post) > 0;
      pages.set(parent, {
        rows: [],
        cursor: (i) => encodeCursor(signature, keyNames.map((k) => pages.get(parent)!.rows[i][k] ?? null)),
        totalCount: Number(row.__total),
        hasNextPage: page.backward ? post : more || post,
        hasPreviousPage: page.backward ? more || pre : pre,
      });
    } else {
      let list = rowsOf.get(parent);
      if (!list) rowsOf.set(parent, (list = []));
      list.push(row);
    }
  }
  for (const [parent, list] of rowsOf) {
    const current = pages.get(parent)!;
    if (list[0].__rn !== undefined) list.sort((a, b) => Number(a.__rn) - Number(b.__rn));
    else list.sort(compareByKeys(keys));
    if (page.backward) list.reverse();
    current.rows = list;
  }
  return pages;
}
