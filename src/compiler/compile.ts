import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLEnumType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLSkipDirective,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityMetadata } from 'typeorm';
import type { Dialect } from '../db/dialect';
import { NODE_ENTITIES } from '../modules/node/node-types';
import type { EntityClass } from '../shared/entity-table';
import { fromGlobalId, type NodeType } from '../shared/global-id';
import { type SqlCondition, afterCondition, orderClause } from '../shared/list-query';
import { type OrderByInput, toSortKeys } from '../shared/ordering';
import { type PageArgsInput, type SortKey, orderSignature, toPageRequest } from '../shared/pagination';
import { PartialDate } from '../shared/partial-date';
import type { Listing } from '../shared/listing';
import type { NestedRelation, PlainRelation } from '../shared/relations';
import { compiledOf } from '../shared/resolvers';
import { compileWhere } from '../shared/where';
import { DATE_SORT_PREFIX, MAX_STATS_GROUPS, type StatsGroup, type StatsSpec, type StatsStatement, statsStatement } from '../modules/stats/stats.query';
import { CompiledFallback, type MarkFix, Marks } from './marks';

export { CompiledFallback };

/**
 * The selection compiler: turns a whole GraphQL operation into ONE SQL statement whose single
 * value is the answer's `data` as JSON, built by the database (SQLite's json_object and
 * json_group_array, PostgreSQL's json_build_object and json_agg), in the shape and order the
 * resolvers give. The resolvers read rows into objects level by level (a statement per relation,
 * rows → entities → graphql-jit's result objects → JSON); here the rows never become JS objects:
 * the few values the database cannot write (global IDs, cursors, partial dates) are marked in
 * its JSON and finished in the text (`Marks`), and the text is sent as it is.
 *
 * It compiles only what it knows to mean the same as the resolvers: plain columns of entities
 * (fields with graphql's default resolver and a TypeORM column of the same name), global IDs,
 * partial dates, and the fields whose declaration says what they are (`compiledOf`: relations,
 * top-level lists, stats), whose SQL the resolvers read from the same declarations. Anything else (search, graph walks,
 * provenance, unions, `last`/`before`, fields merged from several fragments, ...) makes `compile`
 * return null, and the operation runs on the resolvers as before. Errors too: a bad argument is
 * refused by the resolvers, with their message.
 */

/** A piece of SQL with its `?` parameters, in the order they appear. */
class Sql {
  constructor(
    readonly text: string,
    readonly params: readonly unknown[] = [],
  ) {}

  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.params));
  }
}

/** Writes SQL with interpolated pieces: an `Sql` brings its parameters, a string is trusted text. */
function sql(strings: TemplateStringsArray, ...values: (Sql | string)[]): Sql {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof Sql) {
      text += value.text;
      params.push(...value.params);
    } else text += value;
    text += strings[i + 1];
  });
  return new Sql(text, params);
}

const param = (value: unknown) => new Sql('?', [value]);
const condition = (c: SqlCondition | undefined) => (c ? new Sql(`(${c.sql})`, c.params) : null);

/** The operation cannot be compiled: the resolvers run it. */
class Unsupported extends Error {}

type JsonObject = Record<string, unknown>;

/**
 * The last JSON each compiled operation's statement gave, and the answer finished from it: the
 * same statement over unchanged rows gives the same bytes, and `finish` is a pure function of
 * them (the marks' fixes are pure; a fallback throws and is not kept), so an equal JSON (one
 * memcmp) takes the kept answer instead of a pass over its marks. The statement still runs on
 * every request: only the finishing of its bytes is remembered. At most LAST_ANSWERS_BYTES in
 * all, least recently used forgotten first. Answers are never written to after they are made.
 */
interface LastAnswer {
  json: Buffer | string;
  answer: Buffer;
}
const LAST_ANSWERS_BYTES = 32 * 1024 * 1024;
const lastAnswers = new LRUCache<Marks, LastAnswer>({
  maxSize: LAST_ANSWERS_BYTES,
  sizeCalculation: ({ json, answer }) => json.length + (answer === json ? 0 : answer.length) || 1,
});

/** What a compiled operation runs and how its answer is finished. */
export interface CompiledOperation {
  text: string;
  params: readonly unknown[];
  /** The response keys of `data` the statement answers, in order. */
  keys: readonly string[];
  /** The root fields it leaves to the resolvers (a field it does not compile, a bad argument); their keys are not in `keys`. */
  rest: readonly FieldNode[];
  /** Every response key of the operation's data, in order: `keys` and the rest's. */
  order: readonly string[];
  /** Turns the statement's JSON (bytes or text, as the driver gives it) into the UTF-8 of `data`; throws CompiledFallback where it cannot. */
  finish(json: Buffer | string): Buffer;
}

/**
 * The rows a selection reads, and how the statement names their columns. A `derived` source is a
 * derived table (a list's or a page's rows, the table aliased `t` inside it) that exposes the
 * columns used; a `table` source is a table read by key (`node(id:)`); a `joined` source is a
 * to-one relation LEFT JOINed (by primary key: it never adds rows) into the FROM of the derived
 * or table source that owns it, so a relation is a join in the rows' own read, not a
 * subquery per row.
 */
class RowSource {
  /** Of a derived source: the exposed columns, by name, with what they read inside it. */
  private readonly exposed = new Map<string, string>();
  /** Of a derived or table source: the LEFT JOINs of its joined sources. */
  private readonly joins: string[] = [];

  private constructor(
    readonly kind: 'derived' | 'table' | 'joined',
    /** The derived table's alias, or the table's (table, joined). */
    readonly alias: string,
    readonly entity: EntityClass,
    readonly metadata: EntityMetadata,
    private readonly owner: RowSource | null,
  ) {}

  static derived(alias: string, entity: EntityClass, metadata: EntityMetadata): RowSource {
    return new RowSource('derived', alias, entity, metadata, null);
  }

  static table(alias: string, entity: EntityClass, metadata: EntityMetadata): RowSource {
    return new RowSource('table', alias, entity, metadata, null);
  }

  /** A column as the JSON expressions (outside a derived table) read it. */
  column(name: string): string {
    if (this.kind === 'derived') {
      this.exposed.set(name, `t.${name}`);
      return `${this.alias}.${name}`;
    }
    if (this.kind === 'joined' && this.owner!.kind === 'derived') {
      const exposed = `${this.alias}__${name}`;
      this.owner!.exposed.set(exposed, `${this.alias}.${name}`);
      return `${this.owner!.alias}.${exposed}`;
    }
    return `${this.alias}.${name}`;
  }

  /** A column as the source's own FROM reads it (in a join condition). */
  inner(name: string): string {
    return this.kind === 'derived' ? `t.${name}` : `${this.alias}.${name}`;
  }

  /** The primary key column (every entity here has one, `id`). */
  key(): string {
    return this.column(this.keyColumn());
  }

  keyColumn(): string {
    return this.metadata.primaryColumns[0].databaseName;
  }

  /** The row of `entity` whose key is this row's `column`, joined into the owner's FROM as `alias`. */
  join(alias: string, entity: EntityClass, metadata: EntityMetadata, column: string): RowSource {
    const owner = this.owner ?? this;
    const joined = new RowSource('joined', alias, entity, metadata, owner);
    owner.joins.push(` LEFT JOIN ${metadata.tableName} ${alias} ON ${alias}.${joined.keyColumn()} = ${this.inner(column)}`);
    return joined;
  }

  /** The LEFT JOINs to append to this source's FROM. */
  fromJoins(): string {
    return this.joins.join('');
  }

  /** The select list of a derived table over `t` exposing the columns used. */
  derivedSelect(): string {
    if (this.exposed.size === 0) return '1 AS __one';
    return [...this.exposed].map(([name, expr]) => `${expr} AS ${name}`).join(', ');
  }
}

/** The compiler for `database` (SQLite or PostgreSQL: the JSON functions are the dialect's). */
export function createSelectionCompiler(schema: GraphQLSchema, database: { dataSource: DataSource; dialect: Dialect }): SelectionCompiler {
  return new SelectionCompiler(schema, database.dataSource, database.dialect);
}

export class SelectionCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  /** The operation as one statement, or null when any part of it is not compiled. */
  compile(document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown>): CompiledOperation | null {
    if (operation.operation !== 'query') return null;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], rawVariables);
    if (coerced.errors) return null;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    try {
      return new OperationCompiler(this, this.schema, this.dialect, fragments, coerced.coerced).operation(operation);
    } catch (error) {
      // Unsupported, or a bad argument (the resolvers refuse it with their own message).
      if (error instanceof Unsupported || (error as { extensions?: { code?: string } }).extensions?.code === 'BAD_USER_INPUT') return null;
      throw error;
    }
  }

  metadataOf(entity: EntityClass): EntityMetadata {
    return this.dataSource.getMetadata(entity);
  }
}

class OperationCompiler {
  private aliases = 0;
  private readonly marks = new Marks();

  constructor(
    private readonly owner: SelectionCompiler,
    private readonly schema: GraphQLSchema,
    private readonly dialect: Dialect,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  operation(operation: OperationDefinitionNode): CompiledOperation {
    const queryType = this.schema.getQueryType()!;
    // Each root field compiles or is left to the resolvers on its own (`rest`).
    const pairs: Sql[] = [];
    const keys: string[] = [];
    const rest: FieldNode[] = [];
    let reads = 0;
    const order: string[] = [];
    for (const [key, node] of this.collect(queryType, operation.selectionSet)) {
      order.push(key);
      const field = queryType.getFields()[node.name.value];
      try {
        if (node.name.value === '__typename') pairs.push(new Sql(`'${key}', '${queryType.name}'`));
        else if (!field) throw new Unsupported();
        else {
          pairs.push(sql`'${key}', ${this.root(node, field)}`);
          reads += 1;
        }
        keys.push(key);
      } catch (error) {
        // Unsupported, or a bad argument (the resolvers refuse it with their own message).
        if (!(error instanceof Unsupported) && (error as { extensions?: { code?: string } }).extensions?.code !== 'BAD_USER_INPUT') throw error;
        rest.push(node);
      }
    }
    // An operation that reads nothing from the database here is not worth a statement.
    if (reads === 0) throw new Unsupported();
    const data = this.jsonObjectOf(Sql.join(pairs, ', '));
    const statement = sql`SELECT ${this.wrap(data, (t) => this.dialect.jsonResult(t))} AS data`;
    const marks = this.marks;
    const compact = this.dialect.compactJson;
    return {
      text: statement.text,
      params: statement.params,
      keys,
      rest,
      order,
      finish: (json) => {
        const last = lastAnswers.get(marks);
        if (last !== undefined && (typeof json === 'string' ? last.json === json : Buffer.isBuffer(last.json) && json.equals(last.json))) return last.answer;
        // PostgreSQL's json is written with spaces: made compact as JSON.stringify writes it.
        const answer = compact
          ? marks.finish(typeof json === 'string' ? Buffer.from(json) : json)
          : marks.finish(Buffer.from(JSON.stringify(JSON.parse(json.toString()))));
        lastAnswers.set(marks, { json, answer });
        return answer;
      },
    };
  }

  /** A root field: `node(id:)`, a top-level list or a stats query. */
  private root(node: FieldNode, field: GraphQLField<unknown, unknown>): Sql {
    const args = getArgumentValues(field, node, this.variables);
    const compiled = compiledOf(field);
    if (node.name.value === 'node') return this.node(String(args.id), field.type, node);
    if (compiled?.kind === 'root-list') return this.connection(compiled.listing, null, null, field, args, node);
    if (compiled?.kind === 'stats') return this.stats(compiled.spec as StatsSpecOf, field, args, node);
    throw new Unsupported();
  }

  /**
   * The JSON object of the fields of `selectionSet` on `type`: `__typename` here, every other
   * field as `value` makes it (throwing Unsupported for what it does not compile).
   */
  private fields(
    type: GraphQLObjectType,
    selectionSet: SelectionSetNode,
    value: (key: string, node: FieldNode, field: GraphQLField<unknown, unknown>) => Sql,
  ): Sql {
    const pairs: Sql[] = [];
    for (const [key, node] of this.collect(type, selectionSet)) {
      if (node.name.value === '__typename') {
        pairs.push(new Sql(`'${key}', '${type.name}'`));
        continue;
      }
      const field = type.getFields()[node.name.value];
      if (!field) throw new Unsupported();
      pairs.push(sql`'${key}', ${value(key, node, field)}`);
    }
    return this.jsonObjectOf(Sql.join(pairs, ', '));
  }

  private alias(): string {
    return `q${this.aliases++}`;
  }

  /** `write` applied to the text of `piece` (a dialect's JSON function around it); its parameters stay. */
  private wrap(piece: Sql, write: (text: string) => string): Sql {
    return new Sql(write(piece.text), piece.params);
  }

  private jsonObjectOf(pairs: Sql): Sql {
    return this.wrap(pairs, (t) => this.dialect.jsonObject(t));
  }

  /** The JSON array of `expr` over the rows of `alias`, in their order (`__rn` where the database needs it said). */
  private jsonArrayOf(expr: Sql, alias: string): Sql {
    return this.wrap(expr, (t) => this.dialect.jsonAgg(t, this.dialect.keepsSubqueryOrder ? null : `${alias}.__rn`));
  }

  /** A mark of `Marks` (`{"$<tag>": value}`), finished in JS. */
  private mark(tag: string, value: Sql | string): Sql {
    return this.jsonObjectOf(sql`'$${tag}', ${value}`);
  }

  /** `value`, or where `refused` holds the mark that makes the resolvers answer (a non-null field that is null ...). */
  private orFallback(refused: string, value: Sql): Sql {
    return sql`CASE WHEN ${refused} THEN ${this.mark(this.marks.fallback, '1')} ELSE ${value} END`;
  }

  /** `, ROW_NUMBER() ...` for a derived table whose order an aggregate must be told, or nothing. */
  private rowNumber(order: string): string {
    return this.dialect.keepsSubqueryOrder ? '' : `, ROW_NUMBER() OVER (ORDER BY ${order}) AS __rn`;
  }

  /** `node(id:)`: the record of the ID's type, read by key. */
  private node(id: string, type: GraphQLOutputType, node: FieldNode): Sql {
    const decoded = fromGlobalId(id);
    const entity = NODE_ENTITIES[decoded.type];
    const objectType = this.schema.getType(decoded.type);
    if (!isObjectType(objectType) || getNamedType(type).name !== 'Node') throw new Unsupported();
    return this.lookup(entity, objectType, node.selectionSet!, param(decoded.key));
  }

  /** The row of `entity` whose key is `key`, as an object of `type` (null where there is none). */
  private lookup(entity: EntityClass, type: GraphQLObjectType, selectionSet: SelectionSetNode, key: Sql): Sql {
    const source = RowSource.table(this.alias(), entity, this.owner.metadataOf(entity));
    const object = this.object(type, selectionSet, source);
    return sql`(SELECT ${object} FROM ${source.metadata.tableName} ${source.alias}${source.fromJoins()} WHERE ${source.key()} = ${key})`;
  }

  private derivedSource(entity: EntityClass): RowSource {
    return RowSource.derived(this.alias(), entity, this.owner.metadataOf(entity));
  }

  /** The fields of `selectionSet` that apply to `type`, by response key (fragments and @skip/@include applied). */
  private collect(type: GraphQLObjectType, selectionSet: SelectionSetNode, into = new Map<string, FieldNode>()): Map<string, FieldNode> {
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const seen = into.get(key);
        // The same key twice is merged by GraphQL; only plain repeated leaves are merged here.
        if (seen && (seen.selectionSet || selection.selectionSet || seen.name.value !== selection.name.value || seen.arguments?.length || selection.arguments?.length)) {
          throw new Unsupported();
        }
        into.set(key, selection);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments[selection.name.value];
        if (!fragment) throw new Unsupported();
        const condition = fragment.typeCondition?.name.value;
        if (condition && !this.applies(condition, type)) continue;
        this.collect(type, fragment.selectionSet, into);
      }
    }
    return into;
  }

  private applies(condition: string, type: GraphQLObjectType): boolean {
    if (condition === type.name) return true;
    const abstract = this.schema.getType(condition);
    return isAbstractType(abstract) && this.schema.isSubType(abstract, type);
  }

  private included(selection: { directives?: readonly { name: { value: string } }[] }): boolean {
    for (const directive of selection.directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') throw new Unsupported();
    }
    const node = selection as Parameters<typeof getDirectiveValues>[1];
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if === false) return false;
    return true;
  }

  /** A JSON object of the selected fields of the row `source` (an entity of GraphQL type `type`). */
  private object(type: GraphQLObjectType, selectionSet: SelectionSetNode, source: RowSource): Sql {
    const nodeType = (source.entity as unknown as { nodeType?: NodeType }).nodeType;
    return this.fields(type, selectionSet, (_key, node, field) => {
      const name = node.name.value;
      const relation = compiledOf(field);
      if (relation?.kind === 'one') return this.one(relation.entity, relation.foreignKey, field, node, source);
      if (relation?.kind === 'list') return this.list(relation.entity, relation.relation, field, node, source);
      if (relation?.kind === 'connection') {
        return this.connection(relation.listing, relation.relation, source, field, getArgumentValues(field, node, this.variables), node);
      }
      if (relation) throw new Unsupported();
      // A Node's global ID, written from its key (the interface's field has type-graphql's resolver).
      if (name === 'id' && nodeType) return this.mark(this.marks.id(nodeType), source.key());
      // Computed by a resolver of its own (not a getter of the entity, which scalar() reads from its column): never compiled.
      if (field.resolve && !isGetter(source.entity, name)) throw new Unsupported();
      return this.scalar(source.metadata, field, node, source);
    });
  }

  /** A plain column, or a partial date read from its `<field>Iso` column. */
  private scalar(metadata: EntityMetadata, field: GraphQLField<unknown, unknown>, node: FieldNode, source: RowSource): Sql {
    if (field.args.length > 0) throw new Unsupported();
    const named = getNamedType(field.type);
    // An entity's PartialDate getter parses its `<field>Iso` column (the convention of every entity here).
    if (named.name === 'PartialDate' && isObjectType(named)) {
      const column = metadata.columns.find((c) => c.propertyName === `${field.name}Iso`);
      if (!column) throw new Unsupported();
      return this.mark(this.marks.fix(this.partialDate(named, node.selectionSet!, isNonNullType(field.type))), source.column(column.databaseName));
    }
    const column = metadata.columns.find((c) => c.propertyName === field.name);
    // Any resolver here (a getter) may compute the value: only plain properties are columns.
    if (field.resolve) throw new Unsupported();
    if (!column || isListType(getNullableType(field.type))) throw new Unsupported();
    const expr = source.column(column.databaseName);
    // A NULL where the schema says non-null is an error the resolvers report; a NOT NULL column never has one.
    const required = isNonNullType(field.type) && column.isNullable;
    const checked = (json: Sql) => (required ? this.orFallback(`${expr} IS NULL`, json) : json);
    const plain = () => (required ? checked(new Sql(this.dialect.jsonValue(expr))) : new Sql(expr));
    if (isEnumType(named)) {
      if (!storedByName(named)) throw new Unsupported();
      return plain();
    }
    if (!isScalarType(named)) throw new Unsupported();
    // SQLite writes a REAL into JSON with 15 digits: the float goes as exact text, and JS writes it.
    if (named.name === 'Float') return checked(this.mark(this.marks.fix(toFloat), this.dialect.exactFloat(expr)));
    // (No entity here has a boolean column: SQLite would give 0/1.)
    if (named.name !== 'String' && named.name !== 'Int') throw new Unsupported();
    return plain();
  }

  /** PartialDate's fields, from the stored ISO text as PartialDate.parse reads it. */
  private partialDate(type: GraphQLObjectType, selectionSet: SelectionSetNode, required: boolean): MarkFix {
    const fields = [...this.collect(type, selectionSet)].map(([key, node]) => [key, node.name.value] as const);
    for (const [, name] of fields) if (name !== '__typename' && !type.getFields()[name]) throw new Unsupported();
    return (value) => {
      const date = PartialDate.parse(value as string | null);
      if (date === null) {
        if (required) throw new CompiledFallback();
        return null;
      }
      const out: JsonObject = {};
      for (const [key, name] of fields) out[key] = name === '__typename' ? type.name : date[name as keyof PartialDate];
      return out;
    };
  }

  /** A to-one relation: the row of `entity` whose key is the parent's `foreignKey` column. */
  private one(entity: EntityClass, foreignKey: string, field: GraphQLField<unknown, unknown>, node: FieldNode, parent: RowSource): Sql {
    const fk = parent.metadata.columns.find((c) => c.propertyName === foreignKey);
    const type = getNamedType(field.type);
    if (!fk || !isObjectType(type) || field.args.length > 0) throw new Unsupported();
    const source = parent.join(this.alias(), entity, this.owner.metadataOf(entity), fk.databaseName);
    const object = this.object(type, node.selectionSet!, source);
    const missing = `${source.key()} IS NULL`;
    return isNonNullType(field.type) ? this.orFallback(missing, object) : sql`CASE WHEN ${missing} THEN NULL ELSE ${object} END`;
  }

  /** A plain list under the parent, in the relation's order. */
  private list(entity: EntityClass, relation: PlainRelation, field: GraphQLField<unknown, unknown>, node: FieldNode, parent: RowSource): Sql {
    const type = getNamedType(field.type);
    if (!isObjectType(type) || field.args.length > 0) throw new Unsupported();
    const source = this.derivedSource(entity);
    const object = this.object(type, node.selectionSet!, source);
    const where = condition(relation.where);
    const rows = sql`SELECT ${source.derivedSelect()}${this.rowNumber(relation.order)} FROM ${relation.from}${source.fromJoins()} WHERE ${relation.parent} = ${parent.key()}${where ? sql` AND ${where}` : ''} ORDER BY ${relation.order}`;
    return sql`(SELECT ${this.jsonArrayOf(object, source.alias)} FROM (${rows}) ${source.alias})`;
  }

  /**
   * A connection: one page of `listing` (top-level when `relation` is null), in the shape the
   * selection asks for, with only what it reads: the page's rows (with their sort keys where a
   * cursor is read), totalCount, and the counts pageInfo needs.
   */
  private connection(
    listing: Listing<object>,
    relation: NestedRelation | null,
    parent: RowSource | null,
    field: GraphQLField<unknown, unknown>,
    args: Record<string, unknown>,
    node: FieldNode,
  ): Sql {
    const connectionType = getNamedType(field.type);
    if (!isObjectType(connectionType)) throw new Unsupported();
    for (const arg of field.args) {
      if (!['first', 'after', 'last', 'before', 'where', 'orderBy'].includes(arg.name)) throw new Unsupported();
    }
    const keys = toSortKeys(args.orderBy as OrderByInput[] | null | undefined, listing.sort, listing.defaultOrder);
    const page = toPageRequest(args as PageArgsInput, keys);
    if (page.backward || page.before !== null) throw new Unsupported();
    const filter = args.where != null && listing.filter ? compileWhere(args.where, listing.filter(), this.dialect) : undefined;
    const table = this.owner.metadataOf(listing.entity);
    const from = relation ? relation.from : `${table.tableName} t`;
    const belongs = relation && parent ? sql`${relation.parent} = ${parent.key()}` : null;
    const matching = [belongs, condition(relation?.where), condition(filter)].filter((c): c is Sql => c !== null);
    const after = page.after === null ? null : afterCondition(this.dialect, keys, page.after, false);
    const whereOf = (extra: Sql[]) => {
      const all = [...matching, ...extra];
      return all.length > 0 ? sql` WHERE ${Sql.join(all, ' AND ')}` : new Sql('');
    };
    const inRange = after ? [condition(after)!] : [];

    const nodeType = getNamedType(connectionType.getFields().nodes.type) as GraphQLObjectType;
    const edgeType = getNamedType(connectionType.getFields().edges.type) as GraphQLObjectType;
    const pageInfoType = getNamedType(connectionType.getFields().pageInfo.type) as GraphQLObjectType;
    const source = this.derivedSource(listing.entity);
    const cursorTag = this.marks.cursor(orderSignature(keys));
    // The rows' sort keys (`__k<i>`), read only where a cursor is.
    let cursors = false;
    let readsRows = false;
    const keyArray = () => {
      cursors = true;
      return new Sql(this.dialect.jsonArray(keys.map((_, i) => `${source.alias}.__k${i}`).join(', ')));
    };
    const rowsOf = (expr: Sql) => {
      readsRows = true;
      return this.jsonArrayOf(expr, source.alias);
    };
    const endCursor = (which: 'first' | 'last') => this.mark(cursorTag, this.wrap(rowsOf(keyArray()), (t) => this.dialect.jsonElement(t, which)));
    const count = (where: Sql) => sql`(SELECT COUNT(*) FROM ${from}${where})`;
    const parts = (type: GraphQLObjectType, selectionSet: SelectionSetNode, value: (name: string, child: FieldNode) => Sql) =>
      Sql.join(
        [...this.collect(type, selectionSet)].map(([key, child]) => {
          const name = child.name.value;
          return sql`'${key}', ${name === '__typename' ? new Sql(`'${type.name}'`) : value(name, child)}`;
        }),
        ', ',
      );
    const shape = parts(connectionType, node.selectionSet!, (name, child) => {
      if (name === 'totalCount') return count(whereOf([]));
      if (name === 'nodes') return rowsOf(this.object(nodeType, child.selectionSet!, source));
      if (name === 'edges') {
        const edge = parts(edgeType, child.selectionSet!, (edgeName, edgeField) => {
          if (edgeName === 'cursor') return this.mark(cursorTag, keyArray());
          if (edgeName === 'node') return this.object(nodeType, edgeField.selectionSet!, source);
          throw new Unsupported();
        });
        return rowsOf(this.jsonObjectOf(edge));
      }
      if (name === 'pageInfo') {
        return this.jsonObjectOf(
          parts(pageInfoType, child.selectionSet!, (infoName) => {
            if (infoName === 'hasNextPage') {
              const upTo = sql`(SELECT COUNT(*) FROM (SELECT 1 FROM ${from}${whereOf(inRange)} LIMIT ${param(page.limit + 1)}) c)`;
              return this.wrap(sql`${upTo} > ${param(page.limit)}`, (t) => this.dialect.jsonBoolean(t));
            }
            if (infoName === 'hasPreviousPage') {
              if (!after) return new Sql(this.dialect.jsonBoolean('1 = 0'));
              const before = count(whereOf([new Sql(`CASE WHEN ${after.sql} THEN 0 ELSE 1 END = 1`, after.params)]));
              return this.wrap(sql`${before} > 0`, (t) => this.dialect.jsonBoolean(t));
            }
            if (infoName === 'startCursor') return endCursor('first');
            if (infoName === 'endCursor') return endCursor('last');
            throw new Unsupported();
          }),
        );
      }
      throw new Unsupported();
    });
    if (!readsRows) return sql`(SELECT ${this.jsonObjectOf(shape)})`;
    const keyColumns = cursors ? `, ${keys.map((key, i) => `${key.sql} AS __k${i}`).join(', ')}` : '';
    const order = orderClause(this.dialect, keys, 't', false, (key: SortKey) => key.sql);
    const rows = sql`SELECT ${source.derivedSelect()}${keyColumns}${this.rowNumber(order)} FROM ${from}${source.fromJoins()}${whereOf(inRange)} ORDER BY ${order} LIMIT ${param(page.limit)}`;
    return sql`(SELECT ${this.jsonObjectOf(shape)} FROM (${rows}) ${source.alias})`;
  }

  /**
   * A stats query (`clusterEventStats` ...): groupStats' statement, each group made a JSON object
   * by the database, with the entities of its keys. A summary that gave no rows (stale, or no
   * data) and a grouping into too many groups are left to the resolvers, which answer both.
   */
  private stats(spec: StatsSpecOf, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, node: FieldNode): Sql {
    const groupType = getNamedType(field.type);
    if (!isObjectType(groupType)) throw new Unsupported();
    const statement = statsStatement(this.dialect, spec, args.where as object | null | undefined, (args.groupBy as string[]) ?? [], {
      numbered: !this.dialect.keepsSubqueryOrder,
    });
    const row = { alias: this.alias() };
    const group = this.fields(groupType, node.selectionSet!, (_key, child, childField) => {
      const name = child.name.value;
      if (name === 'count') return new Sql(`${row.alias}.n`);
      if (name === 'key') return this.statsKey(getNamedType(childField.type) as GraphQLObjectType, child.selectionSet!, statement, row);
      const i = statement.measures.findIndex((measure) => measure.property === name);
      if (i === -1) throw new Unsupported();
      if (!('date' in statement.measures[i])) return new Sql(`${row.alias}.m${i}`);
      const date = this.partialDate(getNamedType(childField.type) as GraphQLObjectType, child.selectionSet!, false);
      return this.mark(this.marks.fix(date), `substr(${row.alias}.m${i}, ${DATE_SORT_PREFIX + 1})`);
    });
    const refused = `COUNT(*) > ${MAX_STATS_GROUPS}${statement.summary ? ' OR COUNT(*) = 0' : ''}`;
    const groups = this.orFallback(refused, this.jsonArrayOf(group, row.alias));
    return sql`(SELECT ${groups} FROM (${new Sql(statement.text, statement.params)}) ${row.alias})`;
  }

  /** A group's key object: the keys grouped by are set (entities looked up), the others null. */
  private statsKey(type: GraphQLObjectType, selectionSet: SelectionSetNode, statement: StatsStatement, row: { alias: string }): Sql {
    return this.fields(type, selectionSet, (_key, node, field) => {
      const name = node.name.value;
      const relation = compiledOf(field);
      if (relation && relation.kind !== 'one') throw new Unsupported();
      if (!relation && field.resolve) throw new Unsupported();
      const property = relation?.kind === 'one' ? relation.foreignKey : name;
      const i = statement.keys.findIndex((k) => k.property === property);
      if (i === -1) return new Sql('NULL');
      const column = `${row.alias}.${statement.keys[i].label ? 'l' : 'k'}${i}`;
      if (relation?.kind === 'one') {
        const objectType = getNamedType(field.type);
        if (!isObjectType(objectType)) throw new Unsupported();
        return this.lookup(relation.entity, objectType, node.selectionSet!, new Sql(column));
      }
      const named = getNamedType(field.type);
      if (isEnumType(named) ? !storedByName(named) : !isScalarType(named) || !['String', 'Int'].includes(named.name)) throw new Unsupported();
      return new Sql(column);
    });
  }
}

type StatsSpecOf = StatsSpec<string, unknown, StatsGroup<unknown>>;

/** Whether an enum's values are stored as their names (then the column is the answer; a renamed value is never compiled). */
function storedByName(type: GraphQLEnumType): boolean {
  return type.getValues().every((v) => v.value === v.name);
}

/** Whether `name` is a getter of the entity's class (`id`, a partial date), not a resolver's field. */
function isGetter(entity: EntityClass, name: string): boolean {
  return typeof Object.getOwnPropertyDescriptor(entity.prototype, name)?.get === 'function';
}

/** A float from its exact text (null stays null). */
const toFloat: MarkFix = (v) => (v === null ? null : Number(v));
