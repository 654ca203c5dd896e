import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { EntityMetadata } from 'typeorm';
import type { Dialect } from '../db/dialect';
import { modelOfType } from '../shared/model';
import { keptCount } from '../modules/stats/start-counts';
import { DATE_SORT_PREFIX, MAX_STATS_GROUPS, type StatsGroup, type StatsSpec, type StatsStatement, statsStatement } from '../modules/stats/stats.query';
import type { EntityClass } from '../shared/entity-table';
import { fromGlobalId, type NodeType } from '../shared/global-id';
import { afterCondition, orderClause } from '../shared/list-query';
import type { Listing } from '../shared/listing';
import { type OrderByInput, toSortKeys } from '../shared/ordering';
import { type PageArgsInput, type SortKey, orderSignature, toPageRequest } from '../shared/pagination';
import type { NestedRelation, PlainRelation } from '../shared/relations';
import { compiledOf } from '../shared/resolvers';
import { compileWhere } from '../shared/where';
import { type CompiledOperation, finisher } from './answer';
import { isGetter, partialDateFix, storedByName, toFloat } from './columns';
import { JsonSql } from './json';
import { Marks } from './marks';
import { RowSource } from './row-source';
import { Selections, guarded } from './selections';
import { Sql, Unsupported, condition, leftToResolvers, param, sql } from './sql';
import { STAGE_ARGUMENT } from '../shared/stage';

/** Compiles one operation (a new one for each): its aliases and marks are its own. */
export class OperationCompiler {
  private aliases = 0;
  private readonly marks = new Marks();
  private readonly json: JsonSql;
  private readonly selections: Selections;

  constructor(
    private readonly metadataOf: (entity: EntityClass) => EntityMetadata,
    private readonly schema: GraphQLSchema,
    private readonly dialect: Dialect,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {
    this.json = new JsonSql(dialect, this.marks);
    this.selections = new Selections(schema, fragments, variables);
  }

  operation(operation: OperationDefinitionNode): CompiledOperation {
    const queryType = this.schema.getQueryType()!;
    // Each root field compiles or is left to the resolvers on its own (`rest`).
    const pairs: Sql[] = [];
    const keys: string[] = [];
    const rest: FieldNode[] = [];
    let reads = 0;
    const order: string[] = [];
    for (const [key, node] of this.selections.collect(queryType, operation.selectionSet)) {
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
        if (!leftToResolvers(error)) throw error;
        rest.push(node);
      }
    }
    // An operation that reads nothing from the database here is not worth a statement.
    if (reads === 0) throw new Unsupported();
    const data = this.json.object(Sql.join(pairs, ', '));
    const statement = sql`SELECT ${this.json.wrap(data, (t) => this.dialect.jsonResult(t))} AS data`;
    const fields = this.marks.resolved;
    const resolution = fields.length > 0 ? { schema: this.schema, operation, fragments: Object.values(this.fragments), fields } : null;
    return { text: statement.text, params: statement.params, keys, rest, order, resolution, finish: finisher(this.marks, this.dialect.compactJson) };
  }

  /** A root field: `node(id:)`, a top-level list or a stats query. */
  private root(node: FieldNode, field: GraphQLField<unknown, unknown>): Sql {
    guarded(field);
    const args = getArgumentValues(field, node, this.variables);
    const compiled = compiledOf(field);
    if (node.name.value === 'node') return this.node(String(args.id), field.type, node);
    if (compiled?.kind === 'root-list') return this.connection(compiled.listing, null, null, field, args, node);
    if (compiled?.kind === 'stats') return this.stats(compiled.spec as StatsSpecOf, field, args, node);
    throw new Unsupported();
  }

  /**
   * The JSON object of the fields of `selectionSet` on `type`: `__typename` here, every other
   * field as `value` makes it (throwing Unsupported for what it does not compile); where it
   * does not, `resolved` (if given) makes the field's mark for its resolver (resolved.ts).
   */
  private fields(
    type: GraphQLObjectType,
    selectionSet: SelectionSetNode,
    value: (key: string, node: FieldNode, field: GraphQLField<unknown, unknown>) => Sql,
    resolved: ((node: FieldNode) => Sql) | null = null,
  ): Sql {
    const pairs: Sql[] = [];
    for (const [key, node] of this.selections.collect(type, selectionSet)) {
      if (node.name.value === '__typename') {
        pairs.push(new Sql(`'${key}', '${type.name}'`));
        continue;
      }
      const field = type.getFields()[node.name.value];
      if (!field) throw new Unsupported();
      // A field that declares a role is not left to its resolver here: the Node's root field is.
      guarded(field);
      try {
        pairs.push(sql`'${key}', ${value(key, node, field)}`);
      } catch (error) {
        if (!resolved || !leftToResolvers(error)) throw error;
        pairs.push(sql`'${key}', ${resolved(node)}`);
      }
    }
    return this.json.object(Sql.join(pairs, ', '));
  }

  private alias(): string {
    return `q${this.aliases++}`;
  }

  /** `node(id:)`: the record of the ID's type, read by key. */
  private node(id: string, type: GraphQLOutputType, node: FieldNode): Sql {
    const decoded = fromGlobalId(id);
    const entity = modelOfType(decoded.type);
    const objectType = this.schema.getType(decoded.type);
    if (!isObjectType(objectType) || getNamedType(type).name !== 'Node') throw new Unsupported();
    return this.lookup(entity, objectType, node.selectionSet!, param(decoded.key));
  }

  /** The row of `entity` whose key is `key`, as an object of `type` (null where there is none). */
  private lookup(entity: EntityClass, type: GraphQLObjectType, selectionSet: SelectionSetNode, key: Sql): Sql {
    const source = RowSource.table(this.alias(), entity, this.metadataOf(entity));
    const object = this.object(type, selectionSet, source);
    return sql`(SELECT ${object} FROM ${source.metadata.tableName} ${source.alias}${source.fromJoins()} WHERE ${source.key()} = ${key})`;
  }

  private derivedSource(entity: EntityClass): RowSource {
    return RowSource.derived(this.alias(), entity, this.metadataOf(entity));
  }

  /**
   * A JSON object of the selected fields of the row `source` (an entity of GraphQL type `type`).
   * Of a Node (which `node(id:)` reads), a field not compiled is left to its resolver, by key.
   */
  private object(type: GraphQLObjectType, selectionSet: SelectionSetNode, source: RowSource): Sql {
    const nodeType = (source.entity as unknown as { nodeType?: NodeType }).nodeType;
    const isNode = nodeType === type.name && type.getInterfaces().some((i) => i.name === 'Node');
    const resolved = isNode ? (node: FieldNode) => this.json.mark(this.marks.resolve(nodeType, node), source.key()) : null;
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
      if (name === 'id' && nodeType) return this.json.mark(this.marks.id(nodeType), source.key());
      // Computed by a resolver of its own (not a getter of the entity, which scalar() reads from its column): never compiled.
      if (field.resolve && !isGetter(source.entity, name)) throw new Unsupported();
      return this.scalar(source.metadata, field, node, source);
    }, resolved);
  }

  /** A plain column, or a partial date read from its `<field>Iso` column. */
  private scalar(metadata: EntityMetadata, field: GraphQLField<unknown, unknown>, node: FieldNode, source: RowSource): Sql {
    if (field.args.length > 0) throw new Unsupported();
    const named = getNamedType(field.type);
    // An entity's PartialDate getter parses its `<field>Iso` column (the convention of every entity here).
    if (named.name === 'PartialDate' && isObjectType(named)) {
      const column = metadata.columns.find((c) => c.propertyName === `${field.name}Iso`);
      if (!column) throw new Unsupported();
      return this.json.mark(this.marks.fix(partialDateFix(named, this.selections.collect(named, node.selectionSet!), isNonNullType(field.type))), source.column(column.databaseName));
    }
    const column = metadata.columns.find((c) => c.propertyName === field.name);
    // Any resolver here (a getter) may compute the value: only plain properties are columns.
    if (field.resolve) throw new Unsupported();
    if (!column || isListType(getNullableType(field.type))) throw new Unsupported();
    const expr = source.column(column.databaseName);
    // A NULL where the schema says non-null is an error the resolvers report; a NOT NULL column never has one.
    const required = isNonNullType(field.type) && column.isNullable;
    const checked = (json: Sql) => (required ? this.json.orFallback(`${expr} IS NULL`, json) : json);
    const plain = () => (required ? checked(new Sql(this.dialect.jsonValue(expr))) : new Sql(expr));
    if (isEnumType(named)) {
      if (!storedByName(named)) throw new Unsupported();
      return plain();
    }
    if (!isScalarType(named)) throw new Unsupported();
    // SQLite writes a REAL into JSON with 15 digits: the float goes as exact text, and JS writes it.
    if (named.name === 'Float') return checked(this.json.mark(this.marks.fix(toFloat), this.dialect.exactFloat(expr)));
    if (named.name === 'Int') return this.json.int(expr, required);
    // (No entity here has a boolean column: SQLite would give 0/1.)
    if (named.name !== 'String') throw new Unsupported();
    return plain();
  }

  /** A to-one relation: the row of `entity` whose key is the parent's `foreignKey` column. */
  private one(entity: EntityClass, foreignKey: string, field: GraphQLField<unknown, unknown>, node: FieldNode, parent: RowSource): Sql {
    const fk = parent.metadata.columns.find((c) => c.propertyName === foreignKey);
    const type = getNamedType(field.type);
    if (!fk || !isObjectType(type) || field.args.length > 0) throw new Unsupported();
    const source = parent.join(this.alias(), entity, this.metadataOf(entity), fk.databaseName);
    const object = this.object(type, node.selectionSet!, source);
    const missing = `${source.key()} IS NULL`;
    return isNonNullType(field.type) ? this.json.orFallback(missing, object) : sql`CASE WHEN ${missing} THEN NULL ELSE ${object} END`;
  }

  /** A plain list under the parent, in the relation's order. */
  private list(entity: EntityClass, relation: PlainRelation, field: GraphQLField<unknown, unknown>, node: FieldNode, parent: RowSource): Sql {
    const type = getNamedType(field.type);
    if (!isObjectType(type) || field.args.length > 0) throw new Unsupported();
    const source = this.derivedSource(entity);
    const object = this.object(type, node.selectionSet!, source);
    const where = condition(relation.where);
    const rows = sql`SELECT ${source.derivedSelect()}${this.json.orderColumns(relation.order)} FROM ${relation.from}${source.fromJoins()} WHERE ${relation.parent} = ${parent.key()}${where ? sql` AND ${where}` : ''} ORDER BY ${relation.order}`;
    return this.json.list(object, rows, source.alias, relation.order);
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
      if (!['first', 'after', 'last', 'before', 'where', 'orderBy', STAGE_ARGUMENT].includes(arg.name)) throw new Unsupported();
    }
    const keys = toSortKeys(args.orderBy as OrderByInput[] | null | undefined, listing.sort, listing.defaultOrder);
    const page = toPageRequest(args as PageArgsInput, keys);
    if (page.backward || page.before !== null) throw new Unsupported();
    const filter = args.where != null && listing.filterSpec ? compileWhere(args.where, listing.filterSpec, this.dialect) : undefined;
    const table = this.metadataOf(listing.entity);
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
    const form = this.dialect.pageArrays;
    // A top-level list with no filter may sort on its sort index (Dialect.nullsLargest); a nested
    // one reads its parent's rows through the parent's index, which that order would compete with.
    const order = orderClause(this.dialect, keys, 't', false, (key: SortKey) => key.sql, filter === undefined && relation === null);
    // The rows' sort keys (`__k<i>`), read only where a cursor is.
    let cursors = false;
    let readsRows = false;
    const keyArray = () => {
      cursors = true;
      return new Sql(this.dialect.jsonArray(keys.map((_, i) => `${source.alias}.__k${i}`).join(', ')));
    };
    const rowsOf = (expr: Sql) => {
      readsRows = true;
      return this.json.rowArray(expr, source.alias, form, order);
    };
    const endCursor = (which: 'first' | 'last') => this.json.mark(cursorTag, this.json.wrap(rowsOf(keyArray()), (t) => this.dialect.jsonElement(t, which)));
    const count = (where: Sql) => sql`(SELECT COUNT(*) FROM ${from}${where})`;
    const parts = (type: GraphQLObjectType, selectionSet: SelectionSetNode, value: (name: string, child: FieldNode) => Sql) =>
      Sql.join(
        [...this.selections.collect(type, selectionSet)].map(([key, child]) => {
          const name = child.name.value;
          if (name !== '__typename') guarded(type.getFields()[name] ?? {});
          return sql`'${key}', ${name === '__typename' ? new Sql(`'${type.name}'`) : value(name, child)}`;
        }),
        ', ',
      );
    const shape = parts(connectionType, node.selectionSet!, (name, child) => {
      if (name === 'totalCount') {
        // A top-level list filtered on a field whose counts are kept sums them (stats/start-counts.ts).
        const live = count(whereOf([]));
        const kept = relation === null ? keptCount(listing, args.where as object | null | undefined, this.dialect, { sql: live.text, params: [...live.params] }) : null;
        return kept ? new Sql(kept.sql, kept.params) : live;
      }
      if (name === 'nodes') return rowsOf(this.object(nodeType, child.selectionSet!, source));
      if (name === 'edges') {
        const edge = parts(edgeType, child.selectionSet!, (edgeName, edgeField) => {
          if (edgeName === 'cursor') return this.json.mark(cursorTag, keyArray());
          if (edgeName === 'node') return this.object(nodeType, edgeField.selectionSet!, source);
          throw new Unsupported();
        });
        return rowsOf(this.json.object(edge));
      }
      if (name === 'pageInfo') {
        return this.json.object(
          parts(pageInfoType, child.selectionSet!, (infoName) => {
            if (infoName === 'hasNextPage') {
              const upTo = sql`(SELECT COUNT(*) FROM (SELECT 1 FROM ${from}${whereOf(inRange)} LIMIT ${param(page.limit + 1)}) c)`;
              return this.json.wrap(sql`${upTo} > ${param(page.limit)}`, (t) => this.dialect.jsonBoolean(t));
            }
            if (infoName === 'hasPreviousPage') {
              if (!after) return new Sql(this.dialect.jsonBoolean('1 = 0'));
              const before = count(whereOf([new Sql(`CASE WHEN ${after.sql} THEN 0 ELSE 1 END = 1`, after.params)]));
              return this.json.wrap(sql`${before} > 0`, (t) => this.dialect.jsonBoolean(t));
            }
            if (infoName === 'startCursor') return endCursor('first');
            if (infoName === 'endCursor') return endCursor('last');
            throw new Unsupported();
          }),
        );
      }
      throw new Unsupported();
    });
    if (!readsRows) return sql`(SELECT ${this.json.object(shape)})`;
    const keyColumns = cursors ? `, ${keys.map((key, i) => `${key.sql} AS __k${i}`).join(', ')}` : '';
    const rows = sql`SELECT ${source.derivedSelect()}${keyColumns}${this.json.orderColumns(order)} FROM ${from}${source.fromJoins()}${whereOf(inRange)} ORDER BY ${order} LIMIT ${param(page.limit)}`;
    return this.json.over(this.json.object(shape), rows, source.alias, form);
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
      if (!('date' in statement.measures[i])) {
        return getNamedType(childField.type).name === 'Int' ? this.json.int(`${row.alias}.m${i}`, isNonNullType(childField.type)) : new Sql(`${row.alias}.m${i}`);
      }
      const dateType = getNamedType(childField.type) as GraphQLObjectType;
      const date = partialDateFix(dateType, this.selections.collect(dateType, child.selectionSet!), false);
      return this.json.mark(this.marks.fix(date), `substr(${row.alias}.m${i}, ${DATE_SORT_PREFIX + 1})`);
    });
    const refused = `COUNT(*) > ${MAX_STATS_GROUPS}${statement.summary ? ' OR COUNT(*) = 0' : ''}`;
    const groups = this.json.orFallback(refused, this.json.array(group, row.alias));
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
