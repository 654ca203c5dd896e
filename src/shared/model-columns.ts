import { Field, Float, Int } from 'type-graphql';
import { Column, type ColumnOptions, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { type FieldSpec, columnOfField, nullableField, snake } from './model-fields';
import { PartialDate } from './partial-date';
import { foldText } from './text';

/*
 * The columns of a model's row: those of its fields (declareField, rowOf: a folded copy, a date's
 * ISO text and first day, a reference's key) and those no field gives one to one, which the
 * model's `derive` computes from the record (a quote's place in its publication, a figure's subject
 * kept as a type and a key). Stored columns are neither read nor written by GraphQL; their values
 * are typed by their declaration, so a `derive` that leaves one out does not compile.
 */

/**
 * A stored column: its SQL type, the length of a varchar, whether it may be null. Named after its
 * property as a reference's key is: `subjectType` → subject_type, `subjectKey` → subject_id.
 */
export interface StoredColumn {
  type: 'integer' | 'real' | 'varchar' | 'text';
  length?: number;
  nullable?: boolean;
  /**
   * Numbers the records in the order they were created (a quote's place among its publication's):
   * at a record's first write the database gives it the next number after every row's, and later
   * writes keep it (write-rows.ts, insertRows). `derive` does not give it.
   */
  append?: boolean;
}
export type StoredColumns = Record<string, StoredColumn>;

/** The columns of `D` that `derive` gives. */
type Derived<D> = { [K in keyof D]: D[K] extends { append: true } ? never : K }[keyof D];
/** The values of `D`'s derived columns, as `derive` returns them. */
export type ColumnValues<D> = { [K in Derived<D>]: (D[K] extends { type: 'integer' | 'real' } ? number : string) | (D[K] extends { nullable: true } ? null : never) };

/** The column of a stored column's property: `subjectType` → subject_type, `subjectKey` → subject_id. */
export const storedColumnName = (property: string) => (property.endsWith('Key') ? `${snake(property.slice(0, -3))}_id` : snake(property));

/** Declares the TypeORM column of each of `columns` on `proto`. */
export function declareColumns(proto: object, columns: StoredColumns): void {
  for (const [property, { type, length, nullable = false }] of Object.entries(columns)) {
    const name = storedColumnName(property);
    Column({ type, name, nullable, ...(type === 'varchar' ? { length: length ?? 100 } : {}) })(proto, property);
  }
}

/**
 * Declares the TypeORM column(s) and GraphQL field of one field on `proto`; `primary`: its column
 * is (part of) the primary key. A reference's relation field is the resolver's (shared/resolvers.ts).
 */
export function declareField(proto: object, name: string, spec: FieldSpec, primary = false): void {
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
      (primary ? PrimaryColumn('varchar', { name: column, length: 100 }) : Column('varchar', { name: column, length: 100, nullable }))(proto, `${name}Key`);
      // The relation is TypeORM's record of the foreign key (who refers to a record, write-rows.ts).
      ManyToOne(spec.target)(proto, name);
      JoinColumn({ name: column })(proto, name);
      return;
    case 'keys':
    case 'record':
    case 'records':
      return;
  }
}

const firstDay = (iso: string | null | undefined) => (iso ? PartialDate.firstDay(iso) : null);

/** The row of one field of a record with `value` (its value, folded copy, ISO text and first day, or key), into `row`. */
export function rowOf(name: string, spec: FieldSpec, value: unknown, row: Record<string, unknown>): void {
  switch (spec.kind) {
    case 'date':
      row[`${name}Iso`] = value ?? null;
      row[`${name}From`] = firstDay(value as string | undefined);
      return;
    case 'ref':
      row[`${name}Key`] = value ?? null;
      return;
    case 'keys':
    case 'record':
    case 'records':
      return;
    default:
      row[name] = value ?? null;
      if (spec.kind === 'text' && spec.fold) row[`${name}Fold`] = foldText(value as string | undefined);
  }
}
