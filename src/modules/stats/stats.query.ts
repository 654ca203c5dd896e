import type { Context } from '../../context';
import type { Dialect } from '../../db/dialect';
import type { Row } from '../../db/sql';
import { BadUserInputError } from '../../shared/errors';
import { PartialDate } from '../../shared/partial-date';
import { type FilterSpec, compileWhere } from '../../shared/where';

/** The most groups one stats query answers; a grouping that makes more is refused, never cut short. */
export const MAX_STATS_GROUPS = 1000;

/** The description of a stats query over `rows` ("events"), with min/max measures or counts only. */
export function statsDescription(rows: string, measures = true): string {
  return `${measures ? 'Counts and min/max' : 'Counts'} over the ${rows} matching \`where\`, grouped by \`groupBy\` in the database, in one statement. Groups are ordered by the keys, in groupBy order, null keys last; an empty groupBy gives one group: the totals. At most ${MAX_STATS_GROUPS} groups: a grouping into more is refused.`;
}

/** A join a key needs, named by its alias: keys that share an alias join it once. */
export interface StatsJoin {
  alias: string;
  sql: string;
}

/** One group key, as SQL on the listed row `t` and the key's joins. */
export interface StatsKey<P extends string = string> {
  /** The key object's property that receives the value. */
  property: P;
  /** What the rows are grouped by. */
  expr: string;
  type: 'text' | 'int';
  /** What the groups are ordered by, before `expr`: e.g. the name of the region whose id is grouped. Text. */
  order?: string;
  /** The value shown where it differs from the grouped one: the first by code point within the group. */
  label?: string;
  joins?: readonly StatsJoin[];
  /** The row whose id the key is (relatedKey), ordered by its `name` column. */
  related?: { table: string; alias: string; name: string };
}

/**
 * One measure: MIN, MAX or SUM of a number, or MIN or MAX of a partial date (`sortKey`: a column
 * that already holds the date's sort key, as in a rollup; else it is computed from `date`).
 */
export type StatsMeasure<P extends string = string> =
  | { property: P; aggregate: 'MIN' | 'MAX' | 'SUM'; column: string }
  | { property: P; aggregate: 'MIN' | 'MAX'; date: PartialDateColumns; sortKey?: string };

/** A partial date as stored: the date as given (`iso`) and its first day (`from`, "YYYY-MM-DD"). */
export interface PartialDateColumns {
  iso: string;
  from: string;
}

/** What every group answers: the key object and the number of rows. */
export interface StatsGroup<K> {
  key: K;
  count: number;
}

/** How one entity is grouped: its table, its `where`, its group keys and its measures. */
export interface StatsSpec<G extends string, K, T extends StatsGroup<K>> {
  table: string;
  filter: () => FilterSpec;
  keys: Record<G, StatsKey<keyof K & string>>;
  measures: readonly StatsMeasure<Exclude<keyof T, keyof StatsGroup<K>> & string>[];
  /** A summary that answers groupings without `where` on some keys (see stats.rollup.ts). */
  rollup?: StatsRollup<G, K, T>;
}

/**
 * A summary table of an entity's rows, kept by refreshRollups: rows already grouped by the
 * finest combination of some keys, with their count (`n`), so that a grouping by some of those
 * keys is a GROUP BY over the summary. A key that gives a row several values (the federal
 * districts of an event) has a scope of its own, where each row is summed once per value; the
 * other scope sums each row once.
 */
export interface StatsRollup<G extends string, K, T extends StatsGroup<K>> {
  /** The name of the summary in stats_rollup_state. */
  name: string;
  table: string;
  /** The scope to read for a grouping: which rows of the summary count each source row once. */
  scope(groupBy: readonly G[]): string;
  /** The keys it answers, as SQL on the summary's row `t`. */
  keys: Partial<Record<G, StatsKey<keyof K & string>>>;
  /** The same measures as the spec's, in the same order, on the summary's columns. */
  measures: readonly StatsMeasure<Exclude<keyof T, keyof StatsGroup<K>> & string>[];
}

/** The year of a partial date. */
export function yearKey(date: PartialDateColumns): StatsKey<'year'> {
  return { property: 'year', expr: `CAST(SUBSTR(${date.iso}, 1, 4) AS INTEGER)`, type: 'int' };
}

/** The month of a partial date, "2024-04"; null where the date is known only to its year. */
export function monthKey(date: PartialDateColumns): StatsKey<'month'> {
  return { property: 'month', expr: `CASE WHEN LENGTH(${date.iso}) >= 7 THEN SUBSTR(${date.iso}, 1, 7) END`, type: 'text' };
}

/**
 * A key that is the id of a row of `table`, reached by `expr` (after `joins`): grouped by the id,
 * ordered by the row's folded `name` column, then the id.
 */
export function relatedKey<P extends string>(
  property: P,
  expr: string,
  related: { table: string; alias: string; name: string },
  joins: readonly StatsJoin[] = [],
): StatsKey<P> {
  const own = { alias: related.alias, sql: `LEFT JOIN ${related.table} ${related.alias} ON ${related.alias}.id = ${expr}` };
  return { property, expr, type: 'text', order: `${related.alias}.${related.name}`, joins: [...joins, own], related };
}

/**
 * Groups the rows of `spec.table` that match `where` by the keys of `groupBy`, in one statement:
 * the database pairs each matching row with its keys (DISTINCT, so that a row reached twice by a
 * join counts once in a group), then counts and aggregates each group. Groups come ordered by
 * the keys, in `groupBy` order, null keys last; no keys give one group, the totals.
 */
export async function groupStats<G extends string, K, T extends StatsGroup<K>>(
  ctx: Context,
  spec: StatsSpec<G, K, T>,
  where: object | null | undefined,
  groupBy: readonly G[],
): Promise<T[]> {
  let statement = statsStatement(ctx.sql.dialect, spec, where, groupBy);
  let rows = await ctx.sql.query(statement.text, statement.params);
  // No rows from the summary: it is behind the data (or there is no data); the live grouping answers.
  if (statement.summary && rows.length === 0) {
    statement = statsStatement(ctx.sql.dialect, spec, where, groupBy, { live: true });
    rows = await ctx.sql.query(statement.text, statement.params);
  }
  return toGroups(rows, statement.keys, statement.measures) as unknown as T[];
}

/** One grouping as a statement: rows `k<i>` (and `l<i>`), `m<i>`, `n`, at most MAX_STATS_GROUPS + 1. */
export interface StatsStatement {
  text: string;
  params: unknown[];
  keys: readonly StatsKey[];
  measures: readonly StatsMeasure[];
  /** Read from the summary: no rows means the summary is stale (or there is no data), not an empty answer. */
  summary: boolean;
}

/** True while the summary named by the bound parameter has summed every write (stats_rollup_state: built = generation). */
export const ROLLUP_FRESH = 'EXISTS (SELECT 1 FROM stats_rollup_state s WHERE s.name = ? AND s.built = s.generation)';

/**
 * The statement of a grouping: over the summary where one answers it (no `where`, every key in
 * the summary), else over the rows. `where` and `groupBy` are checked here (BAD_USER_INPUT).
 */
export function statsStatement<G extends string, K, T extends StatsGroup<K>>(
  dialect: Dialect,
  spec: StatsSpec<G, K, T>,
  where: object | null | undefined,
  groupBy: readonly G[],
  options: { live?: boolean; numbered?: boolean } = {},
): StatsStatement {
  const numbered = options.numbered ?? false;
  checkGroupBy(groupBy);
  const condition = compileWhere(where, spec.filter(), dialect, 't', 'where');
  const rollup = spec.rollup;
  if (!options.live && rollup && condition === undefined && groupBy.length > 0 && groupBy.every((name) => rollup.keys[name])) {
    const keys = groupBy.map((name) => rollup.keys[name]!);
    const fresh = `t.scope = ? AND ${ROLLUP_FRESH}`;
    const text =
      summaryStatement(dialect, rollup.table, keys, rollup.measures, fresh, numbered) ??
      buildStatement(dialect, { table: rollup.table, id: null, count: 't.n' }, keys, rollup.measures, fresh, numbered);
    return { text, params: [rollup.scope(groupBy), rollup.name, MAX_STATS_GROUPS + 1], keys, measures: rollup.measures, summary: true };
  }
  const keys = groupBy.map((name) => spec.keys[name]);
  const text = buildStatement(dialect, { table: spec.table, id: 't.id', count: null }, keys, spec.measures, condition?.sql, numbered);
  return { text, params: [...(condition?.params ?? []), MAX_STATS_GROUPS + 1], keys, measures: spec.measures, summary: false };
}

function toGroups(rows: Row[], keys: readonly StatsKey[], measures: readonly StatsMeasure[]): Record<string, unknown>[] {
  if (rows.length > MAX_STATS_GROUPS) {
    throw new BadUserInputError(
      `groupBy: expected a grouping into at most ${MAX_STATS_GROUPS} groups; received one into more. Narrow \`where\` or group by fewer keys`,
      'groupBy',
    );
  }
  return rows.map((row) => toGroup(row, keys, measures));
}

function checkGroupBy(groupBy: readonly string[]): void {
  const seen = new Map<string, number>();
  groupBy.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new BadUserInputError(`groupBy[${i}]: expected each key at most once; received ${name} again (first at groupBy[${first}])`, `groupBy[${i}]`);
    }
    seen.set(name, i);
  });
}

/**
 * The grouping statement over `source.table` (aliased `t`): each row of the source once (`id`:
 * DISTINCT by it, where joins could repeat it), or, for a summary, each of its rows weighted by
 * its `count` column.
 */
function buildStatement(
  dialect: Dialect,
  source: { table: string; id: string | null; count: string | null },
  keys: readonly StatsKey[],
  measures: readonly StatsMeasure[],
  where: string | undefined,
  numbered = false,
): string {
  const { table } = source;
  const joins = new Map<string, string>();
  const inner = source.id ? [`${source.id} AS id`] : [`${source.count} AS c`];
  const outer: string[] = [];
  const group: string[] = [];
  const order: string[] = [];
  keys.forEach((key, i) => {
    for (const join of key.joins ?? []) if (!joins.has(join.alias)) joins.set(join.alias, join.sql);
    inner.push(`${key.expr} AS k${i}`);
    outer.push(`g.k${i} AS k${i}`);
    group.push(`g.k${i}`);
    order.push(`CASE WHEN g.k${i} IS NULL THEN 1 ELSE 0 END`);
    if (key.order) {
      inner.push(`${key.order} AS o${i}`);
      group.push(`g.o${i}`);
      order.push(dialect.binary(`g.o${i}`));
    }
    if (key.label) {
      inner.push(`${key.label} AS l${i}`);
      outer.push(`MIN(${dialect.binary(`g.l${i}`)}) AS l${i}`);
    }
    order.push(key.type === 'text' ? dialect.binary(`g.k${i}`) : `g.k${i}`);
  });
  measures.forEach((measure, i) => {
    if ('date' in measure) {
      inner.push(`${measure.sortKey ?? dateSortKey(measure.date)} AS m${i}`);
      outer.push(`${measure.aggregate}(${dialect.binary(`g.m${i}`)}) AS m${i}`);
    } else {
      inner.push(`${measure.column} AS m${i}`);
      outer.push(`${measure.aggregate}(g.m${i}) AS m${i}`);
    }
  });
  outer.push(source.id ? 'COUNT(*) AS n' : 'SUM(g.c) AS n');
  if (numbered) outer.push(`ROW_NUMBER() OVER (${order.length > 0 ? `ORDER BY ${order.join(', ')}` : ''}) AS __rn`);
  const distinct = joins.size > 0 && source.id ? 'DISTINCT ' : '';
  const from = [`${table} t`, ...joins.values()].join(' ');
  const grouping = group.length > 0 ? ` GROUP BY ${group.join(', ')} ORDER BY ${order.join(', ')}` : '';
  return `SELECT ${outer.join(', ')} FROM (SELECT ${distinct}${inner.join(', ')} FROM ${from}${where ? ` WHERE ${where}` : ''}) g${grouping} LIMIT ?`;
}

/**
 * The grouping statement over a summary whose keys are its own columns or the ids of related
 * rows: the summary's rows are grouped first and only the groups are joined to what orders them
 * (a district's name is looked up once per group, not once per summary row). Null where a key
 * needs more (a label, a chain of joins): buildStatement answers those.
 */
function summaryStatement(
  dialect: Dialect,
  table: string,
  keys: readonly StatsKey[],
  measures: readonly StatsMeasure[],
  where: string,
  numbered: boolean,
): string | null {
  if (keys.some((key) => key.label || (key.joins?.length ?? 0) > (key.related ? 1 : 0))) return null;
  const inner: string[] = [];
  const group: string[] = [];
  const outer: string[] = [];
  const joins: string[] = [];
  const order: string[] = [];
  keys.forEach((key, i) => {
    inner.push(`${key.expr} AS k${i}`);
    group.push(key.expr);
    outer.push(`g.k${i} AS k${i}`);
    order.push(`CASE WHEN g.k${i} IS NULL THEN 1 ELSE 0 END`);
    if (key.related) {
      const { table: related, alias, name } = key.related;
      joins.push(` LEFT JOIN ${related} ${alias} ON ${alias}.id = g.k${i}`);
      order.push(dialect.binary(`${alias}.${name}`));
    }
    order.push(key.type === 'text' ? dialect.binary(`g.k${i}`) : `g.k${i}`);
  });
  measures.forEach((measure, i) => {
    const value = 'date' in measure ? dialect.binary(measure.sortKey ?? dateSortKey(measure.date)) : measure.column;
    inner.push(`${measure.aggregate}(${value}) AS m${i}`);
    outer.push(`g.m${i} AS m${i}`);
  });
  inner.push('SUM(t.n) AS n');
  outer.push('g.n AS n');
  if (numbered) outer.push(`ROW_NUMBER() OVER (ORDER BY ${order.join(', ')}) AS __rn`);
  return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${table} t WHERE ${where} GROUP BY ${group.join(', ')}) g${joins.join('')} ORDER BY ${order.join(', ')} LIMIT ?`;
}

/** "YYYY-MM-DD" and one digit of precision before the date as given. */
export const DATE_SORT_PREFIX = 11;

/**
 * A partial date as text that sorts by its first day, then by its last: the first day, then the
 * precision (0 for a day, 1 for a month, 2 for a year), then the date as given, which MIN and MAX
 * carry along. So "2024-01-01" < "2024-01" < "2024", and MIN and MAX give a row's own date.
 */
export function dateSortKey(date: PartialDateColumns): string {
  return `${date.from} || CASE LENGTH(${date.iso}) WHEN 10 THEN '0' WHEN 7 THEN '1' ELSE '2' END || ${date.iso}`;
}

function toGroup(row: Row, keys: readonly StatsKey[], measures: readonly StatsMeasure[]): Record<string, unknown> {
  const key: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    const value = k.label ? row[`l${i}`] : row[`k${i}`];
    key[k.property] = value == null ? null : k.type === 'int' ? Number(value) : String(value);
  });
  const group: Record<string, unknown> = { key, count: Number(row.n) };
  measures.forEach((measure, i) => {
    const value = row[`m${i}`];
    if (value == null) group[measure.property] = null;
    else if ('date' in measure) group[measure.property] = PartialDate.parse(String(value).slice(DATE_SORT_PREFIX));
    else group[measure.property] = Number(value);
  });
  return group;
}
