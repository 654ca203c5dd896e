import { type GraphQLField, type GraphQLObjectType, type GraphQLSchema, getNamedType, isEnumType, isObjectType, isScalarType } from 'graphql';
import { createSchema } from '../src/schema';
import { compiledOf } from '../src/shared/resolvers';
import type { TestApp } from './support/app';
import { DATA_SETS, bothEngines } from './support/engines';

/**
 * Every field whose declaration tells the selection compiler what it is (relationResolver's
 * relations, the top-level lists, the stats and their keys' entities) is asked of both engines,
 * on the same data: the answers must be equal to the byte, and the compiling server must have
 * answered with its one statement. The cases are made from the schema, so a relation declared
 * tomorrow is asked tomorrow, without a line here.
 */

type AnyField = GraphQLField<unknown, unknown>;

interface Case {
  /** `Type.field` of the declared field the case asks for. */
  field: string;
  query: string;
}

/** The leaves a case selects on an object: __typename, its id, and up to two plain scalars. */
function leaves(type: GraphQLObjectType): string {
  const plain = Object.values(type.getFields()).filter((f) => {
    const named = getNamedType(f.type);
    return f.name !== 'id' && f.args.length === 0 && !f.resolve && (isScalarType(named) || isEnumType(named));
  });
  return ['__typename', ...('id' in type.getFields() ? ['id'] : []), ...plain.slice(0, 2).map((f) => f.name)].join(' ');
}

/** The selection of `field` holding `inner` on what it reaches (a connection's nodes, with its count). */
function select(field: AnyField, inner: string): string {
  const compiled = compiledOf(field);
  if (compiled?.kind === 'connection' || compiled?.kind === 'root-list') return `${field.name}(first: ${compiled.kind === 'root-list' ? 40 : 3}) { totalCount nodes { ${inner} } }`;
  return `${field.name} { ${inner} }`;
}

/** The object type a declared relation or list reaches. */
function target(field: AnyField): GraphQLObjectType {
  const named = getNamedType(field.type) as GraphQLObjectType;
  const compiled = compiledOf(field);
  return compiled?.kind === 'connection' || compiled?.kind === 'root-list' ? (getNamedType(named.getFields().nodes.type) as GraphQLObjectType) : named;
}

const RELATIONS = new Set(['one', 'list', 'connection']);

/** A case per declared field, each reached from a top-level list by the shortest walk over declared relations. */
function cases(schema: GraphQLSchema): Case[] {
  const query = schema.getQueryType()!;
  const out: Case[] = [];
  // The shortest path of declared fields from Query to each type.
  const paths = new Map<string, AnyField[]>();
  const queue: GraphQLObjectType[] = [];
  for (const field of Object.values(query.getFields())) {
    if (compiledOf(field)?.kind !== 'root-list') continue;
    const type = target(field);
    out.push({ field: `Query.${field.name}`, query: `{ ${select(field, leaves(type))} }` });
    if (!paths.has(type.name)) {
      paths.set(type.name, [field]);
      queue.push(type);
    }
  }
  for (let type = queue.shift(); type; type = queue.shift()) {
    for (const field of Object.values(type.getFields())) {
      if (!RELATIONS.has(compiledOf(field)?.kind ?? '')) continue;
      const reached = target(field);
      if (!paths.has(reached.name)) {
        paths.set(reached.name, [...paths.get(type.name)!, field]);
        queue.push(reached);
      }
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const path = paths.get(type.name);
    for (const field of Object.values(type.getFields())) {
      if (!RELATIONS.has(compiledOf(field)?.kind ?? '') || !path) continue;
      // The walk to the type, then the field, each level keeping its id to tell its rows apart.
      let selection = `${leaves(type)} ${select(field, leaves(target(field)))}`;
      for (let i = path.length - 1; i >= 0; i--) {
        selection = i === 0 ? select(path[i], selection) : `${leaves(target(path[i - 1]))} ${select(path[i], selection)}`;
      }
      out.push({ field: `${type.name}.${field.name}`, query: `{ ${selection} }` });
    }
  }
  // The stats, grouped by each key alone, with every declared entity of their keys.
  for (const field of Object.values(query.getFields())) {
    if (compiledOf(field)?.kind !== 'stats') continue;
    const group = getNamedType(field.type) as GraphQLObjectType;
    const key = getNamedType(group.getFields().key.type) as GraphQLObjectType;
    const keyFields = Object.values(key.getFields()).map((f) => (compiledOf(f)?.kind === 'one' ? `${f.name} { ${leaves(target(f))} }` : f.name));
    const groupBy = getNamedType(field.args.find((a) => a.name === 'groupBy')!.type);
    if (!isEnumType(groupBy)) throw new Error(`${field.name}: groupBy is not an enum`);
    for (const value of groupBy.getValues()) {
      out.push({ field: `Query.${field.name}(${value.name})`, query: `{ ${field.name}(groupBy: [${value.name}]) { count key { ${keyFields.join(' ')} } } }` });
    }
  }
  return out;
}

let schema: GraphQLSchema;
let all: Case[];
beforeAll(async () => {
  schema = await createSchema();
  all = cases(schema);
});

describe('the cases', () => {
  it('ask every declared field of the schema', () => {
    const declared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const compiled = compiledOf(field);
        if (compiled && compiled.kind !== 'stats') declared.push(`${type.name}.${field.name}`);
      }
    }
    const asked = new Set(all.map((c) => c.field));
    // Stats keys' entities are asked through their stats query, grouped by each key.
    const unasked = declared.filter((name) => !asked.has(name) && !/StatsKey\./.test(name));
    expect(unasked).toEqual([]);
    expect(declared.length).toBeGreaterThan(80);
  });
});

describe.each(DATA_SETS)('both engines answer every declared field alike: %s', (_label, real) => {
  const engines = bothEngines(real);

  it('equal to the byte, each in one statement', async () => {
    const differing: string[] = [];
    const uncompiled: string[] = [];
    for (const c of all) {
      const ask = async (app: TestApp) => (await app.post({ query: c.query })).text;
      const [a, b] = await Promise.all([ask(engines.compiling), ask(engines.resolving)]);
      const body = (text: string) => JSON.stringify({ ...JSON.parse(text), extensions: undefined });
      const answer = JSON.parse(a) as { errors?: unknown; extensions?: { sql?: { compiled?: boolean; statements?: number } } };
      expect({ field: c.field, errors: answer.errors }).toEqual({ field: c.field, errors: undefined });
      if (body(a) !== body(b)) differing.push(c.field);
      if (answer.extensions?.sql?.compiled !== true || answer.extensions.sql.statements !== 1) uncompiled.push(c.field);
    }
    expect(differing).toEqual([]);
    expect(uncompiled).toEqual([]);
  });
});
