import type { Dialect } from '../db/dialect';
import { BadUserInputError, describeValue } from './errors';
import type { DateFilter, IdFilter, IntFilter, StringFilter } from './filters';
import { type NodeType, fromGlobalId } from './global-id';
import type { SqlCondition } from './list-query';
import { PartialDate } from './partial-date';
import { foldText } from './text';

/** How one field of a `where` input maps to SQL; columns are named without a table alias. */
export type FieldFilter =
  | { kind: 'id' }
  | { kind: 'string'; column: string }
  | { kind: 'int'; column: string }
  | { kind: 'enum'; column: string }
  | { kind: 'date'; column: string }
  /** A to-one relation: `column` of this table holds the key of a row of `target`. */
  | { kind: 'one'; column: string; target: () => FilterSpec }
  /** A to-many relation: rows of `target` reached through `from`, joined to this row by `on`. */
  | { kind: 'many'; target: () => FilterSpec; from: (alias: string) => string; on: (alias: string, parent: string) => string };

/** The filterable fields of one entity: the `XWhere` input, as SQL. */
export interface FilterSpec {
  table: string;
  nodeType: NodeType;
  fields: Record<string, FieldFilter>;
}

type WhereInput = Record<string, unknown>;

/**
 * Compiles a `where` input into one SQL condition on the row aliased `alias`. Values are bound as
 * parameters, never written into the SQL. Every condition is two-valued (true or false, never
 * NULL), so NOT is the exact complement, also for rows whose relation is null. Fields of one
 * input are ANDed; AND/OR take lists; NOT: [a, b] keeps the rows that match neither.
 */
export function compileWhere(
  where: object | null | undefined,
  spec: FilterSpec,
  dialect: Dialect,
  alias = 't',
  path = 'where',
): SqlCondition | undefined {
  if (where == null) return undefined;
  const compiler = new WhereCompiler(dialect);
  return compiler.where(where as WhereInput, spec, alias, path);
}

/**
 * The most conditions (filter objects and the fields they test) one `where` may hold. SQLite
 * refuses an expression nested past 1,000 (each AND adds a level), and a filter of thousands of
 * conditions is costly to compile and to run: no page needs more than a few dozen.
 */
export const MAX_WHERE_CONDITIONS = 200;

class WhereCompiler {
  private aliases = 0;
  private conditions = 0;

  constructor(private readonly dialect: Dialect) {}

  private count(at: string): void {
    this.conditions += 1;
    if (this.conditions > MAX_WHERE_CONDITIONS) {
      throw new BadUserInputError(`${at}: the filter holds more than ${MAX_WHERE_CONDITIONS} conditions (filter objects and the fields they test); the limit is ${MAX_WHERE_CONDITIONS}.`, at);
    }
  }

  where(input: WhereInput, spec: FilterSpec, alias: string, path: string): SqlCondition {
    this.count(path);
    const parts: SqlCondition[] = [];
    for (const [name, value] of Object.entries(input)) {
      if (value == null) continue;
      const at = `${path}.${name}`;
      this.count(at);
      if (name === 'AND' || name === 'OR' || name === 'NOT') {
        const list = (value as WhereInput[]).map((item, i) => this.where(item, spec, alias, `${at}[${i}]`));
        if (name === 'AND') parts.push(join(list, 'AND', '1 = 1'));
        else if (name === 'OR') parts.push(join(list, 'OR', '1 = 0'));
        else parts.push(join(list.map((c) => ({ sql: `NOT (${c.sql})`, params: c.params })), 'AND', '1 = 1'));
        continue;
      }
      const field = spec.fields[name];
      if (!field) throw new BadUserInputError(`${at}: no such filter field on ${spec.nodeType}`, at);
      parts.push(this.field(field, value, spec, alias, at));
    }
    return join(parts, 'AND', '1 = 1');
  }

  private field(field: FieldFilter, value: unknown, spec: FilterSpec, alias: string, path: string): SqlCondition {
    switch (field.kind) {
      case 'id':
        return this.ids(value as IdFilter, spec.nodeType, `${alias}.id`, path);
      case 'string':
        return this.strings(value as StringFilter, `${alias}.${field.column}`, path);
      case 'int':
      case 'enum':
        return this.scalars(value as IntFilter, `${alias}.${field.column}`, path);
      case 'date':
        return this.dates(value as DateFilter, `${alias}.${field.column}`, path);
      case 'one': {
        const target = field.target();
        const inner = this.alias();
        const condition = this.where(value as WhereInput, target, inner, path);
        // An uncorrelated IN: the matching keys are found once, not once per row (EXISTS ran the
        // subquery for each row; the cluster map's district filter did so 1,012 times). Keys are
        // never NULL, and a NULL column is false here, so the condition stays two-valued.
        const column = `${alias}.${field.column}`;
        return {
          sql: `(${column} IS NOT NULL AND ${column} IN (SELECT ${inner}.id FROM ${target.table} ${inner} WHERE ${condition.sql}))`,
          params: condition.params,
        };
      }
      case 'many':
        return this.list(field, value as Record<'some' | 'none' | 'every', WhereInput | null>, alias, path);
    }
  }

  private list(
    field: Extract<FieldFilter, { kind: 'many' }>,
    value: Record<'some' | 'none' | 'every', WhereInput | null>,
    alias: string,
    path: string,
  ): SqlCondition {
    const target = field.target();
    const parts: SqlCondition[] = [];
    for (const quantifier of ['some', 'none', 'every'] as const) {
      const where = value[quantifier];
      if (where == null) continue;
      const inner = this.alias();
      const condition = this.where(where, target, inner, `${path}.${quantifier}`);
      const exists = (test: string) => `EXISTS (SELECT 1 FROM ${field.from(inner)} WHERE ${field.on(inner, alias)} AND ${test})`;
      const sql =
        quantifier === 'some'
          ? exists(`(${condition.sql})`)
          : quantifier === 'none'
            ? `NOT ${exists(`(${condition.sql})`)}`
            : `NOT ${exists(`NOT (${condition.sql})`)}`;
      parts.push({ sql, params: condition.params });
    }
    return join(parts, 'AND', '1 = 1');
  }

  private ids(filter: IdFilter, nodeType: NodeType, column: string, path: string): SqlCondition {
    const key = (id: string, at: string) => {
      const decoded = fromGlobalId(id, at);
      if (decoded.type !== nodeType) {
        throw new BadUserInputError(`${at}: expected the ID of a ${nodeType}; received the ID of a ${decoded.type}`, at);
      }
      return decoded.key;
    };
    const parts: SqlCondition[] = [];
    if (filter.equals != null) parts.push({ sql: `${column} = ?`, params: [key(filter.equals, `${path}.equals`)] });
    if (filter.in != null) {
      nonEmpty(filter.in, `${path}.in`);
      parts.push(this.inList(column, filter.in.map((id, i) => key(id, `${path}.in[${i}]`))));
    }
    return join(parts, 'AND', '1 = 1');
  }

  private strings(filter: StringFilter, column: string, path: string): SqlCondition {
    for (const [operator, value] of Object.entries(filter)) {
      const values = Array.isArray(value) ? value : [value];
      values.forEach((text, i) => {
        if (typeof text === 'string' && text.includes('\u0000')) {
          const at = Array.isArray(value) ? `${path}.${operator}[${i}]` : `${path}.${operator}`;
          throw new BadUserInputError(`${at}: expected text without NUL (U+0000) characters; received ${describeValue(text)}`, at);
        }
      });
    }
    const parts: SqlCondition[] = [];
    const guarded = (sql: string, params: unknown[]) => ({ sql: `(${column} IS NOT NULL AND ${sql})`, params });
    if (filter.equals != null) parts.push(guarded(`${column} = ?`, [foldText(filter.equals)]));
    if (filter.in != null) {
      nonEmpty(filter.in, `${path}.in`);
      const list = this.inList(column, filter.in.map((s) => foldText(s)));
      parts.push(guarded(list.sql, list.params));
    }
    if (filter.contains != null) parts.push(guarded(`${column} LIKE ? ESCAPE '\\'`, [`%${escapeLike(foldText(filter.contains))}%`]));
    if (filter.startsWith != null) parts.push(guarded(`${column} LIKE ? ESCAPE '\\'`, [`${escapeLike(foldText(filter.startsWith))}%`]));
    return join(parts, 'AND', '1 = 1');
  }

  private scalars(filter: IntFilter, column: string, path: string): SqlCondition {
    const parts: SqlCondition[] = [];
    const compare = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    for (const [name, operator] of Object.entries(compare)) {
      const value = filter[name as keyof typeof compare];
      if (value != null) parts.push({ sql: `(${column} IS NOT NULL AND ${column} ${operator} ?)`, params: [value] });
    }
    if (filter.in != null) {
      nonEmpty(filter.in, `${path}.in`);
      const list = this.inList(column, filter.in);
      parts.push({ sql: `(${column} IS NOT NULL AND ${list.sql})`, params: list.params });
    }
    return join(parts, 'AND', '1 = 1');
  }

  /**
   * Dates are compared as their ISO text by code point (Dialect.binary), the order the lists sort
   * them in: on PostgreSQL a range is then the bounds of an index read of the sort's collation
   * (migration 1765600000000), not a filter beside it.
   */
  private dates(filter: DateFilter, column: string, path: string): SqlCondition {
    const parts: SqlCondition[] = [];
    const compared = this.dialect.binary(column);
    const compare = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
    for (const [name, operator] of Object.entries(compare)) {
      const value = filter[name as keyof typeof compare];
      if (value == null) continue;
      if (!PartialDate.parse(value)) {
        throw new BadUserInputError(
          `${path}.${name}: expected a date like "2024", "2024-04" or "2024-04-20"; received ${describeValue(value)}`,
          `${path}.${name}`,
        );
      }
      parts.push({ sql: `(${column} IS NOT NULL AND ${compared} ${operator} ?)`, params: [PartialDate.firstDay(value)] });
    }
    return join(parts, 'AND', '1 = 1');
  }

  private inList(column: string, values: (string | number)[]): SqlCondition {
    return { sql: this.dialect.inArray(column), params: [this.dialect.arrayParam(values)] };
  }

  private alias(): string {
    this.aliases += 1;
    return `w${this.aliases}`;
  }
}

function nonEmpty(list: unknown[], path: string): void {
  if (list.length === 0) throw new BadUserInputError(`${path}: expected at least one value; received an empty list`, path);
}

/** LIKE treats % and _ as wildcards and \ as our escape: all three match themselves here. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function join(parts: SqlCondition[], operator: 'AND' | 'OR', empty: string): SqlCondition {
  if (parts.length === 0) return { sql: empty, params: [] };
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((p) => `(${p.sql})`).join(` ${operator} `), params: parts.flatMap((p) => p.params) };
}
