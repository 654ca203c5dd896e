import type { GraphQLField } from 'graphql';
import { Args, ArgsType, type ClassType, Ctx, Extensions, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { type Connection, ConnectionArgs } from './connection';
import { STAGE_ARGUMENT, type Stage, StageField } from './stage';
import { type EntityClass, columnOf, tableOf } from './entity-table';
import type { NodeType } from './global-id';
import { type DeclaredListing, type FilteredListing, type Listing, listingOf } from './listing';
import { type FieldSpec, modelOf, nullableField } from './model';
import type { ThroughList, Via as Reverse } from './model-fields';
import { type ThroughLink, linkRecordsOf, throughLinkOf } from './model-records';
import type { ListSource } from './list-query';
import type { OrderByInput } from './ordering';
import type { PageArgsInput } from './pagination';
import { type NestedRelation, type PlainRelation, byKey, listAll, listNested, listPlain } from './relations';

/*
 * The relations of a type, declared once: each gives its GraphQL field (type, arguments,
 * description), the resolver that loads it through the request's DataLoaders, and, in the
 * field's `extensions`, what the selection compiler inlines as a join. Both engines read the
 * same declaration, so they cannot mean different things (test/engines.test.ts asks every
 * declared field of both).
 */

/** What the selection compiler knows of a field: the key `compiled` of its extensions. */
export type CompiledField =
  /** A to-one relation: the record of `entity` whose key is the parent's `foreignKey` property. */
  | { kind: 'one'; entity: EntityClass; foreignKey: string }
  /** A plain list under the parent. */
  | { kind: 'list'; entity: EntityClass; relation: PlainRelation }
  /** A nested connection; it takes `where` and `orderBy` where its field declares them. */
  | { kind: 'connection'; listing: Listing<object>; relation: NestedRelation }
  /** A top-level list of Query. */
  | { kind: 'root-list'; listing: Listing<object> }
  /** A stats query of Query (its spec is the stats module's; the compiler reads it as one). */
  | { kind: 'stats'; spec: unknown };

const COMPILED = 'compiled';

/** Marks a field with what the compiler inlines for it. */
export function Compiled(compiled: CompiledField): MethodDecorator & PropertyDecorator {
  return Extensions({ [COMPILED]: compiled });
}

/** What the compiler inlines for `field`, where its declaration says. */
export function compiledOf(field: GraphQLField<unknown, unknown>): CompiledField | undefined {
  return field.extensions?.[COMPILED] as CompiledField | undefined;
}

interface FieldOptions {
  description?: string;
  nullable?: boolean;
}

/**
 * A relation the graph walks (`neighbors`, `path`) cross, walked OUT from the parent: declared on
 * the field named after it, with the field of the other side that walks it IN (`null` where the
 * schema has none). A plain list of link records (a cluster's members) names, in `to`, the
 * link's relation that reaches the walked node, and whether one pair can repeat (`distinct`).
 */
interface EdgeOptions {
  edge?: { reverse: string | null; to?: readonly [entity: EntityClass, key: string]; distinct?: boolean };
}

/** Where an edge of the graph is held: a column of the source's table, a link table, or (type, key) columns. */
export type EdgeHolder =
  | { kind: 'column'; table: string; column: string }
  | { kind: 'link'; table: string; sourceKey: string; targetKey: string; distinct: boolean }
  | { kind: 'polymorphic'; table: string; sourceKey: string; typeColumn: string; key: string };

/** A relation of the graph, derived from the declaration of the field that reads it OUT. */
export interface EdgeDeclaration {
  /** `Type.field` of the field that reads it OUT, e.g. `Session.forum`. */
  name: string;
  /** The field that walks it IN, e.g. `Forum.sessions` (`X.` where any node type answers it); null where there is none. */
  reverse: string | null;
  source: NodeType;
  /** The target type, or null for a polymorphic relation. */
  target: NodeType | null;
  holder: EdgeHolder;
}

/** Where a relation's rows come from: FROM (the rows aliased `t`) and the parent's key column. */
interface RelationSource {
  from: string;
  parent: string;
  where?: ListSource['where'];
}

/** A relation's rows by structure: the related table's own column, or a link table. */
type Via =
  | { kind: 'back'; column: string; order?: string; where?: ListSource['where'] }
  | { kind: 'through'; link: string; parentKey: string; targetKey: string; distinct: boolean; order?: string };

type Source = RelationSource | Via;
type PlainSource = (RelationSource & { order: string }) | Via;

/** One declared relation of a parent. */
type RelationDeclaration =
  | { kind: 'one'; entity: EntityClass; foreignKey: string; options: FieldOptions & EdgeOptions }
  | { kind: 'list'; entity: EntityClass; source: PlainSource; options: FieldOptions & EdgeOptions }
  | { kind: 'connection'; listing: DeclaredListing<object>; source: Source; filters: boolean; options: FieldOptions & EdgeOptions };

/** The relation declarations of a parent of type P (a to-one relation names a key property of P). */
const relation = {
  one: <P>(entity: EntityClass, foreignKey: keyof P & string, options: FieldOptions & EdgeOptions = {}): RelationDeclaration => ({ kind: 'one', entity, foreignKey, options }),
  list: (entity: EntityClass, source: PlainSource, options: FieldOptions & EdgeOptions = {}): RelationDeclaration => ({ kind: 'list', entity, source, options }),
  /** A nested connection of `listing`; `filters` gives it the listing's `where` and `orderBy`. */
  connection: (listing: DeclaredListing<object>, source: Source, options: FieldOptions & EdgeOptions & { filters?: boolean } = {}): RelationDeclaration => {
    const { filters = false, ...rest } = options;
    return { kind: 'connection', listing, source, filters, options: rest };
  },
  /** The records whose link records (`via.list` of `via.model`) name the parent by `via.to`, each once: the reverse of a `records` field's list. */
  via: (via: Reverse, options: Omit<ThroughList, 'to' | 'filter'> = {}): RelationDeclaration => throughRelation(throughLinkOf({ via })(), options),
  /** The related table's rows whose `column` holds the parent's key. */
  back: (column: string, options: { order?: string; where?: ListSource['where'] } = {}): Via => ({ kind: 'back', column, ...options }),
  /** The related table's rows reached through table `link`, whose `parentKey` holds the parent's key and `targetKey` theirs. */
  through: (link: string, parentKey: string, targetKey: string, options: { order?: string; distinct?: boolean } = {}): Via => ({
    kind: 'through',
    link,
    parentKey,
    targetKey,
    distinct: options.distinct ?? false,
    order: options.order,
  }),
};

type RelationBuilder<P> = Omit<typeof relation, 'one'> & {
  one: (entity: EntityClass, foreignKey: keyof P & string, options?: FieldOptions & EdgeOptions) => RelationDeclaration;
};

/** The FROM and parent key of `source`, whose related rows are of `table`. */
function sourceOf(source: Source, table: string): RelationSource & { order?: string } {
  if (!('kind' in source)) return source;
  if (source.kind === 'back') return { from: `${table} t`, parent: `t.${source.column}`, where: source.where, order: source.order };
  const { link, parentKey, targetKey, distinct } = source;
  const rows = distinct ? `(SELECT DISTINCT ${parentKey}, ${targetKey} FROM ${link})` : link;
  return { from: `${rows} x JOIN ${table} t ON t.id = x.${targetKey}`, parent: `x.${parentKey}`, order: source.order };
}

/** The node type of a Node entity class. */
function nodeTypeOf(entity: EntityClass): NodeType {
  const type = (entity as { nodeType?: NodeType }).nodeType;
  if (!type) throw new Error(`${entity.name} is not a node type, so no edge of the graph reaches it`);
  return type;
}

/** The graph edge a declared relation `field` of `parent` carries, where its options declare one. */
function edgeOf(parent: EntityClass, field: string, declared: RelationDeclaration): EdgeDeclaration | null {
  const edge = declared.options.edge;
  if (!edge) return null;
  const source = nodeTypeOf(parent);
  const base = { name: `${source}.${field}`, reverse: edge.reverse, source };
  if (declared.kind === 'one') {
    return { ...base, target: nodeTypeOf(declared.entity), holder: { kind: 'column', table: tableOf(parent), column: columnOf(parent, declared.foreignKey) } };
  }
  const via = declared.source;
  const entity = declared.kind === 'list' ? declared.entity : declared.listing.entity;
  if ('kind' in via && via.kind === 'through') {
    return { ...base, target: nodeTypeOf(entity), holder: { kind: 'link', table: via.link, sourceKey: via.parentKey, targetKey: via.targetKey, distinct: via.distinct } };
  }
  if ('kind' in via && via.kind === 'back' && edge.to) {
    const [target, key] = edge.to;
    const holder: EdgeHolder = { kind: 'link', table: tableOf(entity), sourceKey: via.column, targetKey: columnOf(entity, key), distinct: edge.distinct ?? false };
    return { ...base, target: nodeTypeOf(target), holder };
  }
  throw new Error(`${base.name}: an edge is declared on a to-one relation, a relation through a link table, or a list of link records with \`to\``);
}

/** A polymorphic relation of the graph, held as (type, key) columns: declared beside the field that reads it. */
export function polymorphicEdge(
  name: `${NodeType}.${string}`,
  reverse: string,
  holder: { table: string; sourceKey: string; typeColumn: string; key: string },
): EdgeDeclaration {
  return { name, reverse, source: name.split('.')[0] as NodeType, target: null, holder: { kind: 'polymorphic', ...holder } };
}

/** The resolver classes of a type's declared relations (for buildSchema), with the graph edges they declare. */
export interface RelationResolvers {
  /** One class a field: each relation's, and the Query field's where there is one. */
  readonly resolvers: readonly ClassType[];
  readonly edges: readonly EdgeDeclaration[];
}

/** A Query field listing `listing` (one page, with its `where` and `orderBy` where it has them). */
export interface RootListDeclaration {
  name: string;
  listing: DeclaredListing<object>;
  description: string;
}

/**
 * The resolver classes of `parent`'s declared relations (and, with `list`, its top-level list):
 * for each, `@Resolver(() => Parent)` with one @FieldResolver, as if written by hand.
 */
export function relationResolver<P extends object>(
  parent: ClassType<P>,
  declare: (r: RelationBuilder<P>) => Record<string, RelationDeclaration>,
  list?: RootListDeclaration,
): RelationResolvers {
  const resolvers = list ? [rootListField(list)] : [];
  const edges: EdgeDeclaration[] = [];
  // The model's relations go with the type's own list, so the type's other resolver classes (its
  // provenance, its figures) do not declare them again. The graph walks prefer edges in their
  // order: the relations declared here first, then the model's, where one declared here replaces
  // the model's in its place. A link record's relations (a participation's speaker) are its list's.
  const declared = declare(relation as RelationBuilder<P>);
  const derived = list ? modelRelations(parent) : linkRelations(parent);
  const relations = {
    ...Object.fromEntries(Object.entries(declared).filter(([field]) => !(field in derived))),
    ...Object.fromEntries(Object.entries(derived).map(([field, own]) => [field, declared[field] ?? own])),
  };
  for (const [field, declared] of Object.entries(relations)) {
    const edge = edgeOf(parent, field, declared);
    if (edge) edges.push(edge);
    const resolver = relationField(parent, field, declared);
    Object.defineProperty(resolver, 'name', { value: `${parent.name}.${field}` });
    resolvers.push(resolver);
  }
  if (list) {
    for (const owned of modelOf(parent)?.owned ?? []) {
      if (owned.records) resolvers.push(...relationResolver(owned.entity as ClassType, () => ({})).resolvers);
    }
  }
  return { resolvers, edges };
}

/** The relation of a reference field `name` of a model or of its link records. */
function referenceRelation(name: string, spec: FieldSpec & { kind: 'ref' }): RelationDeclaration {
  const options = { ...(spec.description ? { description: spec.description } : {}), ...(spec.edge ? { edge: spec.edge } : {}) };
  return relation.one<Record<string, unknown>>(spec.target(), `${name}Key`, { nullable: nullableField(spec), ...options });
}

/**
 * The relations `parent`'s model declares by its references: a reference `region` reads the
 * record whose key is `regionKey`; a list of keys reads its link table in the record's order, a
 * list of link records their table in theirs.
 */
function modelRelations(parent: ClassType): Record<string, RelationDeclaration> {
  const model = modelOf(parent);
  if (!model) return {};
  return Object.fromEntries(
    (Object.entries(model.spec.fields) as [string, FieldSpec][]).flatMap(([name, spec]): [string, RelationDeclaration][] => {
      const described = spec.description ? { description: spec.description } : {};
      if (spec.kind === 'ref') return [[name, referenceRelation(name, spec)]];
      if (spec.kind === 'keys') {
        const options = { ...described, ...(spec.edge ? { edge: spec.edge } : {}) };
        return [[name, relation.list(spec.target(), relation.through(spec.link.table, spec.link.parent, spec.link.target, { order: 'x.ordinal' }), options)]];
      }
      if (spec.kind === 'records') {
        const lists = Object.entries(spec.lists ?? {}).map(([list, declared]): [string, RelationDeclaration] => [list, throughRelation(throughLinkOf({ records: spec, list: declared })(), declared)]);
        const entity = model.owned.find((owned) => owned.field === name)!.entity;
        const to = spec.edge && spec.fields[spec.edge.to];
        if (spec.edge && to?.kind !== 'ref') throw new Error(`${parent.name}.${name}: its edge goes to a reference of its link records; ${spec.edge.to} is not one`);
        const edge = spec.edge && to?.kind === 'ref' ? { edge: { reverse: spec.edge.reverse, to: [to.target(), `${spec.edge.to}Key`] as const, distinct: spec.edge.distinct } } : {};
        const order = spec.key ? 't.ordinal, t.id' : 't.ordinal';
        return [[name, relation.list(entity, relation.back(spec.parent.column, { order }), { ...described, ...edge })], ...lists];
      }
      return [];
    }),
  );
}

/** A connection of the records reached through a link table, each once. */
function throughRelation(link: ThroughLink, list: Omit<ThroughList, 'to' | 'filter'>): RelationDeclaration {
  const options = { ...(list.description ? { description: list.description } : {}), ...(list.edge ? { edge: list.edge } : {}), filters: list.filters ?? false };
  return relation.connection(listingOf(link.target()), relation.through(link.table, link.from, link.to, { distinct: true }), options);
}

/** The relations of a link record: its parent, and each of its references. */
function linkRelations(entity: ClassType): Record<string, RelationDeclaration> {
  const link = linkRecordsOf(entity);
  if (!link) return {};
  const { parent, spec } = link;
  return {
    [spec.parent.field]: relation.one<Record<string, unknown>>(parent(), `${spec.parent.field}Key`),
    ...Object.fromEntries(Object.entries(spec.fields).flatMap(([name, nested]) => (nested.kind === 'ref' ? [[name, referenceRelation(name, nested)]] : []))),
  };
}

/** The resolver class of field `field` of `parent`, declared by `declared`. */
function relationField(parent: ClassType, field: string, declared: RelationDeclaration): ClassType {
  const name = `${parent.name}.${field}`;
  const { edge: _edge, ...options } = declared.options;
  const site = { parent, field, options };
  if (declared.kind === 'one') return oneField(site, declared.entity, declared.foreignKey);
  if (declared.kind === 'list') {
    const { order, ...source } = sourceOf(declared.source, tableOf(declared.entity));
    if (!order) throw new Error(`${name}: a plain list declares its order`);
    return listField(site, declared.entity, { name, ...source, order });
  }
  const { order: _order, ...source } = sourceOf(declared.source, tableOf(declared.listing.entity));
  return connectionField(site, declared.listing, { name, ...source }, declared.filters);
}

/*
 * One class a field, its method named after the field. type-graphql 2.0.0-rc.4 matches a field
 * resolver to its field by method name (issue #961, fixed after rc.4 by PR #1806), so factories
 * sharing one method name under `{ name }` would all answer, and carry the extensions of, the
 * first of them on a type: the method's name is the field's.
 */

/** Where a relation's field is: its parent type, its name, and its description and nullability. */
interface FieldSite {
  parent: ClassType;
  field: string;
  options: FieldOptions;
}

/** A to-one relation: the record of `entity` whose key is the parent's `foreignKey` property. */
function oneField({ parent, field, options }: FieldSite, entity: EntityClass, foreignKey: string): ClassType {
  @Resolver(() => parent)
  class One {
    @FieldResolver(() => entity, options)
    @Compiled({ kind: 'one', entity, foreignKey })
    [field](@Root() root: Record<string, string | null>, @Ctx() ctx: Context): Promise<object | null> {
      return byKey(ctx, entity, root[foreignKey]);
    }
  }
  return One;
}

/** A plain list of `entity` rows under the parent, read by `relation`. */
function listField({ parent, field, options }: FieldSite, entity: EntityClass, relation: PlainRelation): ClassType {
  @Resolver(() => parent)
  class List {
    @FieldResolver(() => [entity], options)
    @Compiled({ kind: 'list', entity, relation })
    [field](@Root() root: { key: string }, @Ctx() ctx: Context): Promise<object[]> {
      return listPlain(ctx, entity, relation, root.key);
    }
  }
  return List;
}

/** A nested connection of `listing` under the parent, read by `relation`; `filters` gives it `where` and `orderBy`. */
function connectionField({ parent, field, options }: FieldSite, listing: DeclaredListing<object>, relation: NestedRelation, filters: boolean): ClassType {
  const Arguments = listArgs(listing, filters);
  @Resolver(() => parent)
  class ConnectionField {
    @FieldResolver(() => listing.Connection, options)
    @Compiled({ kind: 'connection', listing, relation })
    [field](@Root() root: { key: string }, @Ctx() ctx: Context, @Args(() => Arguments) args: ListArgs): Promise<Connection<object>> {
      return listNested(ctx, listing, relation, root.key, args, args.orderBy, args.where);
    }
  }
  return ConnectionField;
}

/** The Query field of a top-level list: one page of `listing`, with its `where` and `orderBy`, in a stage. */
function rootListField({ name, listing, description }: RootListDeclaration): ClassType {
  // `stage` is a field of the args type, not a parameter of its own: type-graphql orders the
  // arguments of several parameters by when their decorators ran (last parameter first), and
  // the schema has `stage` after the page and filters.
  @ArgsType()
  class RootListArgs extends listArgs(listing, true) {
    @StageField()
    [STAGE_ARGUMENT]?: Stage;
  }
  @Resolver()
  class RootList {
    @Query(() => listing.Connection, { description })
    @Compiled({ kind: 'root-list', listing })
    [name](@Ctx() ctx: Context, @Args(() => RootListArgs) args: ListArgs): Promise<Connection<object>> {
      return listAll(ctx, listing, args, args.orderBy, args.where);
    }
  }
  Object.defineProperty(RootList, 'name', { value: `Query.${name}` });
  return RootList;
}

/** The arguments of a list: its page, and its listing's `where` and `orderBy` where it filters by them. */
interface ListArgs extends PageArgsInput {
  where?: object | null;
  orderBy?: OrderByInput[] | null;
}

/** The args type of each listing's filtered lists (a root list's and its filtered connections'). */
const FILTERED_ARGS = new WeakMap<DeclaredListing<object>, ClassType<ListArgs>>();

/**
 * The args type of a list of `listing`: the page's (ConnectionArgs), and where it `filters`, the
 * listing's `where` and `orderBy` where it has them, after the page's in the field's arguments.
 */
function listArgs(listing: DeclaredListing<object>, filters: boolean): ClassType<ListArgs> {
  const where = 'Where' in listing ? (listing as FilteredListing<object>).Where : undefined;
  const { OrderBy } = listing;
  if (!filters || (!where && !OrderBy)) return ConnectionArgs;
  let FilteredArgs = FILTERED_ARGS.get(listing);
  if (!FilteredArgs) {
    @ArgsType()
    class ListFilterArgs extends ConnectionArgs {}
    if (where) Field(() => where, { nullable: true })(ListFilterArgs.prototype, 'where');
    if (OrderBy) Field(() => [OrderBy], { nullable: true })(ListFilterArgs.prototype, 'orderBy');
    Object.defineProperty(ListFilterArgs, 'name', { value: `${listing.nodeType}ListArgs` });
    FILTERED_ARGS.set(listing, (FilteredArgs = ListFilterArgs));
  }
  return FilteredArgs;
}
