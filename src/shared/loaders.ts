import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Row, Sql } from '../db/sql';
import { type Connection, toConnection } from './connection';
import { type EntityClass, type EntityTable, entityTable } from './entity-table';
import { EMPTY_PAGE, type ListSource, type SqlCondition, fetchPages } from './list-query';
import { type PageArgsInput, type SortKey, toPageRequest } from './pagination';

/** How a plain (unpaged) list hangs off its parent. */
export interface ListRelation {
  from: string;
  /** The values of the `?` placeholders in `from`, bound before the batch's keys. */
  fromParams?: readonly unknown[];
  select: string;
  parent: string;
  where?: SqlCondition;
  /** ORDER BY within one parent, e.g. `t.ordinal, t.id`. */
  order: string;
}

/** The names of the loaders by key start with it. */
const BY_KEY = 'byKey:';

/**
 * The request's DataLoaders, made on first use and kept for the request. Loaders are keyed by a
 * name (and, for connections, by their arguments), so every parent asking the same question in
 * one request joins one batch: one statement per relation and argument set, whatever the rows.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly sql: Sql,
    readonly dataSource: DataSource,
  ) {}

  table<T extends object>(entity: EntityClass<T>): EntityTable<T> {
    return entityTable(this.dataSource, entity);
  }

  private get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /**
   * Forgets what a write may have changed, with DataLoader's own `clear` and `clearAll`: the
   * records `written` (their keys, in every loader by key), and every list and connection (a
   * write changes lists other than its record's own: a new session is in its forum's); without
   * `written`, everything. What the request reads next is read anew.
   */
  forget(written?: readonly string[]): void {
    for (const [name, loader] of this.loaders) {
      if (written && name.startsWith(BY_KEY)) for (const key of written) loader.clear(key);
      else loader.clearAll();
    }
  }

  /** The record of `entity` with each key, or null where none has it. */
  byKey<T extends object>(entity: EntityClass<T>): DataLoader<string, T | null> {
    const table = this.table(entity);
    return this.get(`${BY_KEY}${table.table}`, async (keys: readonly string[]) => {
      const rows = await this.sql.query(
        `SELECT ${table.select()} FROM ${table.table} t WHERE ${this.sql.dialect.inArray('t.id')}`,
        [this.sql.dialect.arrayParam(keys)],
      );
      const byKey = new Map(rows.map((row) => [row.key as string, table.map(row)]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
  }

  /** The whole list under each parent key, in `relation.order`. */
  list<T>(name: string, relation: ListRelation, map: (row: Row) => T): DataLoader<string, T[]> {
    return this.get(`list:${name}`, async (parents: readonly string[]) => {
      const { dialect } = this.sql;
      const rows = await this.sql.query(
        `SELECT ${relation.select}, ${relation.parent} AS __p FROM ${relation.from}
         WHERE ${dialect.inArray(relation.parent)}${relation.where ? ` AND (${relation.where.sql})` : ''}
         ORDER BY ${relation.parent}, ${relation.order}`,
        [...(relation.fromParams ?? []), dialect.arrayParam(parents), ...(relation.where?.params ?? [])],
      );
      const grouped = new Map<string, T[]>();
      for (const row of rows) {
        const parent = String(row.__p);
        const items = grouped.get(parent) ?? [];
        items.push(map(row));
        grouped.set(parent, items);
      }
      return parents.map((parent) => grouped.get(parent) ?? []);
    });
  }

  /**
   * One page of a nested connection under each parent key. Parents asking with the same
   * arguments share one statement; `args` are validated before anything is read.
   */
  connection<T extends object>(
    name: string,
    source: Omit<ListSource, 'keys'>,
    keys: SortKey[],
    args: PageArgsInput,
    map: (row: Row) => T,
  ): DataLoader<string, Connection<T>> {
    const request = toPageRequest(args, keys);
    const signature = JSON.stringify([args.first, args.after, args.last, args.before, keys, source.where]);
    return this.get(`connection:${name}:${signature}`, async (parents: readonly string[]) => {
      const pages = await fetchPages(this.sql, { ...source, keys }, parents, request);
      return parents.map((parent) => toConnection(pages.get(parent) ?? EMPTY_PAGE, map));
    });
  }

  /** One page of a top-level list. */
  async topLevel<T extends object>(
    source: Omit<ListSource, 'keys' | 'parent'>,
    keys: SortKey[],
    args: PageArgsInput,
    map: (row: Row) => T,
  ): Promise<Connection<T>> {
    const request = toPageRequest(args, keys);
    const pages = await fetchPages(this.sql, { ...source, keys }, null, request);
    return toConnection(pages.get('') ?? EMPTY_PAGE, map);
  }
}
