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
  /**
   * The listed table, when its rows have an `id` key: the windows then sort only the keys and
   * the id, and the columns of `select` are joined to the rows kept (narrow sorts, same rows).
   */
  table?: string;
  /** The expression that names each row's parent, for nested lists. */
  parent?: string;
  /** A fixed condition of the relation, e.g. `t.node_type = 'Forum'`. */
  where?: SqlCondition;
  keys: readonly SortKey[];
}

/** One parent's page: rows in order, with the facts pageInfo and totalCount need. */
export interface Page {
  rows: Row[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

export const EMPTY_PAGE: Page = { rows: [], cursors: [], hasNextPage: false, hasPreviousPage: false, totalCount: 0 };

const KEY = (i: number) => `__k${i}`;

/** `key` compared by code point where it is text, so both databases order text alike. */
function keyExpr(dialect: Dialect, key: SortKey, expr: string): string {
  return key.text ? dialect.binary(expr) : expr;
}

/** Rows strictly after `values` in the order of `keys` (before, when `reverse`); nulls sort largest. */
function afterCondition(dialect: Dialect, keys: readonly SortKey[], values: unknown[], reverse: boolean): SqlCondition {
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

function orderClause(dialect: Dialect, keys: readonly SortKey[], alias: string, reverse: boolean): string {
  return keys
    .flatMap((key, i) => {
      const direction = (key.direction === 'ASC') !== reverse ? 'ASC' : 'DESC';
      const column = `${alias}.${KEY(i)}`;
      const sorted = `${keyExpr(dialect, key, column)} ${direction}`;
      return key.nullable ? [`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END ${direction}`, sorted] : [sorted];
    })
    .join(', ');
}

/**
 * Reads one page of a list for every parent in one statement: window functions number the rows
 * per parent, count them (totalCount), and tell whether rows lie before or after the page.
 * With `parents` null the list is top-level (one partition).
 */
export async function fetchPages(
  sql: Sql,
  source: ListSource,
  parents: readonly string[] | null,
  page: PageRequest,
): Promise<Map<string, Page>> {
  const { dialect } = sql;
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
  const narrow = source.table !== undefined;
  const inner = `SELECT ${narrow ? 't.id AS __id' : source.select}, ${parentExpr} AS __p, ${keyColumns},
      ${afterFlag.sql} AS __a, ${beforeFlag.sql} AS __b
    FROM ${source.from}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  const innerParams = [...afterFlag.params, ...beforeFlag.params, ...params];
  const text = `SELECT ${narrow ? `${source.select}, w.*` : '*'} FROM (
    SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.__p, m.__in ORDER BY ${orderClause(dialect, source.keys, 'm', page.backward)}) AS __rn,
      COUNT(*) OVER (PARTITION BY m.__p, m.__in) AS __n
    FROM (
      SELECT i.*, CASE WHEN i.__a = 1 AND i.__b = 1 THEN 1 ELSE 0 END AS __in,
        COUNT(*) OVER (PARTITION BY i.__p) AS __total,
        SUM(1 - i.__a) OVER (PARTITION BY i.__p) AS __pre,
        SUM(1 - i.__b) OVER (PARTITION BY i.__p) AS __post
      FROM (${inner}) i
    ) m
  ) w${narrow ? ` LEFT JOIN ${source.table} t ON t.id = w.__id` : ''} WHERE (w.__in = 1 AND w.__rn <= ?) OR w.__rn = 1
  ORDER BY w.__p, w.__in DESC, w.__rn`;
  const rows = await sql.query(text, [...innerParams, page.limit]);

  const signature = orderSignature(source.keys);
  const pages = new Map<string, Page>();
  for (const row of rows) {
    const parent = String(row.__p);
    let current = pages.get(parent);
    if (!current) {
      const inCount = Number(row.__in) === 1 ? Number(row.__n) : 0;
      const more = inCount > page.limit;
      const pre = Number(row.__pre) > 0;
      const post = Number(row.__post) > 0;
      current = {
        rows: [],
        cursors: [],
        totalCount: Number(row.__total),
        hasNextPage: page.backward ? post : more || post,
        hasPreviousPage: page.backward ? more || pre : pre,
      };
      pages.set(parent, current);
    }
    if (Number(row.__in) !== 1 || current.rows.length >= page.limit) continue;
    current.rows.push(row);
    current.cursors.push(encodeCursor(signature, source.keys.map((_, i) => row[KEY(i)] ?? null)));
  }
  if (page.backward) {
    for (const p of pages.values()) {
      p.rows.reverse();
      p.cursors.reverse();
    }
  }
  return pages;
}
