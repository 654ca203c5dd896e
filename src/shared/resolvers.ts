import type { GraphQLField } from 'graphql';
import { Arg, Args, type ClassType, Ctx, Extensions, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ConnectionArgs } from './connection';
import { StageArg } from './stage';
import { type EntityClass, columnOf, tableOf } from './entity-table';
import type { NodeType } from './global-id';
import type { DeclaredListing, FilteredListing, Listing } from './listing';
import { type FieldSpec, modelOf } from './model';
import type { ListSource } from './list-query';
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

/** A resolver class of declared relations, with the graph edges they declare. */
export type RelationResolverClass = ClassType & { readonly edges: readonly EdgeDeclaration[] };

/** A Query field listing `listing` (one page, with its `where` and `orderBy` where it has them). */
export interface RootListDeclaration {
  name: string;
  listing: DeclaredListing<object>;
  description: string;
}

/** A parameter of a generated resolver method: its name in the body, and its type-graphql decorator. */
interface Parameter {
  name: 'root' | 'ctx' | 'args' | 'where' | 'orderBy' | 'stage';
  decorator: ReturnType<typeof Root>;
}
/** A generated method's arguments, in the order of its parameters. */
type Values = readonly unknown[];

const ROOT: Parameter = { name: 'root', decorator: Root() };
const CTX: Parameter = { name: 'ctx', decorator: Ctx() };
const PAGE: Parameter = { name: 'args', decorator: Args(() => ConnectionArgs) };
const STAGE: Parameter = { name: 'stage', decorator: StageArg() };

/**
 * The resolver class of `parent`'s declared relations (and, with `list`, its top-level list):
 * `@Resolver(() => Parent)` with a @FieldResolver a relation, as if written by hand.
 */
export function relationResolver<P extends object>(
  parent: ClassType<P>,
  declare: (r: RelationBuilder<P>) => Record<string, RelationDeclaration>,
  list?: RootListDeclaration,
): RelationResolverClass {
  @Resolver(() => parent)
  class Relations {}
  const typeName = parent.name;
  if (list) {
    const { name, listing, description } = list;
    const parameters = [...listParameters(listing, true), STAGE];
    const [where, orderBy] = [slotOf(parameters, 'where'), slotOf(parameters, 'orderBy')];
    const descriptor = define(Relations, name, parameters, (v) =>
      listAll(v[0] as Context, listing, v[1] as object, (v[orderBy] ?? null) as object[] | null, (v[where] ?? null) as object | null),
    );
    Query(() => listing.Connection, { description })(Relations.prototype, name, descriptor);
    Compiled({ kind: 'root-list', listing })(Relations.prototype, name, descriptor);
  }
  const edges: EdgeDeclaration[] = [];
  const relations = { ...modelRelations(parent), ...declare(relation as RelationBuilder<P>) };
  for (const [field, declared] of Object.entries(relations)) {
    const edge = edgeOf(parent, field, declared);
    if (edge) edges.push(edge);
    // Every relation's method takes (root, ctx, ...): its slots are read by position.
    const key = (v: Values) => (v[0] as { key: string }).key;
    let compiled: CompiledField;
    let type: () => ClassType | [ClassType];
    let descriptor: PropertyDescriptor;
    if (declared.kind === 'one') {
      const { entity, foreignKey } = declared;
      compiled = { kind: 'one', entity, foreignKey };
      type = () => entity as ClassType;
      descriptor = define(Relations, field, [ROOT, CTX], (v) => byKey(v[1] as Context, entity, (v[0] as Record<string, string | null>)[foreignKey]));
    } else if (declared.kind === 'list') {
      const { entity } = declared;
      const { order, ...source } = sourceOf(declared.source, tableOf(entity));
      if (!order) throw new Error(`${typeName}.${field}: a plain list declares its order`);
      const plain: PlainRelation = { name: `${typeName}.${field}`, ...source, order };
      compiled = { kind: 'list', entity, relation: plain };
      type = () => [entity as ClassType];
      descriptor = define(Relations, field, [ROOT, CTX], (v) => listPlain(v[1] as Context, entity, plain, key(v)));
    } else {
      const { listing, filters } = declared;
      const { order: _order, ...source } = sourceOf(declared.source, tableOf(listing.entity));
      const nested: NestedRelation = { name: `${typeName}.${field}`, ...source };
      compiled = { kind: 'connection', listing, relation: nested };
      type = () => listing.Connection;
      const parameters = [ROOT, ...listParameters(listing, filters)];
      const [where, orderBy] = [slotOf(parameters, 'where'), slotOf(parameters, 'orderBy')];
      descriptor = define(Relations, field, parameters, (v) =>
        listNested(v[1] as Context, listing, nested, key(v), v[2] as object, (v[orderBy] ?? null) as object[] | null, (v[where] ?? null) as object | null),
      );
    }
    const { edge: _edge, ...options } = declared.options;
    FieldResolver(type, options)(Relations.prototype, field, descriptor);
    Compiled(compiled)(Relations.prototype, field, descriptor);
  }
  Object.defineProperty(Relations, 'name', { value: `${typeName}Relations` });
  return Object.assign(Relations, { edges });
}

/**
 * The relations `parent`'s model declares by its references: a reference `region` reads the
 * record whose key is `regionKey`; a list of keys reads its link table in the record's order.
 */
function modelRelations(parent: ClassType): Record<string, RelationDeclaration> {
  const model = modelOf(parent);
  if (!model) return {};
  return Object.fromEntries(
    (Object.entries(model.spec.fields) as [string, FieldSpec][]).flatMap(([name, spec]): [string, RelationDeclaration][] => {
      const options = { ...(spec.description ? { description: spec.description } : {}), ...('edge' in spec && spec.edge ? { edge: spec.edge } : {}) };
      if (spec.kind === 'ref') return [[name, relation.one<Record<string, unknown>>(spec.target(), `${name}Key`, { nullable: !spec.required, ...options })]];
      if (spec.kind === 'keys') return [[name, relation.list(spec.target(), relation.through(spec.link.table, spec.link.parent, spec.link.target, { order: 'x.ordinal' }), options)]];
      return [];
    }),
  );
}

/** The parameters of a list: its page arguments, and `where`/`orderBy` where it filters and has them. */
function listParameters(listing: DeclaredListing<object>, filters: boolean): Parameter[] {
  const parameters = [CTX, PAGE];
  if (filters && 'Where' in listing) {
    const where = (listing as FilteredListing<object>).Where;
    parameters.push({ name: 'where', decorator: Arg('where', () => where, { nullable: true }) });
  }
  if (filters && listing.OrderBy) {
    const orderBy = listing.OrderBy;
    parameters.push({ name: 'orderBy', decorator: Arg('orderBy', () => [orderBy], { nullable: true }) });
  }
  return parameters;
}

/** The position of parameter `name` (past the end where there is none: its slot reads undefined). */
function slotOf(parameters: readonly Parameter[], name: Parameter['name']): number {
  const i = parameters.findIndex((p) => p.name === name);
  return i === -1 ? parameters.length : i;
}

/** Defines method `name` on `target` taking `parameters` (decorated for type-graphql) and answering with `body`; returns its descriptor. */
function define(target: ClassType, name: string, parameters: Parameter[], body: (values: Values) => unknown): PropertyDescriptor {
  const proto = target.prototype as object;
  Object.defineProperty(proto, name, {
    value(...values: unknown[]) {
      return body(values);
    },
    writable: true,
    configurable: true,
  });
  // type-graphql looks for reflected types (emitDecoratorMetadata); every type here is given explicitly.
  Reflect.defineMetadata('design:paramtypes', parameters.map(() => Object), proto, name);
  Reflect.defineMetadata('design:returntype', Object, proto, name);
  parameters.forEach((parameter, index) => parameter.decorator(proto, name, index));
  return Object.getOwnPropertyDescriptor(proto, name)!;
}
