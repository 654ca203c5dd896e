import type { GraphQLField } from 'graphql';
import { Arg, Args, type ClassType, Ctx, Extensions, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { ConnectionArgs } from './connection';
import type { EntityClass } from './entity-table';
import type { DeclaredListing, FilteredListing, Listing } from './listing';
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

/** One declared relation of a parent of type P. */
type RelationDeclaration =
  | { kind: 'one'; entity: EntityClass; foreignKey: string; options: FieldOptions }
  | { kind: 'list'; entity: EntityClass; source: RelationSource & { order: string }; options: FieldOptions }
  | { kind: 'connection'; listing: DeclaredListing<object>; source: RelationSource; filters: boolean; options: FieldOptions };

/** Where a relation's rows come from: FROM (the rows aliased `t`) and the parent's key column. */
interface RelationSource {
  from: string;
  parent: string;
  where?: ListSource['where'];
}

/** The relation declarations of a parent of type P (a to-one relation names a key property of P). */
const relation = {
  one: <P>(entity: EntityClass, foreignKey: keyof P & string, options: FieldOptions = {}): RelationDeclaration => ({ kind: 'one', entity, foreignKey, options }),
  list: (entity: EntityClass, source: RelationSource & { order: string }, options: FieldOptions = {}): RelationDeclaration => ({ kind: 'list', entity, source, options }),
  /** A nested connection of `listing`; `filters` gives it the listing's `where` and `orderBy`. */
  connection: (listing: DeclaredListing<object>, source: RelationSource, options: FieldOptions & { filters?: boolean } = {}): RelationDeclaration => {
    const { filters = false, ...rest } = options;
    return { kind: 'connection', listing, source, filters, options: rest };
  },
};

type RelationBuilder<P> = {
  one: (entity: EntityClass, foreignKey: keyof P & string, options?: FieldOptions) => RelationDeclaration;
  list: typeof relation.list;
  connection: typeof relation.connection;
};

/** A Query field listing `listing` (one page, with its `where` and `orderBy` where it has them). */
export interface RootListDeclaration {
  name: string;
  listing: DeclaredListing<object>;
  description: string;
}

/** A parameter of a generated resolver method: its name in the body, and its type-graphql decorator. */
interface Parameter {
  name: 'root' | 'ctx' | 'args' | 'where' | 'orderBy';
  decorator: ReturnType<typeof Root>;
}
/** A generated method's arguments, in the order of its parameters. */
type Values = readonly unknown[];

const ROOT: Parameter = { name: 'root', decorator: Root() };
const CTX: Parameter = { name: 'ctx', decorator: Ctx() };
const PAGE: Parameter = { name: 'args', decorator: Args(() => ConnectionArgs) };

/**
 * The resolver class of `parent`'s declared relations (and, with `list`, its top-level list):
 * `@Resolver(() => Parent)` with a @FieldResolver a relation, as if written by hand.
 */
export function relationResolver<P extends object>(
  parent: ClassType<P>,
  declare: (r: RelationBuilder<P>) => Record<string, RelationDeclaration>,
  list?: RootListDeclaration,
): ClassType {
  @Resolver(() => parent)
  class Relations {}
  const typeName = parent.name;
  if (list) {
    const { name, listing, description } = list;
    const parameters = listParameters(listing, true);
    const [where, orderBy] = [slotOf(parameters, 'where'), slotOf(parameters, 'orderBy')];
    const descriptor = define(Relations, name, parameters, (v) =>
      listAll(v[0] as Context, listing, v[1] as object, (v[orderBy] ?? null) as object[] | null, (v[where] ?? null) as object | null),
    );
    Query(() => listing.Connection, { description })(Relations.prototype, name, descriptor);
    Compiled({ kind: 'root-list', listing })(Relations.prototype, name, descriptor);
  }
  for (const [field, declared] of Object.entries(declare(relation as RelationBuilder<P>))) {
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
      const plain: PlainRelation = { name: `${typeName}.${field}`, ...declared.source };
      compiled = { kind: 'list', entity, relation: plain };
      type = () => [entity as ClassType];
      descriptor = define(Relations, field, [ROOT, CTX], (v) => listPlain(v[1] as Context, entity, plain, key(v)));
    } else {
      const { listing, filters } = declared;
      const nested: NestedRelation = { name: `${typeName}.${field}`, ...declared.source };
      compiled = { kind: 'connection', listing, relation: nested };
      type = () => listing.Connection;
      const parameters = [ROOT, ...listParameters(listing, filters)];
      const [where, orderBy] = [slotOf(parameters, 'where'), slotOf(parameters, 'orderBy')];
      descriptor = define(Relations, field, parameters, (v) =>
        listNested(v[1] as Context, listing, nested, key(v), v[2] as object, (v[orderBy] ?? null) as object[] | null, (v[where] ?? null) as object | null),
      );
    }
    FieldResolver(type, declared.options)(Relations.prototype, field, descriptor);
    Compiled(compiled)(Relations.prototype, field, descriptor);
  }
  Object.defineProperty(Relations, 'name', { value: `${typeName}Relations` });
  return Relations;
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
