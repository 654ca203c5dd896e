import type { z } from 'zod';
import type { EntityClass } from './entity-table';
import type { NodeType } from './global-id';
import type { PartialDate } from './partial-date';

/*
 * The kinds of field a model declares (shared/model.ts), and the types derived from them: the row
 * of its table, its instance, and its record as seed files, imports and mutations give it.
 */

/** What a list or search may do with a field; each part derives a line of the listing. */
export interface Listed {
  description?: string;
  /**
   * The record must have it (a non-null column and GraphQL field); otherwise it may be absent.
   * 'record': the record must have it, yet its column and field may be null (a region's reference
   * data, whose rows came before the rule).
   */
  required?: boolean | 'record';
  /**
   * Not written by records: the model's `derive` gives it from the rest of the record (a speaker's
   * latest position, from the last of their affiliations). It is stored, read and listed as any other.
   */
  derived?: boolean;
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
/** The fields a link record may have: values and references, no lists. */
export type LinkFieldSpec = TextField | NumberField | EnumField | DateField | RefField;
export type LinkFields = Record<string, LinkFieldSpec>;

/**
 * A list of link records, each with fields of its own, kept in their own table beside the
 * parent's key and their order (a session's participants, a speaker's affiliations, a cluster's
 * members): a GraphQL object type of their own (`entity`), read in the record's order.
 */
export interface RecordsField<N extends LinkFields = LinkFields, S extends boolean = boolean, R = RecordOf<N, S>> {
  kind: 'records';
  /** The parent's list field. */
  description?: string;
  /** The link record's GraphQL object type and TypeORM entity, its description and its table. */
  entity: string;
  entityDescription?: string;
  table: string;
  /** The column of the parent's key, and the link type's field that reads the parent. */
  parent: { column: string; field: string };
  fields: N;
  /** Each names the publications it comes from (`sources`), cited by the parent. */
  sourced?: S;
  /** Its key (`id`, varchar(length)) made from the parent's key, the record and its place; absent: the parent's key and `primary` are the primary key. */
  key?: { length: number; of(parent: string, record: R, ordinal: number): string };
  /** The reference that makes a link record one of a kind under its parent, where it has no `key`. */
  primary?: keyof N & string;
  /** The fields whose values no two link records of a parent share; a duplicate is reported `at` the field. */
  distinct?: { by: readonly (keyof N & string)[]; at: keyof N & string };
  /** The graph walk's edge from the parent to the record of the reference `to`. */
  edge?: { reverse: string | null; to: keyof N & string; distinct?: boolean };
  /**
   * Lists of the records a reference of the link records names, each once (a session's speakers
   * through its participants): a connection of the parent, and a filter of its listing.
   */
  lists?: Readonly<Record<string, ThroughList<keyof N & string>>>;
  required?: never;
  derived?: never;
  filter?: never;
  sort?: never;
  export?: never;
  search?: never;
}
/** A list of records reached through link records: a connection, and a filter where `filter` says. */
export interface ThroughList<R extends string = string> {
  /** The reference of the link records that names them. */
  to: R;
  description?: string;
  /** A field of the listing's `where` (some, none, every); a string describes it. */
  filter?: boolean | string;
  /** The connection takes the target listing's `where` and `orderBy`. */
  filters?: boolean;
  /** The graph walk's edge through it. */
  edge?: { reverse: string | null };
}

/**
 * The reverse of a `records` list's `lists` (a speaker's sessions, through the sessions'
 * participants): the model whose `records` field `list` holds the link records, and the
 * reference of theirs that names the record it starts from (`to`). Declared where both models
 * are known (a resolver's `r.via`, a listing's `filter.via`), so the models need not import
 * each other.
 */
export interface Via {
  model: () => ModelTarget;
  list: string;
  to: string;
}

/** Any list of link records (`never`: each key function takes its own list's records). */
export type AnyRecordsField = RecordsField<LinkFields, boolean, never>;
export type FieldSpec = LinkFieldSpec | KeysField | RecordField | AnyRecordsField;
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
  records: <const N extends LinkFields, const S extends boolean = false>(fields: N, options: Omit<RecordsField<N, S>, 'kind' | 'fields'>) =>
    ({ kind: 'records', fields, ...options }) as RecordsField<N, S>,
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

/** The fields a record writes: all but the derived. */
type Written<F extends Fields> = { [N in keyof F]: F[N] extends { derived: true } ? never : N }[keyof F] & string;
/** The derived fields. */
export type DerivedNames<F extends Fields> = { [N in keyof F]: F[N] extends { derived: true } ? N : never }[keyof F] & string;
type Present<F extends Fields> = { [N in Written<F>]: F[N] extends { required: true | 'record' } ? N : F[N]['kind'] extends 'keys' | 'records' ? N : never }[Written<F>];
type RecordValue<S> = S extends KeysField
  ? string[]
  : S extends RecordsField<infer N, infer T>
    ? RecordOf<N, T>[]
    : S extends RecordField<infer R>
      ? z.output<R>
      : S extends RefField | DateField
        ? string
        : ScalarValue<S>;
/** The values `derive` gives the derived fields of a record. */
export type DerivedValues<F extends Fields> = { [N in DerivedNames<F>]: RecordValue<F[N]> | null };
/**
 * Whether a record names the publications it comes from (`sources`): true for most types; false
 * for a publication; 'written' where the seed files leave them to the loader (a quote's is its
 * publication, reference data's its data set) but imports and mutations name them.
 */
export type Sourcing = boolean | 'written';
/** A record of the model, as the seed files, imports and mutations give it. */
export type RecordOf<F extends Fields, Sourced extends Sourcing = true> = { key: string } & { [N in Present<F>]: RecordValue<F[N]> } & {
  [N in Exclude<Written<F>, Present<F>>]?: RecordValue<F[N]>;
} & (Sourced extends true ? { sources: string[] } : Sourced extends 'written' ? { sources?: string[] } : unknown);

/** `seriesTitle` → `series_title`: a property's column, by the models' naming rule. */
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `forum_id` → `forumKey`. */
export const keyProperty = (column: string) => `${column.replace(/_id$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}Key`;

/** Whether a field's column and GraphQL field may be null. */
export const nullableField = (spec: FieldSpec) => spec.required !== true;

/** The column a field's value is stored in (a reference's `_id`); its folded copy and first day add suffixes. */
export function columnOfField(name: string, spec: FieldSpec): string {
  return spec.kind === 'ref' ? `${snake(name)}_id` : snake(name);
}
