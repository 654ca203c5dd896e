import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { fromGlobalId } from '../../src/shared/global-id';
import { compiledOf } from '../../src/shared/resolvers';

/*
 * Random valid operations made from the schema, for the differential fuzzer
 * (test/engines-fuzz.test.ts): a top-level list, a stats query, a node or a search (which the
 * compiler leaves to the resolvers), with random selections of plain fields, partial dates,
 * declared relations and the Nodes that fields with resolvers of their own read (which the
 * compiler leaves to them, under a root field it answers), pages of random sizes, random `where`
 * trees from the input types and random orderings, aliases and __typename. Every operation is valid against the schema; its
 * arguments may still be refused (a page too large), which both engines must refuse alike.
 */

type AnyField = GraphQLField<unknown, unknown>;

/** Words the real data set and the generated text hold (and some they do not). */
const WORDS = ['форум', 'кадр', 'колледж', 'Москва', 'сессия', 'ё', 'Про', 'а', 'zzz', '%', '_'];
const DATES = ['2023', '2024', '2024-04', '2024-04-20', '2025-01'];

const MAX_DEPTH = 3;

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** An arbitrary of operations on `schema`, each with the IDs it may ask `node` for. */
export function operationArbitrary(schema: GraphQLSchema, ids: readonly string[]): fc.Arbitrary<Operation> {
  const query = schema.getQueryType()!;
  const fields = Object.values(query.getFields());
  const lists = fields.filter((f) => compiledOf(f)?.kind === 'root-list');
  const stats = fields.filter((f) => compiledOf(f)?.kind === 'stats');
  const root: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...lists).chain((f) => connection(f, 0)) },
    { weight: 2, arbitrary: fc.constantFrom(...stats).chain((f) => statsQuery(f)) },
    { weight: 1, arbitrary: ids.length > 0 ? fc.constantFrom(...ids).chain((id) => node(schema, id)) : fc.constant('__typename') },
    { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((word) => `search(query: ${JSON.stringify(word)}, first: 3) { totalCount nodes { node { __typename id } } }`) },
  );
  return fc
    .array(root, { minLength: 1, maxLength: 3 })
    .map((roots) => ({ query: `{ ${roots.map((r, i) => `r${i}: ${r}`).join(' ')} }`, variables: {} }));
}

/** A connection field with a page, maybe `where`/`orderBy`, and a selection of its nodes, edges or counts. */
function connection(field: AnyField, depth: number): fc.Arbitrary<string> {
  const nodeType = getNamedType((getNamedType(field.type) as GraphQLObjectType).getFields().nodes.type) as GraphQLObjectType;
  const where = field.args.find((a) => a.name === 'where');
  const orderBy = field.args.find((a) => a.name === 'orderBy');
  const args = fc.record({
    first: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.constant(101) }),
    where: optionalWhere(where?.type, 2),
    orderBy: orderBy ? fc.option(orderValue(getNamedType(orderBy.type) as GraphQLInputObjectType), { freq: 2 }) : fc.constant(null),
  });
  const part = fc.oneof(
    fc.constant('totalCount'),
    fc.constant('pageInfo { hasNextPage hasPreviousPage endCursor }'),
    selection(nodeType, depth + 1).map((s) => `nodes { ${s} }`),
    selection(nodeType, depth + 1).map((s) => `edges { cursor node { ${s} } }`),
  );
  return fc.tuple(args, fc.uniqueArray(part, { minLength: 1, maxLength: 3 })).map(([a, parts]) => {
    const list = [`first: ${a.first}`, a.where ? `where: ${a.where}` : '', a.orderBy ? `orderBy: ${a.orderBy}` : ''].filter(Boolean).join(', ');
    return `${field.name}(${list}) { ${parts.join(' ')} }`;
  });
}

/** Fields of `type`: plain ones, partial dates, and (above MAX_DEPTH) its declared relations. */
function selection(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = [fc.constant('__typename')];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const compiled = compiledOf(field);
    if (field.args.length === 0 && (isScalarType(named) || isEnumType(named)) && !isListType(getNullableType(field.type))) choices.push(fc.constant(field.name));
    else if (named.name === 'PartialDate') choices.push(fc.constantFrom(`${field.name} { iso precision }`, `${field.name} { year month day }`));
    else if (depth < MAX_DEPTH && (compiled?.kind === 'one' || compiled?.kind === 'list') && isObjectType(named)) {
      choices.push(fc.constant(null).chain(() => selection(named, depth + 1).map((s) => `${field.name} { ${s} }`)));
    } else if (depth < MAX_DEPTH && compiled?.kind === 'connection') choices.push(fc.constant(null).chain(() => connection(field, depth)));
    // A Node, or Nodes, its own resolver reads (Figure.subject, Publication.mentions, sources): left to it under a compiled root.
    else if (!compiled && field.args.length === 0 && (isObjectType(named) || isInterfaceType(named)) && named.getFields().id) choices.push(fc.constant(`${field.name} { __typename id }`));
  }
  return fc
    .uniqueArray(fc.oneof(...choices), { minLength: 1, maxLength: 4 })
    .chain((picked) => fc.tuple(...picked.map((s) => fc.option(fc.constantFrom('a', 'b'), { freq: 5 }).map((alias) => (alias ? `${alias}_${picked.indexOf(s)}: ${s}` : s)))))
    .map((parts) => parts.join(' '));
}

/** A stats query grouped by up to two of its keys, with its key fields, count and measures. */
function statsQuery(field: AnyField): fc.Arbitrary<string> {
  const groupBy = getNamedType(field.args.find((a) => a.name === 'groupBy')!.type);
  const where = field.args.find((a) => a.name === 'where');
  const group = getNamedType(field.type) as GraphQLObjectType;
  const key = getNamedType(group.getFields().key.type) as GraphQLObjectType;
  const values = isEnumType(groupBy) ? groupBy.getValues().map((v) => v.name) : [];
  const keyFields = Object.values(key.getFields()).map((f) => (isObjectType(getNamedType(f.type)) ? `${f.name} { __typename id }` : f.name));
  const measures = Object.values(group.getFields())
    .filter((f) => f.name !== 'key')
    .map((f) => (getNamedType(f.type).name === 'PartialDate' ? `${f.name} { iso }` : f.name));
  return fc
    .record({
      keys: fc.uniqueArray(fc.constantFrom(...values), { maxLength: 2 }),
      where: optionalWhere(where?.type, 3),
      picked: fc.subarray(measures, { minLength: 1 }),
      keyPicked: fc.subarray(keyFields, { minLength: 1 }),
    })
    .map(({ keys, where: w, picked, keyPicked }) => `${field.name}(groupBy: [${keys.join(', ')}]${w ? `, where: ${w}` : ''}) { key { ${keyPicked.join(' ')} } ${picked.join(' ')} }`);
}

function node(schema: GraphQLSchema, id: string): fc.Arbitrary<string> {
  const type = schema.getType(fromGlobalId(id).type);
  const inner = type && isObjectType(type) ? selection(type, 1).map((s) => `... on ${type.name} { ${s} }`) : fc.constant('');
  return inner.map((s) => `node(id: ${JSON.stringify(id)}) { __typename id ${s} }`);
}

/** Maybe a `where` of `type` (none where there is no such argument). */
function optionalWhere(type: GraphQLInputType | undefined, freq: number): fc.Arbitrary<string | null> {
  const value = type ? whereValue(getNamedType(type) as GraphQLInputObjectType, 0) : null;
  return value ? fc.option(value, { freq }) : fc.constant(null);
}

/** A `where` literal for `type`: random filters on its fields, nested wheres, AND/OR/NOT. */
function whereValue(type: GraphQLInputObjectType, depth: number): fc.Arbitrary<string> | null {
  const entries: fc.Arbitrary<string>[] = [];
  for (const field of Object.values(type.getFields())) {
    const value = inputValue(field.type, field.name, depth);
    if (value) entries.push(value.map((v) => `${field.name}: ${v}`));
  }
  if (entries.length === 0) return null;
  return fc.uniqueArray(fc.oneof(...entries), { minLength: 1, maxLength: 2, selector: (e) => e.split(':')[0] }).map((parts) => `{ ${parts.join(', ')} }`);
}

function inputValue(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<string> | null {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = getNullableType(nullable.ofType);
    if (isInputObjectType(item)) {
      const element = depth < 2 ? whereValue(item, depth + 1) : null;
      return element && fc.array(element, { minLength: 1, maxLength: 2 }).map((l) => `[${l.join(', ')}]`);
    }
    if (isEnumType(item)) return fc.subarray(item.getValues().map((v) => v.name), { minLength: 1 }).map((l) => `[${l.join(', ')}]`);
    if (isScalarType(item) && item.name === 'Int') return fc.array(fc.integer({ min: 0, max: 2030 }), { minLength: 1, maxLength: 3 }).map((l) => `[${l.join(', ')}]`);
    if (isScalarType(item) && item.name === 'String') return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((l) => JSON.stringify(l));
    return null;
  }
  if (isInputObjectType(nullable)) return depth < 2 ? whereValue(nullable, depth + 1) : null;
  if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((v) => v.name));
  if (isScalarType(nullable)) {
    if (nullable.name === 'Int') return fc.integer({ min: 0, max: 2030 }).map(String);
    if (nullable.name === 'String') return fc.constantFrom(...(/^(gt|gte|lt|lte|equals)$/.test(name) ? [...DATES, ...WORDS] : WORDS)).map((w) => JSON.stringify(w));
  }
  return null;
}

/** An `orderBy` literal: one or two keys of the OrderBy input, each with a direction. */
function orderValue(type: GraphQLInputObjectType): fc.Arbitrary<string> {
  const keys = Object.keys(type.getFields());
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...keys), fc.constantFrom('ASC', 'DESC')), { minLength: 1, maxLength: 2, selector: ([k]) => k }).map((l) => `[${l.map(([k, d]) => `{ ${k}: ${d} }`).join(', ')}]`);
}
