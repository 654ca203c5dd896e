import { type ClassType, Field, ID, ObjectType } from 'type-graphql';
import { Entity, PrimaryColumn } from 'typeorm';
import { z } from 'zod';
import type { EntityClass } from './entity-table';
import { type NodeType, declareNodeType, toGlobalId } from './global-id';
import { type ColumnValues, type StoredColumns, declareColumns, declareField, rowOf, storedColumnName } from './model-columns';
import { type DerivedValues, type FieldSpec, type Fields, type InstanceOf, type RecordOf, type RowOf, type Sourcing, keyProperty } from './model-fields';
import { linkEntity, linkRecordRows, linkRecordsEntity, recordRule } from './model-records';
import { Node } from './node';
import { key as keyRule, sources as sourcesRule } from './record-fields';

/*
 * One model per entity: its fields, each declared once with everything the code needs of it
 * (type, nullability, length, description, folded for Cyrillic-correct filtering, filterable,
 * sortable, searched, exported), its references to other records and the lists it owns. From the
 * model come the TypeORM columns (folded copies and date bounds included), the GraphQL object type
 * and its scalar fields, the record schema that validates seeds, imports and mutations, the
 * mapping of a record to its rows, the write side's references and owned tables, the relation
 * fields (shared/resolvers.ts) and the listing's filters, sort keys, search fields and export
 * columns (shared/listing.ts), the way Payload's collection config gives fields, validation and
 * versions from one declaration. The kinds of field are in shared/model-fields.ts.
 *
 * Naming is by rule, so nothing is named twice: field `startDate` is the column `start_date`
 * (property `startDateIso`), its first day `start_date_from`; a folded text `title` has
 * `title_fold`; a reference `region` is the column `region_id` (property `regionKey`).
 */

export * from './model-fields';

/** The rows of a record: its own and those of the lists it owns (link tables and link records). */
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
  /** Its records answer `publications` (what they come from, who mentions them); absent: true. */
  cited?: boolean;
  /** The format of its keys; absent: a lower-case slug. */
  keyFormat?: z.ZodTypeAny;
  /** Columns of its rows that no field gives (shared/model-columns.ts): `derive` computes them. */
  columns?: StoredColumns;
  /** The values of `columns` (but those numbered by the database, `append`) and of the derived fields, for `record`. */
  derive?(record: RecordOf<F, S>): Record<string, unknown>;
}

type DerivedNamesOf<F extends Fields> = keyof DerivedValues<F>;
/** What `defineModel` asks of a model with `columns` D and derived fields: a `derive` that gives each of them its typed value. */
type Derivation<F extends Fields, S extends Sourcing, D extends StoredColumns> = { columns?: D } & ([keyof ColumnValues<D> | DerivedNamesOf<F>] extends [never]
  ? { derive?: undefined }
  : { derive(record: RecordOf<F, S>): ColumnValues<NoInfer<D>> & DerivedValues<F> });

/** A list a record owns, as the write side replaces it: its entity, table and the column of the parent's key. */
export interface OwnedList {
  field: string;
  entity: EntityClass;
  table: string;
  column: string;
  parentProperty: string;
  /** Link records with fields of their own (not a link table of keys). */
  records: boolean;
}

/** What the rest of the code reads of a model. */
export interface Model<F extends Fields = Fields, S extends Sourcing = Sourcing> {
  readonly spec: ModelSpec<F, S>;
  /** The record schema of the seed files (built on first use: a reference's key format is its target's). */
  schema(): z.ZodObject<z.ZodRawShape, 'strict', z.ZodTypeAny, RecordOf<F, S>>;
  /** The record schema of imports and mutations: the seed files', with `sources` where they are 'written'. */
  writeSchema(): z.ZodObject<z.ZodRawShape, 'strict', z.ZodTypeAny, RecordOf<F, S>>;
  /** The record's fields that hold keys of other records, and their type. */
  refs(): Record<string, NodeType>;
  /** The reference fields of each list of link records (a session's participants' speaker), and their type. */
  nested(): Record<string, Record<string, NodeType>>;
  /** The lists its records own: written and removed with them. */
  readonly owned: readonly OwnedList[];
  /** The entities of its link tables and link records. */
  readonly linkEntities: readonly EntityClass[];
  /** The publications a record names: its own sources and its link records', each once. */
  sourcesOf(record: RecordOf<F, S>): string[];
  /** Its rows (without the columns the database numbers, `append`). */
  toRows(record: RecordOf<F, S>): ModelRows<F>;
  /** The columns of its rows the database numbers in the order of creation (StoredColumn.append). */
  readonly appended: readonly string[];
}

export type ModelClass<F extends Fields, S extends Sourcing = Sourcing, D extends StoredColumns = Record<never, never>, T extends NodeType = NodeType> = (new () => InstanceOf<F> &
  ColumnValues<D>) & {
  readonly nodeType: T;
  readonly model: Model<F, S>;
  readonly keyFormat: z.ZodTypeAny;
};

/** The record type of a model's class: `type ForumRecord = RecordOfModel<typeof Forum>`. */
export type RecordOfModel<C> = C extends ModelClass<infer F, infer S> ? RecordOf<F, S> : never;

const sourced = (spec: { sourced?: Sourcing }) => spec.sourced === undefined || spec.sourced === true;

/** The lists a model's fields declare, each with its entity. */
function ownedLists(parent: () => EntityClass, entries: [string, FieldSpec][]): OwnedList[] {
  return entries.flatMap(([field, spec]): OwnedList[] => {
    if (spec.kind === 'keys') {
      const { table, parent: column } = spec.link;
      return [{ field, entity: linkEntity(parent, spec), table, column, parentProperty: keyProperty(column), records: false }];
    }
    if (spec.kind === 'records') {
      return [{ field, entity: linkRecordsEntity(parent, spec), table: spec.table, column: spec.parent.column, parentProperty: `${spec.parent.field}Key`, records: true }];
    }
    return [];
  });
}

/**
 * The entity class of a model: a TypeORM entity of its table and a type-graphql object type
 * implementing Node, with a column and a field for each declared field (a date is read as a
 * PartialDate; a reference's relation field is the resolver's, shared/resolvers.ts).
 */
export function defineModel<const T extends NodeType, const F extends Fields, const S extends Sourcing = true, const D extends StoredColumns = Record<never, never>>(
  spec: ModelSpec<F, S> & { type: T } & Derivation<F, S, D>,
): ModelClass<F, S, D, T> {
  const entries = Object.entries(spec.fields) as [string, FieldSpec][];
  const written = entries.filter(([, declared]) => !declared.derived);
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

  const owned = ownedLists(() => Model, entries);
  const refsOf = (fields: [string, FieldSpec][], withSources: boolean) => ({
    ...Object.fromEntries(fields.flatMap(([name, declared]) => (declared.kind === 'ref' || declared.kind === 'keys' ? [[name, declared.target().nodeType]] : []))),
    ...(withSources ? { sources: 'Publication' as NodeType } : {}),
  });
  type Schema = ReturnType<Model<F, S>['schema']>;
  let schema: Schema | undefined;
  let writeSchema: Schema | undefined;
  const model: Model<F, S> = {
    spec,
    schema: () =>
      (schema ??= z
        .object({
          key: spec.keyFormat ?? keyRule,
          ...Object.fromEntries(written.map(([name, declared]) => [name, recordRule(declared)])),
          ...(sourced(spec) ? { sources: sourcesRule } : {}),
        })
        .strict() as unknown as Schema),
    writeSchema: () => (writeSchema ??= spec.sourced === 'written' ? (model.schema().extend({ sources: sourcesRule }) as unknown as Schema) : model.schema()),
    refs: () => refsOf(written, spec.sourced !== false),
    nested: () =>
      Object.fromEntries(
        entries.flatMap(([name, declared]) => (declared.kind === 'records' ? [[name, refsOf(Object.entries(declared.fields), declared.sourced === true)]] : [])),
      ),
    owned,
    linkEntities: owned.map(({ entity }) => entity),
    sourcesOf(record) {
      const values = record as unknown as Record<string, unknown>;
      const named = [...((values.sources as string[] | undefined) ?? [])];
      for (const [name, declared] of entries) {
        if (declared.kind === 'records' && declared.sourced) for (const element of values[name] as { sources: string[] }[]) named.push(...element.sources);
      }
      return [...new Set(named)];
    },
    appended: Object.entries(spec.columns ?? {}).flatMap(([property, column]) => (column.append ? [storedColumnName(property)] : [])),
    toRows(record) {
      const values = record as unknown as Record<string, unknown>;
      const derived = (spec.derive?.(record) ?? {}) as Record<string, unknown>;
      const row: Record<string, unknown> = { key: record.key };
      for (const [name, declared] of entries) rowOf(name, declared, declared.derived ? derived[name] : values[name], row);
      for (const [property, column] of Object.entries(spec.columns ?? {})) if (!column.append) row[property] = derived[property];
      return {
        row: row as RowOf<F>,
        links: owned.map(({ field, entity, parentProperty }) => {
          const declared = spec.fields[field];
          const list = (values[field] as unknown[] | undefined) ?? [];
          if (declared.kind === 'records') return { entity, parentProperty, rows: linkRecordRows(record.key, declared, list as Record<string, unknown>[]) };
          const target = declared.kind === 'keys' ? keyProperty(declared.link.target) : '';
          return { entity, parentProperty, rows: (list as string[]).map((key, ordinal) => ({ [parentProperty]: record.key, [target]: key, ordinal })) };
        }),
      };
    },
  };
  const declared = Object.assign(Model, { model }) as unknown as ModelClass<F, S, D, T>;
  declareNodeType(spec.type);
  MODELS.set(spec.type, declared as unknown as EntityModel);
  return declared;
}

/** Every model by its node type, as defineModel declares them (the catalog, modules/catalog.ts, lists them all). */
const MODELS = new Map<NodeType, EntityModel>();

/** A model's entity class, as the code that reads any node type sees it. */
export type EntityModel = EntityClass & { readonly nodeType: NodeType; readonly model: Model };

/** The model (an entity class) of node type `type`. */
export function modelOfType(type: NodeType): EntityModel {
  const model = MODELS.get(type);
  if (!model) throw new Error(`no model declares the node type ${type}: its entity module is not loaded (is it in the catalog?)`);
  return model;
}

/** The model of an entity class, where it has one. */
export function modelOf(entity: object): Model | undefined {
  return (entity as { model?: Model }).model;
}

/** The entity of `model`'s list `name`: its link table (a list of keys) or its link records. */
export function linkEntityOf(model: Model, name: string): ClassType {
  const list = model.owned.find((owned) => owned.field === name);
  if (!list) throw new Error(`${model.spec.type}.${name} is not a list the record owns`);
  return list.entity as ClassType;
}
