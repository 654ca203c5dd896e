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
  /** The JSON array of `expr` over the rows of `alias`, in their order (`__rn` where the database needs it said). */
  array(expr: Sql, alias: string): Sql {
    return this.wrap(expr, (t) => this.dialect.jsonAgg(t, this.dialect.keepsSubqueryOrder ? null : `${alias}.__rn`));
  }
  /**
   * The JSON array of `expr` over the rows of `alias` in their order, in a value that `over`
   * reads them for with the same `form`: the dialect's aggregate over the rows in the FROM, or
   * an ARRAY subquery over the rows a WITH names (Dialect.pageArrays).
   */
  rowArray(expr: Sql, alias: string, form: ArrayForm): Sql {
    if (form === 'aggregate') return this.array(expr, alias);
    return this.wrap(expr, (t) => `array_to_json(ARRAY(SELECT ${t} FROM ${alias} ORDER BY ${alias}.__rn))`);
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
  /** `, ROW_NUMBER() ...` for a derived table whose order an aggregate must be told, or nothing. */
  rowNumber(order: string): string {
    return this.dialect.keepsSubqueryOrder ? '' : `, ROW_NUMBER() OVER (ORDER BY ${order}) AS __rn`;
  }
}
