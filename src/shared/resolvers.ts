import type { GraphQLField } from 'graphql';
import { Args, ArgsType, type ClassType, Ctx, Extensions, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { type Connection, ConnectionArgs } from './connection';
import { STAGE_ARGUMENT, type Stage, StageField } from './stage';
import { type EntityClass, columnOf, tableOf } from './entity-table';
import type { NodeType } from './global-id';
import type { DeclaredListing, FilteredListing, Listing } from './listing';
import { modelOf } from './model';
import {
  type EdgeDeclaration,
  type EdgeHolder,
  type FieldOptions,
  type RelationBuilder,
  type RelationDeclaration,
  linkRelations,
  modelRelations,
  relation,
  sourceOf,
} from './relation-declarations';

export type { EdgeDeclaration, EdgeHolder } from './relation-declarations';
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

/**
 * A type's relation resolvers joined with its hand-written resolver classes and the edges they
 * read (a polymorphic edge beside its field): what the catalog takes for the type.
 */
export function withResolvers(relations: RelationResolvers, more: { resolvers?: readonly ClassType[]; edges?: readonly EdgeDeclaration[] }): RelationResolvers {
  return { resolvers: [...relations.resolvers, ...(more.resolvers ?? [])], edges: [...relations.edges, ...(more.edges ?? [])] };
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
