import type { Context } from '../context';
import type { Connection } from './connection';
import type { EntityClass } from './entity-table';
import type { Listing } from './listing';
import type { ListSource } from './list-query';
import { type OrderByInput, toSortKeys } from './ordering';
import type { PageArgsInput } from './pagination';
import { compileWhere } from './where';
import type { SqlCondition } from './list-query';

/** A nested connection: rows of `listing` reached from a parent through `from`/`parent`. */
export interface NestedRelation {
  /** Unique name of the relation, e.g. "Forum.sessions". */
  name: string;
  /** FROM clause; the listed table is aliased `t`, e.g. `session t`. */
  from: string;
  parent: string;
  where?: ListSource['where'];
}

/** A plain (unpaged) list: rows reached from a parent through `from`/`parent`, in `order`. */
export interface PlainRelation {
  /** Unique name of the relation, e.g. "Session.quotes". */
  name: string;
  from: string;
  parent: string;
  /** ORDER BY within one parent, e.g. `t.ordinal, t.id`. */
  order: string;
  where?: ListSource['where'];
}

/** A top-level list of `listing`, one page. */
export function listAll<T extends object>(
  ctx: Context,
  listing: Listing<T>,
  args: PageArgsInput,
  orderBy?: readonly OrderByInput[] | null,
  where?: object | null,
): Promise<Connection<T>> {
  const table = ctx.loaders.table(listing.entity);
  const keys = toSortKeys(orderBy, listing.sort, listing.defaultOrder);
  const condition = filterOf(ctx, listing, where);
  return ctx.loaders.topLevel({ from: `${table.table} t`, select: table.select(), columns: table.properties, table: table.table, where: condition }, keys, args, (row) => table.map(row));
}

/** The SQL condition of a `where` input on the listed rows (alias `t`). */
function filterOf(ctx: Context, listing: Listing<object>, where: object | null | undefined): SqlCondition | undefined {
  if (where == null || !listing.filterSpec) return undefined;
  return compileWhere(where, listing.filterSpec, ctx.sql.dialect);
}

function both(a: SqlCondition | undefined, b: SqlCondition | undefined): SqlCondition | undefined {
  if (!a || !b) return a ?? b;
  return { sql: `(${a.sql}) AND (${b.sql})`, params: [...a.params, ...b.params] };
}

/** One page of a nested connection under `parentKey`, batched with every other parent of the request. */
export function listNested<T extends object>(
  ctx: Context,
  listing: Listing<T>,
  relation: NestedRelation,
  parentKey: string,
  args: PageArgsInput,
  orderBy?: readonly OrderByInput[] | null,
  where?: object | null,
): Promise<Connection<T>> {
  const table = ctx.loaders.table(listing.entity);
  const keys = toSortKeys(orderBy, listing.sort, listing.defaultOrder);
  const loader = ctx.loaders.connection(
    relation.name,
    { from: relation.from, parent: relation.parent, where: both(relation.where, filterOf(ctx, listing, where)), select: table.select(), columns: table.properties, table: table.table },
    keys,
    args,
    (row) => table.map(row),
  );
  return loader.load(parentKey);
}

/** The whole list of `entity` rows under `parentKey`, in `order`. */
export function listPlain<T extends object>(
  ctx: Context,
  entity: EntityClass<T>,
  relation: PlainRelation,
  parentKey: string,
): Promise<T[]> {
  const table = ctx.loaders.table(entity);
  return ctx.loaders
    .list(relation.name, { ...relation, select: table.select() }, (row) => table.map(row))
    .load(parentKey);
}

/** The record of `entity` with `key`, or null: batched by DataLoader. */
export function byKey<T extends object>(ctx: Context, entity: EntityClass<T>, key: string | null | undefined): Promise<T | null> {
  return key == null ? Promise.resolve(null) : ctx.loaders.byKey(entity).load(key);
}
