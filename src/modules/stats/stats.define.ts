import { Arg, type ClassType, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { defineEnum } from '../../shared/enums';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import { invariant } from '../../shared/errors';
import type { FilteredListing } from '../../shared/listing';
import { snake } from '../../shared/model';
import { PartialDate } from '../../shared/partial-date';
import { Compiled, relationResolver } from '../../shared/resolvers';
import { type Stage, StageArg } from '../../shared/stage';
import {
  type PartialDateColumns,
  type StatsGroup,
  type StatsJoin,
  type StatsKey,
  type StatsMeasure,
  type StatsSpec,
  groupStats,
  monthKey,
  relatedKey,
  statsDescription,
  yearKey,
} from './stats.query';

/*
 * One declaration per stats query: its keys and measures, each stated once with its SQL, its
 * GraphQL type and its description. From it come the `XGroupBy` enum, the `XStatsKey` and
 * `XStatsGroup` object types, the relations of the key's entities, the StatsSpec the resolver and
 * the compiler group by, its summary's keys and measures, and the `xStats` query itself.
 * Descriptions that follow a rule (a date's year, a measure's earliest value) are worded here, by
 * the rows' noun, so every stats type words them the same.
 */

/** How descriptions name the rows: one ("event"), many ("events"). */
export type StatsNoun = readonly [one: string, many: string];
/** A description, or the rule that words it for the rows' noun. */
type Text = string | ((noun: StatsNoun) => string);
/** What a field of the key or group object is shown as: a scalar, an enum, PartialDate. */
type GraphQLType = () => object;
/** The key and group objects, as the resolvers hand them over: properties named by the declaration. */
type Row = Record<string, unknown>;

/** A partial date grouped or measured: its field, its columns on the row `t`, and how descriptions call it. */
export interface StatsDate extends PartialDateColumns {
  name: string;
  label: string;
}

/** The partial date `name` of the row `t` (columns by the models' rule: `start_date`, `start_date_from`). */
export function statsDate(name: string, label = name): StatsDate {
  const iso = `t.${snake(name)}`;
  return { name, label, iso, from: `${iso}_from` };
}

/** One group key: its SQL, the key object's field that shows it, the groupBy value's description. */
export interface KeyDeclaration {
  sql: StatsKey;
  /** A field named `sql.property`; or, for the id of a related row, the relation `name` that reads it. */
  field: { type: GraphQLType; description?: Text } | { name: string; entity: EntityClass; description?: string };
  groupBy?: Text;
}

/** One measure of the group object: its SQL, its type and its description. */
export interface MeasureDeclaration {
  sql: StatsMeasure;
  type: GraphQLType;
  description: Text;
}

const described = (description: Text | undefined, noun: StatsNoun) => (typeof description === 'function' ? description(noun) : description);
const withArticle = (one: string) => `${/^[aeiou]/.test(one) ? 'an' : 'a'} ${one}`;
const capitalized = (name: string) => `${name[0].toUpperCase()}${name.slice(1)}`;

/** The group keys a stats declaration is made of. */
export const key = {
  /**
   * The field `property` of the row `t` (its column by the models' rule; `fold`: grouped by the
   * folded copy, shown as written); an Int groups as a number, any other type as text.
   */
  column(property: string, type: GraphQLType, options: { fold?: boolean; description?: string; groupBy?: string } = {}): KeyDeclaration {
    const { fold, description, groupBy } = options;
    const column = `t.${snake(property)}`;
    const sql: StatsKey = { property, expr: fold ? `${column}_fold` : column, type: type() === Int ? 'int' : 'text', ...(fold ? { label: column } : {}) };
    return { sql, field: { type, description }, groupBy };
  },
  /** The year of a partial date. */
  year(date: StatsDate): KeyDeclaration {
    return {
      sql: yearKey(date),
      field: { type: () => Int, description: `The year of ${date.label}.` },
      groupBy: ([one]) => `The year of ${date.label}; null for ${withArticle(one)} without a date.`,
    };
  },
  /** The month of a partial date, "2024-04". */
  month(date: StatsDate): KeyDeclaration {
    return {
      sql: monthKey(date),
      field: { type: () => String, description: `The month of ${date.label}, e.g. "2024-04".` },
      groupBy: ([one]) => `The month of ${date.label}, "2024-04"; null for ${withArticle(one)} without a date or with a date known only to its year.`,
    };
  },
  /**
   * The id of a row of `entity`, shown as the relation `name`: grouped by the id (the key
   * object's `<name>Key`), ordered by the row's `orderBy` column. The id is the row's own
   * reference column (`<name>_id`), or `expr` after `joins`.
   */
  related(
    name: string,
    entity: EntityClass,
    orderBy: string,
    options: { expr?: string; joins?: readonly StatsJoin[]; description?: string; groupBy?: string } = {},
  ): KeyDeclaration {
    const { expr = `t.${snake(name)}_id`, joins, description, groupBy } = options;
    const sql = relatedKey(`${name}Key`, expr, { table: tableOf(entity), alias: `j_${snake(name)}`, name: orderBy }, joins);
    return { sql, field: { name, entity, description }, groupBy };
  },
};

/** The measures a stats declaration is made of. */
export const measure = {
  /**
   * The least and the greatest value of a partial date or of the int field `of` (its column by
   * the models' rule), as `min<Of>` and `max<Of>`; `words` name them ("lowest", "highest").
   */
  range(of: StatsDate | string, words: readonly [string, string] = ['earliest', 'latest']): MeasureDeclaration[] {
    const date = typeof of === 'string' ? null : of;
    const name = date ? date.name : (of as string);
    const asGiven = date ? ', as given (partial dates compare by their first day, then by their last)' : '';
    const bound = (aggregate: 'MIN' | 'MAX'): MeasureDeclaration => {
      const property = `${aggregate.toLowerCase()}${capitalized(name)}`;
      const sql: StatsMeasure = date ? { property, aggregate, date: { iso: date.iso, from: date.from } } : { property, aggregate, column: `t.${snake(name)}` };
      const type = date ? () => PartialDate : () => Int;
      return aggregate === 'MIN'
        ? { sql, type, description: ([one]) => `The ${words[0]} ${name}${asGiven}; null when no ${one} of the group has one.` }
        : { sql, type, description: `The ${words[1]} ${name}${asGiven}.` };
    };
    return [bound('MIN'), bound('MAX')];
  },
  /** The sum of the int field `of` (its column by the models' rule), as `sum<Of>`. */
  sum(of: string, description: string): MeasureDeclaration {
    return { sql: { property: `sum${capitalized(of)}`, aggregate: 'SUM', column: `t.${snake(of)}` }, type: () => Int, description };
  },
};

/** A summary of the rows (see StatsRollup): its keys and measures are the declaration's, on the summary's columns. */
export interface RollupDeclaration<G extends string> {
  name: string;
  table: string;
  scope(groupBy: readonly G[]): string;
  /** The column of each key the summary answers (a related key's id). */
  keys: Partial<Record<G, string>>;
  /** The column of each measure, by property (a date's: its sort key, see dateSortKey). */
  measures: Record<string, string>;
}

/** A stats query over the rows of `listing`, declared once. */
export interface StatsDeclaration<G extends string> {
  noun: StatsNoun;
  /** How the group type's description names the rows, where not by `noun` ("cluster events"). */
  title?: string;
  /** The rows grouped: the listing's table, filtered by its `where`. */
  listing: FilteredListing;
  keys: Record<G, KeyDeclaration>;
  /** None: the groups are counted only. */
  measures?: readonly MeasureDeclaration[];
  rollup?: RollupDeclaration<G>;
}

/** What a declaration gives: its enum, object types and spec, and the resolvers of its query. */
export interface Stats<G extends string> {
  GroupBy: { readonly [K in G]: K };
  Key: ClassType;
  Group: ClassType;
  spec: StatsSpec<G, Row, StatsGroup<Row> & Row>;
  resolvers: readonly ClassType[];
}

/** The stats of `type` ("ClusterEvent"): the `clusterEventStats` query and its types. */
export function defineStats<const G extends string>(type: string, declaration: StatsDeclaration<G>): Stats<G> {
  const { noun, listing, keys, measures = [], rollup } = declaration;
  const [, many] = noun;
  const entries = Object.entries(keys) as [G, KeyDeclaration][];
  const GroupBy = defineEnum(
    `${type}GroupBy`,
    entries.map(([value]) => value),
    { values: Object.fromEntries(entries.flatMap(([value, k]) => (k.groupBy ? [[value, described(k.groupBy, noun)]] : []))) as Partial<Record<G, string>> },
  );
  const Key = objectType(
    `${type}StatsKey`,
    `The keys of one group of ${many}: the fields grouped by are set (null is the group of ${many} without the key); the others are null.`,
    entries.flatMap(([, k]) => ('type' in k.field ? [{ name: k.sql.property, type: k.field.type, nullable: true, description: described(k.field.description, noun) }] : [])),
  );
  const Group = objectType(`${type}StatsGroup`, `One group of ${declaration.title ?? many}, with its count${measures.length > 0 ? ' and measures' : ''}.`, [
    { name: 'key', type: () => Key, nullable: false },
    { name: 'count', type: () => Int, nullable: false, description: `The number of ${many} in the group.` },
    ...measures.map((m) => ({ name: m.sql.property, type: m.type, nullable: true, description: described(m.description, noun) })),
  ]);
  const spec: Stats<G>['spec'] = {
    table: listing.filterSpec.table,
    filter: () => listing.filterSpec,
    keys: Object.fromEntries(entries.map(([value, k]) => [value, k.sql])) as Record<G, StatsKey>,
    measures: measures.map((m) => m.sql),
    ...(rollup ? { rollup: rollupOf(rollup, keys, measures) } : {}),
  };
  const relations = entries.flatMap(([, k]) => ('entity' in k.field ? [{ ...k.field, foreignKey: k.sql.property }] : []));
  const resolvers = [statsQuery(`${type[0].toLowerCase()}${type.slice(1)}Stats`, listing, spec, GroupBy, Group, statsDescription(many, measures.length > 0))];
  if (relations.length > 0) {
    resolvers.push(
      ...relationResolver(Key as ClassType<Row>, (r) =>
        Object.fromEntries(relations.map(({ name, entity, foreignKey, description }) => [name, r.one(entity, foreignKey, { nullable: true, ...(description ? { description } : {}) })])),
      ).resolvers,
    );
  }
  return { GroupBy, Key, Group, spec, resolvers };
}

/** An object type `name` with `fields`, as if written with @ObjectType and @Field. */
function objectType(name: string, description: string, fields: { name: string; type: GraphQLType; nullable: boolean; description?: string }[]): ClassType {
  const Type = class {};
  Object.defineProperty(Type, 'name', { value: name });
  for (const { name: field, type, nullable, description: fieldDescription } of fields) {
    Field(type, { nullable, ...(fieldDescription ? { description: fieldDescription } : {}) })(Type.prototype, field);
  }
  ObjectType(name, { description })(Type);
  return Type;
}

/** The summary's keys and measures: the declaration's, each reading the summary's column. */
function rollupOf<G extends string>(rollup: RollupDeclaration<G>, keys: Record<G, KeyDeclaration>, measures: readonly MeasureDeclaration[]): NonNullable<Stats<G>['spec']['rollup']> {
  const columns = Object.entries(rollup.keys) as [G, string][];
  return {
    name: rollup.name,
    table: rollup.table,
    scope: rollup.scope,
    keys: Object.fromEntries(
      columns.map(([value, expr]) => {
        const { property, type, related } = keys[value].sql;
        return [value, related ? relatedKey(property, expr, related) : { property, expr, type }];
      }),
    ) as Partial<Record<G, StatsKey>>,
    measures: measures.map(({ sql }) => {
      const column = rollup.measures[sql.property];
      invariant(column, `${rollup.table}: expected a column for the measure ${sql.property}; received none`);
      return 'date' in sql ? { ...sql, sortKey: column } : { ...sql, column };
    }),
  };
}

/**
 * The stats query `name`: the rows of `listing` matching `where`, grouped in the database by
 * `groupBy` (the enum of `spec`'s keys), as groups of `group`.
 */
function statsQuery<G extends string>(name: string, listing: FilteredListing, spec: Stats<G>['spec'], groupBy: object, group: ClassType, description: string): ClassType {
  @Resolver()
  class StatsQuery {
    @Query(() => [group], { name, description })
    @Compiled({ kind: 'stats', spec })
    stats(
      @Arg('where', () => listing.Where, { nullable: true }) where: object | null,
      @Arg('groupBy', () => [groupBy]) keys: G[],
      @Ctx() ctx: Context,
      @StageArg() _stage: Stage,
    ) {
      return groupStats(ctx, spec, where, keys);
    }
  }
  Object.defineProperty(StatsQuery, 'name', { value: `${name}Query` });
  return StatsQuery;
}
