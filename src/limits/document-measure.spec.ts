import fs from 'node:fs';
import fc from 'fast-check';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  buildSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  visit,
} from 'graphql';
import { projectPath } from '../shared/paths';
import { measureDocument, mostRepeatedField } from './document-measure';

describe('the measure of a document', () => {
  it('measures depth through fragments, and finds a cycle with the fragments between', () => {
    expect(measureDocument(parse('query { forum { ...F } } fragment F on Forum { sessions { nodes { title } } }')).depth).toBe(4);
    const cyclic = measureDocument(parse('query { forum { ...A } } fragment A on Forum { region { ...B } } fragment B on Org { ...A }'));
    expect(cyclic.cycle).toEqual({ fragment: 'A', via: ['B'] });
    expect(measureDocument(parse('fragment A on Q { ...A }')).cycle).toEqual({ fragment: 'A', via: [] });
  });

  it('counts a fragment tree by its expanded size without expanding it', () => {
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const document = parse(`{ ...F0 } ${fragments} fragment F${levels} on Query { a: __typename @skip(if: false) }`);
    const started = performance.now();
    const measure = measureDocument(document);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(measure.fields).toBe(2 ** levels);
    expect(measure.aliases).toBe(2 ** levels);
    expect(measure.directives).toBe(2 ** levels);
    expect(measure.spreads).toBe(2 ** (levels + 1) - 1);
    expect(measure.depth).toBe(1);
  });

  it('counts the fragments no operation spreads, and the operations side by side', () => {
    const measure = measureDocument(parse('query A { x } query B { y { z } } fragment U on T { a b } fragment V on T { ...U }'));
    // A: 1, B: 2, V (unused, spreading U): 2; U is reached from V, so counted there only.
    expect(measure.fields).toBe(5);
    expect(measure.depth).toBe(2);
  });

  it('measures how deep literals nest, in arguments, directives and default values', () => {
    expect(measureDocument(parse('{ f(a: 1, b: [1, [2]], c: { d: { e: [3] } }) }')).inputDepth).toBe(3);
    expect(measureDocument(parse('query($v: X = [[[1]]]) { f }')).inputDepth).toBe(3);
    expect(measureDocument(parse('{ f @d(x: {a: {b: 1}}) }')).inputDepth).toBe(2);
  });

  it('finds the field repeated most under one response path, fragments merged', () => {
    const document = parse('{ a { id ...F ... on A { id } } a { id } } fragment F on A { id b: id }');
    // Pairs: a 1 at depth 1, a.id 6 at depth 2.
    expect(mostRepeatedField(document)).toEqual({ path: 'a.id', count: 4, comparisons: 1 + 6 * 2 });
  });
});

/** The schema the server serves, for documents that graphql-js validates. */
const schema: GraphQLSchema = buildSchema(fs.readFileSync(projectPath('schema', 'schema.graphql'), 'utf8'));

/**
 * A random valid document: an operation on Query and up to four fragments, each fragment spreading
 * only later ones (no cycles), with aliases, @include/@skip and inline fragments; fields with
 * required arguments are left out.
 */
function arbitraryDocument(): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
    let state = seed || 1;
    const random = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && t.name !== 'Mutation');
    const fragments: { name: string; on: GraphQLCompositeType; body: string }[] = [];
    const selection = (type: GraphQLCompositeType, depth: number, fragmentFrom: number): string => {
      const parts: string[] = [];
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        const roll = random();
        const spreadable = fragments.slice(fragmentFrom).filter((f) => f.on === type);
        if (roll < 0.2 && spreadable.length > 0) {
          parts.push(`...${pick(spreadable).name}`);
          continue;
        }
        if (roll < 0.3 && isObjectType(type)) {
          parts.push(`... on ${type.name} { __typename }`);
          continue;
        }
        if (isAbstractType(type)) {
          parts.push('__typename');
          continue;
        }
        const fields = Object.values(type.getFields()).filter((f) => f.args.every((a) => !isNonNullType(a.type)));
        const field = pick(fields);
        const named = getNamedType(field.type);
        // A distinct alias per field keeps the document free of merge conflicts.
        const alias = random() < 0.3 ? `x${Math.floor(random() * 1e9)}: ` : '';
        const directive = random() < 0.15 ? ` @include(if: ${random() < 0.5})` : '';
        if (isCompositeType(named)) {
          if (depth >= 4) {
            parts.push(`${alias}${field.name}${directive} { __typename }`);
          } else {
            parts.push(`${alias}${field.name}${directive} { ${selection(named, depth + 1, fragmentFrom)} }`);
          }
        } else {
          parts.push(`${alias}${field.name}${directive}`);
        }
      }
      return parts.join(' ');
    };
    const fragmentCount = Math.floor(random() * 5);
    // Built from the last to the first, so that fragment i spreads only the ones after it.
    for (let i = fragmentCount - 1; i >= 0; i--) {
      const on = pick(objectTypes) as GraphQLCompositeType;
      fragments.push({ name: `F${i}`, on, body: selection(on, 1, 0) });
    }
    const query = schema.getQueryType() as GraphQLCompositeType;
    const fragmentsOnQuery = fragments.filter((f) => f.on === query);
    let operation = selection(query, 1, 0);
    if (fragmentsOnQuery.length > 0 && random() < 0.5) operation += ` ...${pick(fragmentsOnQuery).name}`;
    return `query { ${operation} } ${fragments.map((f) => `fragment ${f.name} on ${f.on.name} { ${f.body} }`).join(' ')}`;
  });
}

/** The document with every spread replaced by its fragment's selection, for graphql-js to count. */
function inlined(document: DocumentNode): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const expand = (set: SelectionSetNode): SelectionSetNode =>
    visit(set, {
      [Kind.FRAGMENT_SPREAD](spread) {
        const fragment = fragments.get(spread.name.value) as FragmentDefinitionNode;
        return { kind: Kind.INLINE_FRAGMENT, directives: spread.directives, selectionSet: expand(fragment.selectionSet) };
      },
    });
  const reached = new Set<string>();
  visit(document, { [Kind.FRAGMENT_SPREAD]: (s) => void reached.add(s.name.value) });
  return {
    kind: Kind.DOCUMENT,
    definitions: document.definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION || (d.kind === Kind.FRAGMENT_DEFINITION && !reached.has(d.name.value)))
      .map((d) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION ? { ...d, selectionSet: expand(d.selectionSet) } : d)),
  };
}

function graphqlJsCounts(document: DocumentNode): { fields: number; aliases: number; directives: number; depth: number } {
  let fields = 0;
  let aliases = 0;
  let directives = 0;
  let depth = 0;
  let open = 0;
  visit(inlined(document), {
    Field: {
      enter(node) {
        fields += 1;
        if (node.alias) aliases += 1;
        open += 1;
        depth = Math.max(depth, open);
      },
      leave() {
        open -= 1;
      },
    },
    Directive() {
      directives += 1;
    },
  });
  return { fields, aliases, directives, depth };
}

describe('the linear pass counts what graphql-js counts', () => {
  it('on random valid documents: the same fields, aliases, directives and depth, fragments expanded', () => {
    fc.assert(
      fc.property(arbitraryDocument(), (text) => {
        const document = parse(text);
        const errors = validate(schema, document);
        fc.pre(errors.length === 0 || errors.every((e) => /is never used/.test(e.message)));
        const measure = measureDocument(document);
        const reference = graphqlJsCounts(document);
        expect({ fields: measure.fields, aliases: measure.aliases, directives: measure.directives, depth: measure.depth }).toEqual(reference);
      }),
      { numRuns: 300 },
    );
  });
});
