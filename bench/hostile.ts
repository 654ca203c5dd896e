/**
 * Hostile documents under the size limits (query ≤ 20,000 characters, variables ≤ 64 KiB), each
 * small to send and, before the document guard, expensive to refuse: the shapes of issue 14's
 * table and the others the slow-document search starts from. Shared by the tests, the soak's
 * hostile client and `npm run fuzz:hostile`.
 */
export interface HostileRequest {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** `fragment F0 on Query { ...F1 ...F1 }` … down to a leaf of `__typename`: 2^depth fields expanded. */
export function fragmentTree(depth: number, fanout = 2): string {
  const fragments: string[] = [];
  for (let level = 0; level < depth; level++) {
    fragments.push(`fragment F${level} on Query { ${`...F${level + 1} `.repeat(fanout)}}`);
  }
  fragments.push(`fragment F${depth} on Query { __typename }`);
  return `query { ...F0 } ${fragments.join(' ')}`;
}

/** `{"a":{"a":…}}` nested `depth` deep, for a variable of type JSON-ish input. */
export function nestedObject(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** The shapes of the issue's table, as sent then. */
export const TABLE_SHAPES: HostileRequest[] = [
  { name: 'one field repeated 6,500 times in a selection', query: `{ forums { nodes { ${'id '.repeat(6500)}} } }` },
  { name: '480 aliases of the same name', query: `{ ${Array.from({ length: 480 }, (_, i) => `a${i}: forums { nodes { id } }`).join(' ')} }` },
  {
    name: '12 fragments of 250 fields each, spread side by side',
    query: `{ forums { nodes { ${Array.from({ length: 12 }, (_, i) => `...W${i}`).join(' ')} } } } ${Array.from({ length: 12 }, (_, i) => `fragment W${i} on Forum { ${'title '.repeat(250)}}`).join(' ')}`,
  },
  { name: 'fragment tree, 18 deep', query: fragmentTree(18) },
  { name: 'fragment tree, 20 deep', query: fragmentTree(20) },
  { name: 'fragment tree, 24 deep', query: fragmentTree(24) },
  {
    name: 'variables nested 2,500 deep',
    query: 'query($w: ForumWhere) { forums(where: $w) { totalCount } }',
    variables: { w: nestedObject(2500) },
  },
];

/** More shapes the search starts from: each stresses another part of parsing or validation. */
export const MORE_SHAPES: HostileRequest[] = [
  { name: 'literal nested 200 deep', query: `{ forums(first: ${'['.repeat(200)}1${']'.repeat(200)}) { totalCount } }` },
  { name: 'literal nested 2,400 deep', query: `{ forums(first: ${'['.repeat(2400)}1${']'.repeat(2400)}) { totalCount } }` },
  { name: 'selection nested 1,600 deep', query: `${'{a'.repeat(1600)}${'}'.repeat(1600)}` },
  { name: 'a directive repeated 700 times', query: `{ __typename ${'@skip(if: false) '.repeat(700)}}` },
  { name: '1,000 unused fragments', query: `{ __typename } ${Array.from({ length: 1000 }, (_, i) => `fragment U${i} on Query{__typename}`).join(' ')}` },
  {
    name: '400 fragments spread side by side',
    query: `{ ${Array.from({ length: 400 }, (_, i) => `...U${i}`).join(' ')} } ${Array.from({ length: 400 }, (_, i) => `fragment U${i} on Query{a${i}:__typename}`).join(' ')}`,
  },
  { name: '500 operations', query: Array.from({ length: 500 }, (_, i) => `query Q${i} { __typename }`).join(' ') },
  { name: 'a fragment diamond, 3 wide and 12 deep', query: fragmentTree(12, 3) },
  { name: 'same field, arguments differ', query: `{ ${Array.from({ length: 100 }, (_, i) => `forums(first: ${i}) { totalCount }`).join(' ')} }` },
  { name: 'one argument repeated 1,500 times', query: `{ forums(${'first: 1 '.repeat(1500)}) { totalCount } }` },
  { name: 'one variable defined 1,000 times', query: `query(${'$a: Int '.repeat(1000)}) { __typename }` },
  { name: 'a string of 19,000 characters', query: `{ search(query: "${'я'.repeat(19_000)}") { totalCount } }` },
];
