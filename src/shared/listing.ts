import { type ClassType, Field, InputType } from 'type-graphql';
import { type Connection, ConnectionType } from './connection';
import { type EntityClass, tableOf } from './entity-table';
import { SortOrder } from './enums';
import { DateFilter, IdFilter, IntFilter, StringFilter } from './filters';
import type { NodeType } from './global-id';
import type { OrderByInput, SortField } from './ordering';
import { type FieldSpec, type Via, columnOfField, modelOf, nullableField } from './model';
import { type ThroughLink, throughLinkOf } from './model-records';
import type { FieldFilter, FilterSpec } from './where';

/*
 * One declaration per listed entity: how it sorts and what it filters on. Its GraphQL inputs
 * (`XWhere`, `XListFilter`, `XOrderBy`), its connection type and the SQL both engines run
 * (`FilterSpec`, the sort fields) are derived from it, the way type-graphql's generic types
 * derive a class from a function's arguments: nothing about a field is written twice.
 */

/** One field of a `where` input: its GraphQL input type and its SQL. */
export interface FilterDeclaration {
  type: () => ClassType;
  description?: string;
  sql: FieldFilter;
}

/** The field filters a listing's `where` is built from. */
export const filter = {
  id: (): FilterDeclaration => ({ type: () => IdFilter, sql: { kind: 'id' } }),
  string: (column: string, description?: string): FilterDeclaration => ({ type: () => StringFilter, description, sql: { kind: 'string', column } }),
  int: (column: string, description?: string): FilterDeclaration => ({ type: () => IntFilter, description, sql: { kind: 'int', column } }),
  date: (column: string, description?: string): FilterDeclaration => ({ type: () => DateFilter, description, sql: { kind: 'date', column } }),
  /** An enum column, filtered by an `XFilter` input of `enumFilter`. */
  enum: (column: string, input: ClassType, description?: string): FilterDeclaration => ({ type: () => input, description, sql: { kind: 'enum', column } }),
  /** A to-one relation: `column` holds the key of a row of `target`, filtered by its `where`. */
  one: (target: () => FilteredListing, column: string, description?: string): FilterDeclaration => ({
    type: () => target().Where,
    description,
    sql: { kind: 'one', column, target: () => target().filterSpec },
  }),
  /** A to-many relation: rows of `target` reached through `from`, joined to this row by `on`; filtered by some/none/every. */
  many: (
    target: () => FilteredListing,
    from: (alias: string) => string,
    on: (alias: string, parent: string) => string,
    description?: string,
  ): FilterDeclaration => ({
    type: () => listFilterOf(target()),
    description,
    sql: { kind: 'many', target: () => target().filterSpec, from, on },
  }),
  /** The records whose link records (`via.list` of `via.model`) name the row by `via.to`: the reverse of a `records` field's list. */
  via: (via: Via, description?: string): FilterDeclaration => throughFilter(throughLinkOf({ via }), description),
};

/** The sort fields of a listing's `orderBy`: a column of the listed row (aliased `t`); text compares as text. */
export const sort = {
  text: (column: string, options: { nullable?: boolean; description?: string } = {}): SortField & { description?: string } => ({
    sql: `t.${column}`,
    nullable: options.nullable ?? false,
    text: true,
    ...(options.description ? { description: options.description } : {}),
  }),
  number: (column: string, options: { nullable?: boolean; description?: string } = {}): SortField & { description?: string } => ({
    sql: `t.${column}`,
    nullable: options.nullable ?? false,
    text: false,
    ...(options.description ? { description: options.description } : {}),
  }),
};

/** One field of a searchable record's document: where its text comes from. */
export interface SearchFieldDeclaration {
  /** The field's name in search_document, e.g. "title". */
  field: string;
  /** Titles and names: ranked above the rest. */
  head: boolean;
  /** FROM clause, the table aliased `t`. */
  from: string;
  /** The key of the record the row belongs to. */
  node: string;
  /** The text, e.g. `t.title`; null rows are skipped. */
  text: string;
  /** Orders several rows of one field within a document. */
  order?: string;
}

/** The fields search finds a record by, declared in its listing's `search`. */
export const searchField = {
  /** A column of the record's own table; `head` for titles and names. */
  own: (field: string, column: string, options: { head?: boolean } = {}) => (table: string): SearchFieldDeclaration => ({
    field,
    head: options.head ?? false,
    from: `${table} t`,
    node: 't.id',
    text: `t.${column}`,
  }),
  /** A column of related rows (`from`, aliased `t`) whose `node` column holds the record's key, in `order`. */
  related: (field: string, from: string, node: string, text: string, order: string) => (): SearchFieldDeclaration => ({
    field,
    head: false,
    from,
    node,
    text,
    order,
  }),
};

/** `{equals, in}` on the values of a registered enum, named `${name}Filter`. */
export function enumFilter(values: object, name: string): ClassType {
  @InputType(`${name}Filter`)
  class EnumFilter {}
  Field(() => values, { nullable: true })(EnumFilter.prototype, 'equals');
  Field(() => [values], { nullable: true })(EnumFilter.prototype, 'in');
  return EnumFilter;
}

/**
 * What a listing sorts and filters on. The GraphQL types are named after the entity's node type
 * (`Cluster` gives ClusterWhere, ClusterListFilter, ClusterOrderBy, ClusterConnection); the table
 * is the one its TypeORM @Entity names.
 */
/** An export column: `'shortName'` is the column short_name of the field shortName; a pair names a column and the path of its value (`['forum_id', 'forum.id']`). */
export type ExportColumnDeclaration = string | readonly [name: string, path: string];

/** One column of an export: its header and the path of its value in a GraphQL node. */
export interface ExportColumn {
  name: string;
  /** E.g. "forum.title"; a path through a to-many relation ("federalDistricts.name") gives a list. */
  path: string;
}

export interface ListingDeclaration {
  /**
   * What search finds the record by, field by field, in the order a highlight prefers them
   * (`searchField.own('title', 'title', { head: true })`); absent: search does not index it.
   */
  search?: readonly ((table: string) => SearchFieldDeclaration)[];
  /** Absent: the list takes no `orderBy` and keeps the key order. */
  orderBy?: {
    description: string;
    fields: Record<string, SortField & { description?: string }>;
    default: readonly OrderByInput[];
  };
  /**
   * The columns of its CSV/JSON export (exports/export-lists.ts says which lists are exported):
   * by convention its scalar fields (partial dates as their ISO text) and the ID and name or
   * title of its to-one relations; checked against the schema at start.
   */
  exports?: readonly ExportColumnDeclaration[];
  where?: {
    description: string;
    /** The listed thing, one and many, in `XListFilter`'s description ("district", "districts"); absent: no XListFilter. */
    noun?: readonly [string, string];
    fields: Record<string, FilterDeclaration>;
  };
}

/** How one entity is listed and ordered: its class, its sort fields and its default order. */
export interface Listing<T extends object> {
  entity: EntityClass<T>;
  nodeType: NodeType;
  sort: Record<string, SortField>;
  defaultOrder: readonly OrderByInput[];
  /** What its `where` input can filter on; absent where the list takes no `where`. */
  filterSpec?: FilterSpec;
  /** The columns of its export, where it has one. */
  exportColumns?: readonly ExportColumn[];
  /** The fields search indexes it by, where it is searchable. */
  searchFields?: readonly SearchFieldDeclaration[];
}

/** A listing as declared: its derived GraphQL types beside what the engines read. */
export interface DeclaredListing<T extends object> extends Listing<T> {
  Connection: ClassType<Connection<T>>;
  OrderBy?: ClassType;
}

export interface FilteredListing<T extends object = object> extends DeclaredListing<T> {
  filterSpec: FilterSpec;
  Where: ClassType;
  /** `some`/`none`/`every` over a list of it; declared only where `where.noun` is given. */
  ListFilter?: ClassType;
}

/** The filtered listing of each entity, as defineListing declared it: what a reference filters through. */
const LISTINGS = new Map<EntityClass, FilteredListing>();

/** The filtered listing of `entity` (declared by defineListing; read when the schema is built). */
export function listingOf(entity: EntityClass): FilteredListing {
  const listing = LISTINGS.get(entity);
  if (!listing) throw new Error(`${entity.name} has no listing with a where: a reference to it cannot filter`);
  return listing;
}

const enumFilters = new Map<object, ClassType>();

/** The parts of a listing a model's fields declare: filters, sort keys, search fields and export columns, in declaration order. */
function modelFacets(entity: EntityClass): { where: Record<string, FilterDeclaration>; sort: Record<string, SortField & { description?: string }>; search: ((table: string) => SearchFieldDeclaration)[]; exports: ExportColumnDeclaration[] } {
  const model = modelOf(entity);
  const facets = { where: {} as Record<string, FilterDeclaration>, sort: {} as Record<string, SortField & { description?: string }>, search: [] as ((table: string) => SearchFieldDeclaration)[], exports: [] as ExportColumnDeclaration[] };
  if (!model) return facets;
  const searched: { order: number; declare: (table: string) => SearchFieldDeclaration }[] = [];
  for (const [name, spec] of Object.entries(model.spec.fields) as [string, FieldSpec][]) {
    const column = columnOfField(name, spec);
    const nullable = nullableField(spec);
    const described = typeof spec.filter === 'string' ? spec.filter : undefined;
    const compared = spec.kind === 'text' && spec.fold ? `${column}_fold` : spec.kind === 'date' ? `${column}_from` : column;
    if (spec.filter) facets.where[name] = filterOf(entity, name, spec, compared, described);
    if (spec.sort) facets.sort[name] = spec.kind === 'int' || spec.kind === 'float' ? sort.number(compared, { nullable }) : sort.text(compared, { nullable });
    if (spec.search) searched.push({ order: spec.search.head ? -1 : (spec.search.order ?? 0), declare: searchField.own(name, column, { head: spec.search.head }) });
    if (spec.kind === 'records') {
      for (const [list, declared] of Object.entries(spec.lists ?? {})) {
        if (declared.filter) facets.where[list] = throughFilter(throughLinkOf({ records: spec, list: declared }), typeof declared.filter === 'string' ? declared.filter : undefined);
      }
      // A searched field of link records: their texts, in the record's order.
      for (const [nestedName, nested] of Object.entries(spec.fields)) {
        if (!nested.search) continue;
        const declare = searchField.related(nestedName, `${spec.table} t`, `t.${spec.parent.column}`, `t.${columnOfField(nestedName, nested)}`, 't.ordinal');
        searched.push({ order: nested.search.order ?? 0, declare });
      }
    }
    if (spec.export) facets.exports.push(spec.kind === 'date' ? [column, `${name}.iso`] : name);
  }
  facets.search = searched.sort((a, b) => a.order - b.order).map((s) => s.declare);
  return facets;
}

function filterOf(entity: EntityClass, name: string, spec: FieldSpec, column: string, description?: string): FilterDeclaration {
  switch (spec.kind) {
    case 'text':
      if (!spec.fold) throw new Error(`${entity.name}.${name}: a text filters on its folded copy; declare fold: true`);
      return filter.string(column, description);
    case 'int':
      return filter.int(column, description);
    case 'date':
      return filter.date(column, description);
    case 'enum': {
      let input = enumFilters.get(spec.values);
      if (!input) enumFilters.set(spec.values, (input = enumFilter(spec.values, spec.name)));
      return filter.enum(column, input, description);
    }
    case 'ref':
      return filter.one(() => listingOf(spec.target()), column, description ?? spec.description);
    case 'keys':
      return throughFilter(throughLinkOf(spec), description);
    default:
      throw new Error(`${entity.name}.${name}: a ${spec.kind} field does not filter`);
  }
}

/** A filter through a link table: some, none or every of the records it reaches match (read when a query is made, so a `via` field's model may come later). */
function throughFilter(link: () => ThroughLink, description?: string): FilterDeclaration {
  const from = (alias: string) => `${link().table} ${alias}_l JOIN ${tableOf(link().target())} ${alias} ON ${alias}.id = ${alias}_l.${link().to}`;
  return filter.many(() => listingOf(link().target()), from, (alias, row) => `${alias}_l.${link().from} = ${row}.id`, description);
}

function listFilterOf(listing: FilteredListing): ClassType {
  if (!listing.ListFilter) throw new Error(`${listing.filterSpec.nodeType} is filtered through a list but declares no where.noun, so it has no ListFilter`);
  return listing.ListFilter;
}

/** An entity that is a Node: its class says its node type. */
export type NodeEntity<T extends object = { key: string }> = EntityClass<T> & { readonly nodeType: NodeType };

export function defineListing<T extends object>(entity: NodeEntity<T>, declaration: ListingDeclaration & { where: object }): FilteredListing<T>;
export function defineListing<T extends object>(entity: NodeEntity<T>, declaration: ListingDeclaration): DeclaredListing<T>;
export function defineListing<T extends object>(entity: NodeEntity<T>, declaration: ListingDeclaration): DeclaredListing<T> | FilteredListing<T> {
  const facets = modelFacets(entity);
  const orderBy = declaration.orderBy && { ...declaration.orderBy, fields: { ...facets.sort, ...declaration.orderBy.fields } };
  const where = declaration.where && { ...declaration.where, fields: { id: filter.id(), ...facets.where, ...declaration.where.fields } };
  const search = [...facets.search, ...(declaration.search ?? [])];
  // A model field marked `export` makes the list exported, as a listing's own `exports` does.
  const exported = declaration.exports || facets.exports.length > 0 ? ['id', ...facets.exports, ...(declaration.exports ?? []).filter((column) => column !== 'id')] : undefined;
  const name = entity.nodeType;
  const table = tableOf(entity);
  const listing: DeclaredListing<T> = {
    entity,
    nodeType: name,
    sort: Object.fromEntries(Object.entries(orderBy?.fields ?? {}).map(([field, { sql, nullable, text }]) => [field, { sql, nullable, text }])),
    defaultOrder: orderBy?.default ?? [],
    Connection: ConnectionType(entity as ClassType<T>, name),
    exportColumns: exported?.map((column) =>
      typeof column === 'string' ? { name: column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), path: column } : { name: column[0], path: column[1] },
    ),
    searchFields: search.length > 0 ? search.map((declare) => declare(table)) : undefined,
    OrderBy: orderBy && inputType(`${name}OrderBy`, orderBy.description, orderBy.fields, (field) => ({ type: () => SortOrder, description: field.description })),
  };
  if (!where) return listing;
  const filterSpec: FilterSpec = {
    table,
    nodeType: name,
    fields: Object.fromEntries(Object.entries(where.fields).map(([field, { sql }]) => [field, sql])),
  };
  const Where: ClassType = inputType(`${name}Where`, where.description, where.fields, (field) => field);
  for (const combinator of ['AND', 'OR', 'NOT']) Field(() => [Where], { nullable: true })(Where.prototype, combinator);
  const [one, many] = where.noun ?? [];
  const ListFilter = where.noun
    ? inputType(`${name}ListFilter`, `some: at least one ${one} matches; none: no ${one} matches; every: all ${many} match (true when there are none).`, { some: {}, none: {}, every: {} }, () => ({ type: () => Where }))
    : undefined;
  const filtered = { ...listing, filterSpec, Where, ListFilter };
  LISTINGS.set(entity, filtered as FilteredListing);
  return filtered;
}

/** An input type `name` with a nullable field for each of `fields`, typed by `typeOf`. */
function inputType<F>(name: string, description: string, fields: Record<string, F>, typeOf: (field: F) => { type: () => ClassType | object; description?: string }): ClassType {
  const Input = class {};
  Object.defineProperty(Input, 'name', { value: name });
  for (const [field, declared] of Object.entries(fields)) {
    const { type, description: fieldDescription } = typeOf(declared);
    Field(type, { nullable: true, ...(fieldDescription ? { description: fieldDescription } : {}) })(Input.prototype, field);
  }
  InputType(name, { description })(Input);
  return Input;
}
