import { Column } from 'typeorm';

/*
 * The columns of a model's row that no field of its record gives one to one: a quote's place in
 * its publication, a figure's subject kept as a type and a key. They are stored, neither read
 * nor written by GraphQL, and the model's `derive` computes them from the record (shared/model.ts);
 * their values are typed by their declaration, so a `derive` that leaves one out does not compile.
 */

/** `seriesTitle` → `series_title`: a property's column, by the models' naming rule. */
export const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A stored column: its SQL type, the length of a varchar, whether it may be null. Named after its
 * property as a reference's key is: `subjectType` → subject_type, `subjectKey` → subject_id.
 */
export interface StoredColumn {
  type: 'integer' | 'real' | 'varchar' | 'text';
  length?: number;
  nullable?: boolean;
}
export type StoredColumns = Record<string, StoredColumn>;

/** The values of `D`'s columns, as `derive` returns them. */
export type ColumnValues<D> = { [K in keyof D]: (D[K] extends { type: 'integer' | 'real' } ? number : string) | (D[K] extends { nullable: true } ? null : never) };

/** Declares the TypeORM column of each of `columns` on `proto`. */
export function declareColumns(proto: object, columns: StoredColumns): void {
  for (const [property, { type, length, nullable = false }] of Object.entries(columns)) {
    const name = property.endsWith('Key') ? `${snake(property.slice(0, -3))}_id` : snake(property);
    Column({ type, name, nullable, ...(type === 'varchar' ? { length: length ?? 100 } : {}) })(proto, property);
  }
}
