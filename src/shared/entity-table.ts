import { type DataSource, getMetadataArgsStorage } from 'typeorm';
import type { Row } from '../db/sql';

export type EntityClass<T = object> = new () => T;

/**
 * How raw rows of one entity's table become instances of its class: the table name and the
 * selected columns, read once from TypeORM's metadata, so no column list is written twice.
 * Rows are read with plain SQL and copied into instances: no entity hydration on the hot path.
 */
export class EntityTable<T extends object> {
  /** The names `select` gives the columns: the entity's properties. */
  readonly properties: string[];

  constructor(
    readonly entity: EntityClass<T>,
    readonly table: string,
    private readonly columns: { property: string; column: string }[],
  ) {
    this.properties = columns.map((c) => c.property);
  }

  /** The select list of the table aliased `alias`, each column named as its property. */
  select(alias = 't'): string {
    return this.columns.map((c) => `${alias}.${c.column} AS "${c.property}"`).join(', ');
  }

  map(row: Row): T {
    const instance = new this.entity() as Record<string, unknown>;
    for (const property of this.properties) instance[property] = row[property];
    return instance as T;
  }
}

/** The table `entity`'s @Entity names, read from TypeORM's decorator metadata (no data source needed). */
export function tableOf(entity: EntityClass): string {
  const table = getMetadataArgsStorage().tables.find((t) => t.target === entity)?.name;
  if (!table) throw new Error(`${entity.name} is not an @Entity with a table name`);
  return table;
}

/** The column behind `entity`'s property `property`, from its @Column. */
export function columnOf(entity: EntityClass, property: string): string {
  const column = getMetadataArgsStorage().columns.find((c) => c.target === entity && c.propertyName === property);
  if (!column) throw new Error(`${entity.name}.${property} is not a column`);
  return column.options.name ?? property;
}

const cache = new WeakMap<DataSource, Map<EntityClass, EntityTable<object>>>();

/** The EntityTable of `entity` in `dataSource`'s metadata (cached per data source). */
export function entityTable<T extends object>(dataSource: DataSource, entity: EntityClass<T>): EntityTable<T> {
  let tables = cache.get(dataSource);
  if (!tables) {
    tables = new Map();
    cache.set(dataSource, tables);
  }
  let table = tables.get(entity);
  if (!table) {
    const metadata = dataSource.getMetadata(entity);
    const columns = metadata.columns
      .filter((c) => c.isSelect)
      .map((c) => ({ property: c.propertyName, column: c.databaseName }));
    table = new EntityTable(entity, metadata.tableName, columns);
    tables.set(entity, table);
  }
  return table as EntityTable<T>;
}
