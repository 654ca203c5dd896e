import type { Dialect } from '../db/dialect';
import type { Marks } from './marks';
import { Sql, sql } from './sql';

/** The range of GraphQL's Int: a signed 32-bit integer. */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** How a derived table's rows become JSON arrays (Dialect.pageArrays). */
export type ArrayForm = Dialect['pageArrays'];

/** The dialect's JSON functions around pieces of SQL, and the marks the compiler finishes in JS. */
export class JsonSql {
  constructor(
    private readonly dialect: Dialect,
    private readonly marks: Marks,
  ) {}

  /** `write` applied to the text of `piece` (a dialect's JSON function around it); its parameters stay. */
  wrap(piece: Sql, write: (text: string) => string): Sql {
    return new Sql(write(piece.text), piece.params);
  }
  object(pairs: Sql): Sql {
    return this.wrap(pairs, (t) => this.dialect.jsonObject(t));
  }
  /** The JSON array of `expr` over the rows of `alias`, numbered `__rn` where the database needs their order said (the stats' groups). */
  array(expr: Sql, alias: string): Sql {
    return this.wrap(expr, (t) => this.dialect.jsonAgg(t, this.dialect.keepsSubqueryOrder ? null : `${alias}.__rn`));
  }
  /**
   * The JSON array of `expr` over `rows` (a derived table's SELECT, ordered by `order`, with
   * orderColumns) read as `alias`, in their order: the dialect's aggregate where an ordered
   * subquery's rows reach it in order, else an ARRAY subquery ordered by the columns of `order`.
   */
  list(expr: Sql, rows: Sql, alias: string, order: string): Sql {
    if (this.dialect.keepsSubqueryOrder) return sql`(SELECT ${this.array(expr, alias)} FROM (${rows}) ${alias})`;
    return sortedArray(expr, sql`(${rows}) ${alias}`, alias, order);
  }
  /**
   * The JSON array of `expr` over the rows of `alias` in their order (`order`, as orderColumns
   * exposed it), in a value that `over` reads them for with the same `form`: the dialect's
   * aggregate over the rows in the FROM, or an ARRAY subquery over the rows a WITH names
   * (Dialect.pageArrays).
   */
  rowArray(expr: Sql, alias: string, form: ArrayForm, order: string): Sql {
    if (form === 'aggregate') return this.array(expr, alias);
    return sortedArray(expr, new Sql(alias), alias, order);
  }
  /** A scalar subquery of `value`, whose `rowArray`s (of `form`) read the rows of `rows` (a derived table's SELECT) as `alias`. */
  over(value: Sql, rows: Sql, alias: string, form: ArrayForm): Sql {
    return form === 'aggregate' ? sql`(SELECT ${value} FROM (${rows}) ${alias})` : sql`(WITH ${alias} AS (${rows}) SELECT ${value})`;
  }
  /** A mark of `Marks` (`{"$<tag>": value}`), finished in JS. */
  mark(tag: string, value: Sql | string): Sql {
    return this.object(sql`'$${tag}', ${value}`);
  }
  /** `value`, or where `refused` holds the mark that makes the resolvers answer (a non-null field that is null ...). */
  orFallback(refused: string, value: Sql): Sql {
    return sql`CASE WHEN ${refused} THEN ${this.mark(this.marks.fallback, '1')} ELSE ${value} END`;
  }
  /**
   * An Int column or aggregate: its value where GraphQL's Int can hold it (a 32-bit integer), NULL
   * where it is NULL (the fallback mark when `required`), else the mark that makes the resolvers
   * answer: a row written past the type's range (1e300, 3000000000 by an old import) is then that
   * field's error and null, as graphql-js reports it, never `1.0e+300` for an Int.
   */
  int(expr: string, required: boolean): Sql {
    const fits =
      this.dialect.name === 'sqlite'
        ? `typeof(${expr}) = 'integer' AND ${expr} BETWEEN ${INT_MIN} AND ${INT_MAX}`
        : `${expr} BETWEEN ${INT_MIN} AND ${INT_MAX} AND ${expr} = floor(${expr})`;
    const fallback = this.mark(this.marks.fallback, '1');
    return sql`CASE WHEN ${expr} IS NULL THEN ${required ? fallback : 'NULL'} WHEN ${fits} THEN ${this.dialect.jsonValue(expr)} ELSE ${fallback} END`;
  }
  /**
   * `, <key> AS __o<i>, ...`: the keys of `order` (a derived table's ORDER BY) as its columns,
   * where its readers must say its order again (not keepsSubqueryOrder); else nothing. Read in
   * the same order by those columns, the rows come as the derived table's ORDER BY sorted them:
   * PostgreSQL sorts nothing again, where ROW_NUMBER() and an ORDER BY of it had it sort every
   * list once more (the nested list's statement 8.1 -> 5.8 ms).
   */
  orderColumns(order: string): string {
    if (this.dialect.keepsSubqueryOrder) return '';
    return orderItems(order)
      .map((item, i) => `, ${item.expr} AS __o${i}`)
      .join('');
  }
}

/** PostgreSQL's JSON array of `expr` over the rows of `from` (read as `alias`), ordered by the columns orderColumns made of `order`'s keys. */
function sortedArray(expr: Sql, from: Sql, alias: string, order: string): Sql {
  const by = orderItems(order)
    .map((item, i) => `${alias}.__o${i}${item.direction}`)
    .join(', ');
  return sql`array_to_json(ARRAY(SELECT ${expr} FROM ${from} ORDER BY ${by}))`;
}

/** The direction and the place of nulls that end an ORDER BY item, if it says them. */
const DIRECTION = /(\s+(?:ASC|DESC))?(\s+NULLS\s+(?:FIRST|LAST))?$/i;

/**
 * The items of an ORDER BY list, as the compiler and the relations write them: each its key and
 * what follows it (` DESC NULLS FIRST`). Cut at the commas outside parentheses and quotes; in SQL
 * any other comma of an expression stands inside parentheses (a call's arguments, an IN list).
 */
export function orderItems(order: string): { expr: string; direction: string }[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < order.length; i++) {
    const c = order[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ',' && depth === 0) {
      items.push(order.slice(start, i));
      start = i + 1;
    }
  }
  items.push(order.slice(start));
  return items.map((item) => {
    const text = item.trim();
    const direction = DIRECTION.exec(text)![0];
    return { expr: text.slice(0, text.length - direction.length).trim(), direction: direction.replace(/\s+/g, ' ').toUpperCase() };
  });
}
