import { type ClassType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, type ColumnOptions, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { z } from 'zod';
import type { EntityClass } from './entity-table';
import { type NodeType, toGlobalId } from './global-id';
import { type ColumnValues, type StoredColumns, declareColumns, snake } from './model-columns';
import { Node } from './node';
import { PartialDate } from './partial-date';
import { date, enumOf, int, key as keyRule, keys as keysRule, number, sources as sourcesRule, text as textRule } from './record-fields';
import { foldText } from './text';

/*
 * One model per entity: its fields, each declared once with everything the code needs of it
 * (type, nullability, length, description, folded for Cyrillic-correct filtering, filterable,
 * sortable, searched, exported), and its references to other records. From the model come the
 * TypeORM columns (folded copies and date bounds included), the GraphQL object type and its
 * scalar fields, the record schema that validates seeds, imports and mutations, the mapping of
 * a record to its rows, the write side's references and owned link tables, and the listing's
 * filters, sort keys, search fields and export columns (shared/listing.ts merges them), the way
 * Payload's collection config gives fields, validation and versions from one declaration.
 *
 * Naming is by rule, so nothing is named twice: field `startDate` is the column `start_date`
 * (property `startDateIso`), its first day `start_date_from`; a folded text `title` has
 * `title_fold`; a reference `region` is the column `region_id` (property `regionKey`).
 */

/** What a list or search may do with a field; each part derives a line of the listing. */
interface Listed {
  description?: string;
  /**
   * The record must have it (a non-null column and GraphQL field); otherwise it may be absent.
   * 'record': the record must have it, yet its column and field may be null (a region's reference
   * data, whose rows came before the rule).
   */
  required?: boolean | 'record';
  /** A field of the listing's `where` (a folded text filters on its folded copy); a string describes it. */
  filter?: boolean | string;
  /** A key of the listing's `orderBy`. */
  sort?: boolean;
  /** A column of the CSV/JSON export (a date as its ISO text). */
  export?: boolean;
  /** A field of the record's search document; `head` ranks it with titles, `order` places it among the others. */
  search?: { head?: boolean; order?: number };
}

export interface TextField extends Listed {
  kind: 'text';
  /** varchar(length); absent: text. */
  length?: number;
  /** Keeps a folded copy (`<column>_fold`) that filters and sorts compare. */
  fold?: boolean;
  /** The record's value must also match this (e.g. a URL). */
  format?: z.ZodTypeAny;
}
export interface NumberField extends Listed {
  kind: 'int' | 'float';
  min?: number;
  max?: number;
}
export interface EnumField<E extends Record<string, string> = Record<string, string>> extends Listed {
  kind: 'enum';
  values: E;
  /** The GraphQL enum's name (defineEnum), for the `XFilter` input. */
  name: string;
  length?: number;
}
export interface DateField extends Listed {
  kind: 'date';
}
/** A to-one reference: the key of a record of `target`, and the relation field that reads it. */
export interface RefField extends Listed {
  kind: 'ref';
  target: () => ModelTarget;
  /** The graph walk's edge through it, as shared/resolvers.ts declares edges. */
  edge?: { reverse: string | null };
}
/** A list of keys of `target` kept in a link table (parent key, target key, ordinal). */
export interface KeysField extends Listed {
  kind: 'keys';
  target: () => ModelTarget;
  link: { entity: string; table: string; parent: string; target: string };
  /** The graph walk's edge through it. */
  edge?: { reverse: string | null };
}
/**
 * A value of the record that has no column and no GraphQL field of its own: `rule` validates it,
 * the model's `derive` stores it (a figure's subject, kept as a type and a key), a resolver reads it.
 */
export interface RecordField<R extends z.ZodTypeAny = z.ZodTypeAny> extends Omit<Listed, 'filter' | 'sort' | 'export' | 'search'> {
  kind: 'record';
  rule: R;
  filter?: never;
  sort?: never;
  export?: never;
  search?: never;
}
export type FieldSpec = TextField | NumberField | EnumField | DateField | RefField | KeysField | RecordField;
export type Fields = Record<string, FieldSpec>;

/** What a reference needs of its target: its node type and the format of its keys. */
export type ModelTarget = EntityClass & { readonly nodeType: NodeType; readonly keyFormat?: z.ZodTypeAny };

/** The field declarations, each a function so options keep their literal types (`required: true`). */
export const field = {
  text: <const O extends Omit<TextField, 'kind'>>(options: O) => ({ kind: 'text', ...options }) as const,
  int: <const O extends Omit<NumberField, 'kind'>>(options: O = {} as O) => ({ kind: 'int', ...options }) as const,
  float: <const O extends Omit<NumberField, 'kind'>>(options: O = {} as O) => ({ kind: 'float', ...options }) as const,
  enum: <E extends Record<string, string>, const O extends Omit<EnumField<E>, 'kind' | 'values' | 'name'>>(values: E, name: string, options: O = {} as O) =>
    ({ kind: 'enum', values, name, ...options }) as const,
  date: <const O extends Omit<DateField, 'kind'>>(options: O = {} as O) => ({ kind: 'date', ...options }) as const,
  ref: <const O extends Omit<RefField, 'kind' | 'target'>>(target: () => ModelTarget, options: O = {} as O) => ({ kind: 'ref', target, ...options }) as const,
  keys: <const O extends Omit<KeysField, 'kind' | 'target'>>(target: () => ModelTarget, options: O) => ({ kind: 'keys', target, ...options }) as const,
  record: <R extends z.ZodTypeAny, const O extends Omit<RecordField<R>, 'kind' | 'rule'>>(rule: R, options: O = {} as O) => ({ kind: 'record', rule, ...options }) as const,
};

type Kinds<F extends Fields, K extends FieldSpec['kind']> = { [N in keyof F]: F[N]['kind'] extends K ? N : never }[keyof F] & string;
type Required<S> = S extends { required: true } ? true : false;
type Maybe<S, T> = Required<S> extends true ? T : T | null;
type ScalarValue<S> = S extends EnumField<infer E> ? E[keyof E] : S extends NumberField ? number : string;
type Folded<F extends Fields> = { [N in keyof F]: F[N] extends { fold: true } ? N : never }[keyof F] & string;

/** The row of a model's table, as its entity's properties. */
export type RowOf<F extends Fields> = { key: string } & { [N in Kinds<F, 'text' | 'int' | 'float' | 'enum'>]: Maybe<F[N], ScalarValue<F[N]>> } & {
  [N in Folded<F> as `${N}Fold`]: Maybe<F[N], string>;
} & { [N in Kinds<F, 'date'> as `${N}Iso` | `${N}From`]: string | null } & { [N in Kinds<F, 'ref'> as `${N}Key`]: Maybe<F[N], string> };

/** An instance of a model's entity: its row, its global ID and its dates read as partial dates. */
export type InstanceOf<F extends Fields> = RowOf<F> & { readonly id: string } & { readonly [N in Kinds<F, 'date'>]: PartialDate | null };

type Present<F extends Fields> = { [N in keyof F]: F[N] extends { required: true | 'record' } ? N : F[N]['kind'] extends 'keys' ? N : never }[keyof F] & string;
type RecordValue<S> = S extends KeysField ? string[] : S extends RecordField<infer R> ? z.output<R> : S extends RefField | DateField ? string : ScalarValue<S>;
/**
 * Whether a record names the publications it comes from (`sources`): true for most types; false
 * for a publication; 'written' where the seed files leave them to the loader (a quote's is its
 * publication, reference data's its data set) but imports and mutations name them.
 */
export type Sourcing = boolean | 'written';
/** A record of the model, as the seed files, imports and mutations give it. */
export type RecordOf<F extends Fields, Sourced extends Sourcing = true> = { key: string } & { [N in Present<F>]: RecordValue<F[N]> } & {
  [N in Exclude<keyof F & string, Present<F>>]?: RecordValue<F[N]>;
} & (Sourced extends true ? { sources: string[] } : Sourced extends 'written' ? { sources?: string[] } : unknown);

/** The rows of a record: its own and those of its link tables. */
export interface ModelRows<F extends Fields> {
  row: RowOf<F>;
  links: { entity: EntityClass; parentProperty: string; rows: Record<string, unknown>[] }[];
}

export interface ModelSpec<F extends Fields, S extends Sourcing = true> {
  type: NodeType;
  table: string;
  /** The GraphQL type's description; absent: none. */
  description?: string;
  fields: F;
  /** The record names the publications it comes from (`sources`; see Sourcing); absent: true. */
  sourced?: S;
  /** The format of its keys; absent: a lower-case slug. */
  keyFormat?: z.ZodTypeAny;
  /** Columns of its rows that no field gives (shared/model-columns.ts): `derive` computes them. */
  columns?: StoredColumns;
  /** The values of `columns` for `record`, the `position`th of the records written together (a quote's order). */
  derive?(record: RecordOf<F, S>, position: number): Record<string, unknown>;
}

/** What `defineModel` asks of a model with `columns` D: a `derive` that gives each of them its typed value. */
type Derivation<F extends Fields, S extends Sourcing, D extends StoredColumns> = { columns?: D } & ([keyof D] extends [never]
  ? { derive?: undefined }
  : { derive(record: RecordOf<F, S>, position: number): ColumnValues<D> });

/** What the rest of the code reads of a model. */
export interface Model<F extends Fields = Fields, S extends Sourcing = Sourcing> {
  readonly spec: ModelSpec<F, S>;
  /** The record schema of the seed files (built on first use: a reference's key format is its target's). */
  schema(): z.ZodObject<z.ZodRawShape, 'strict', z.ZodTypeAny, RecordOf<F, S>>;
  /** The record schema of imports and mutations: the seed files', with `sources` where they are 'written'. */
  writeSchema(): z.ZodObject<z.ZodRawShape, 'strict', z.ZodTypeAny, RecordOf<F, S>>;
  /** The record's fields that hold keys of other records, and their type. */
  refs(): Record<string, NodeType>;
  /** The link tables its records own: written and removed with them. */
  readonly owned: readonly { table: string; column: string }[];
  /** The entities of its link tables. */
  readonly linkEntities: readonly EntityClass[];
  /** Its rows; `position` is the record's among those written together (what `derive` may use). */
  toRows(record: RecordOf<F, S>, position?: number): ModelRows<F>;
}

export type ModelClass<F extends Fields, S extends Sourcing = Sourcing, D extends StoredColumns = Record<never, never>> = (new () => InstanceOf<F> & ColumnValues<D>) & {
  readonly nodeType: NodeType;
  readonly model: Model<F, S>;
  readonly keyFormat: z.ZodTypeAny;
};

/** The record type of a model's class: `type ForumRecord = RecordOfModel<typeof Forum>`. */
export type RecordOfModel<C> = C extends ModelClass<infer F, infer S> ? RecordOf<F, S> : never;

export { snake };
/** `forum_id` → `forumKey`. */
const keyProperty = (column: string) => `${column.replace(/_id$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}Key`;

/** Whether a field's column and GraphQL field may be null. */
export const nullableField = (spec: FieldSpec) => spec.required !== true;

/** The column a field's value is stored in (a reference's `_id`); its folded copy and first day add suffixes. */
export function columnOfField(name: string, spec: FieldSpec): string {
  return spec.kind === 'ref' ? `${snake(name)}_id` : snake(name);
}

function recordRule(spec: FieldSpec): z.ZodTypeAny {
  const optional = (rule: z.ZodTypeAny) => (spec.required ? rule : rule.optional());
  switch (spec.kind) {
    case 'text':
      return optional(spec.format ? textRule.pipe(spec.format) : textRule);
    case 'int':
      return optional(int(spec.min, spec.max));
    case 'float':
      return optional(number(false, spec.min, spec.max));
    case 'enum':
      return optional(enumOf(spec.values));
    case 'date':
      return optional(date);
    case 'ref':
      return optional(spec.target().keyFormat ?? keyRule);
    case 'keys':
      return keysRule().default([]);
    case 'record':
      return optional(spec.rule);
  }
}

const from = (iso: string | null | undefined) => (iso ? PartialDate.firstDay(iso) : null);

/** A link table's entity: the parent's key, the target's key and the order in the record's list. */
function linkEntity(parent: () => EntityClass, spec: KeysField): EntityClass {
  const { link } = spec;
  const Link = class {};
  Object.defineProperty(Link, 'name', { value: link.entity });
  for (const [column, target] of [[link.parent, parent], [link.target, spec.target]] as const) {
    const property = keyProperty(column);
    PrimaryColumn('varchar', { name: column, length: 100 })(Link.prototype, property);
    ManyToOne(target)(Link.prototype, property.replace(/Key$/, ''));
    JoinColumn({ name: column })(Link.prototype, property.replace(/Key$/, ''));
  }
  Column('integer', { name: 'ordinal' })(Link.prototype, 'ordinal');
  Entity(link.table)(Link);
  return Link;
}

/** Declares the TypeORM column(s) and GraphQL field of one field on `proto`. */
function declareField(proto: object, name: string, spec: FieldSpec): void {
  const column = columnOfField(name, spec);
  const nullable = nullableField(spec);
  const described = spec.description ? { description: spec.description } : {};
  switch (spec.kind) {
    case 'text': {
      const { length } = spec;
      const declare = (property: string, options: ColumnOptions) =>
        (length ? Column('varchar', { ...options, length }) : Column('text', options))(proto, property);
      declare(name, { name: column, nullable });
      if (spec.fold) declare(`${name}Fold`, { name: `${column}_fold`, nullable, select: false });
      Field(() => String, { nullable, ...described })(proto, name);
      return;
    }
    case 'int':
    case 'float':
      (spec.kind === 'int' ? Column('integer', { name: column, nullable }) : Column('real', { name: column, nullable }))(proto, name);
      Field(() => (spec.kind === 'int' ? Int : Float), { nullable, ...described })(proto, name);
      return;
    case 'enum':
      Column('varchar', { name: column, length: spec.length ?? 30, nullable })(proto, name);
      Field(() => spec.values, { nullable, ...described })(proto, name);
      return;
    case 'date': {
      Column('varchar', { name: column, length: 10, nullable: true })(proto, `${name}Iso`);
      Column('varchar', { name: `${column}_from`, length: 10, nullable: true, select: false })(proto, `${name}From`);
      const property = `${name}Iso`;
      Object.defineProperty(proto, name, {
        get(this: Record<string, string | null>) {
          return PartialDate.parse(this[property]);
        },
        configurable: true,
      });
      Field(() => PartialDate, { nullable: true, ...described })(proto, name, Object.getOwnPropertyDescriptor(proto, name)!);
      return;
    }
    case 'ref':
      Column('varchar', { name: column, length: 100, nullable })(proto, `${name}Key`);
      // The relation is TypeORM's record of the foreign key (who refers to a record, write-rows.ts).
      ManyToOne(spec.target)(proto, name);
      JoinColumn({ name: column })(proto, name);
      return;
    case 'keys':
    case 'record':
      return;
  }
}

/** The row of one field of `record` (its value, folded copy, ISO text and first day, or key). */
function rowOf(name: string, spec: FieldSpec, value: unknown, row: Record<string, unknown>): void {
  switch (spec.kind) {
    case 'date':
      row[`${name}Iso`] = value ?? null;
      row[`${name}From`] = from(value as string | undefined);
      return;
    case 'ref':
      row[`${name}Key`] = value ?? null;
      return;
    case 'keys':
    case 'record':
      return;
    default:
      row[name] = value ?? null;
      if (spec.kind === 'text' && spec.fold) row[`${name}Fold`] = foldText(value as string | undefined);
  }
}

/**
 * The entity class of a model: a TypeORM entity of its table and a type-graphql object type
 * implementing Node, with a column and a field for each declared field (a date is read as a
 * PartialDate; a reference's relation field is the resolver's, shared/resolvers.ts).
 */
export function defineModel<const F extends Fields, const S extends Sourcing = true, const D extends StoredColumns = Record<never, never>>(
  spec: ModelSpec<F, S> & Derivation<F, S, D>,
): ModelClass<F, S, D> {
  const entries = Object.entries(spec.fields) as [string, FieldSpec][];
  const Model = class {
    static readonly nodeType = spec.type;
    static readonly keyFormat = spec.keyFormat ?? keyRule;
  };
  Object.defineProperty(Model, 'name', { value: spec.type });
  const proto = Model.prototype as object;
  PrimaryColumn('varchar', { name: 'id', length: 100 })(proto, 'key');
  for (const [name, declared] of entries) declareField(proto, name, declared);
  declareColumns(proto, spec.columns ?? {});
  Object.defineProperty(proto, 'id', {
    get(this: { key: string }) {
      return toGlobalId(spec.type, this.key);
    },
    configurable: true,
  });
  Field(() => ID)(proto, 'id', Object.getOwnPropertyDescriptor(proto, 'id')!);
  ObjectType(spec.type, { implements: Node, description: spec.description })(Model);
  Entity(spec.table)(Model);

  const links = entries.flatMap(([name, declared]) => (declared.kind === 'keys' ? [{ name, declared, entity: linkEntity(() => Model, declared) }] : []));
  type Schema = ReturnType<Model<F, S>['schema']>;
  let schema: Schema | undefined;
  let written: Schema | undefined;
  const model: Model<F, S> = {
    spec,
    schema: () =>
      (schema ??= z
        .object({
          key: spec.keyFormat ?? keyRule,
          ...Object.fromEntries(entries.map(([name, declared]) => [name, recordRule(declared)])),
          ...(spec.sourced === undefined || spec.sourced === true ? { sources: sourcesRule } : {}),
        })
        .strict() as unknown as Schema),
    writeSchema: () => (written ??= spec.sourced === 'written' ? (model.schema().extend({ sources: sourcesRule }) as unknown as Schema) : model.schema()),
    refs: () => ({
      ...Object.fromEntries(entries.flatMap(([name, declared]) => (declared.kind === 'ref' || declared.kind === 'keys' ? [[name, declared.target().nodeType]] : []))),
      ...(spec.sourced === false ? {} : { sources: 'Publication' as NodeType }),
    }),
    owned: links.map(({ declared }) => ({ table: declared.link.table, column: declared.link.parent })),
    linkEntities: links.map(({ entity }) => entity),
    toRows(record, position = 0) {
      const values = record as unknown as Record<string, unknown>;
      const row: Record<string, unknown> = { key: record.key };
      for (const [name, declared] of entries) rowOf(name, declared, values[name], row);
      Object.assign(row, spec.derive?.(record, position));
      return {
        row: row as RowOf<F>,
        links: links.map(({ name, declared, entity }) => {
          const [parent, target] = [keyProperty(declared.link.parent), keyProperty(declared.link.target)];
          const keys = (values[name] as string[] | undefined) ?? [];
          return { entity, parentProperty: parent, rows: keys.map((key, ordinal) => ({ [parent]: record.key, [target]: key, ordinal })) };
        }),
      };
    },
  };
  return Object.assign(Model, { model }) as unknown as ModelClass<F, S, D>;
}

/** The model of an entity class, where it has one. */
export function modelOf(entity: object): Model | undefined {
  return (entity as { model?: Model }).model;
}

/** The link-table entity of `model`'s keys field `name`. */
export function linkEntityOf(model: Model, name: string): ClassType {
  const index = Object.entries(model.spec.fields).filter(([, spec]) => spec.kind === 'keys').findIndex(([field]) => field === name);
  if (index < 0) throw new Error(`${model.spec.type}.${name} is not a list of keys in a link table`);
  return model.linkEntities[index] as ClassType;
}
