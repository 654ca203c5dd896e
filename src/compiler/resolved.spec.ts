// Global IDs name the node types of the loaded models: the catalog loads them all.
import '../modules/catalog';
import { type FieldNode, GraphQLError, type OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { fromGlobalId } from '../shared/global-id';
import { CompiledFallback, Marks } from './marks';
import { holdsMarks, resolveMarks } from './resolved';

/**
 * resolveMarks on a small schema of its own: a Forum whose `note` is computed by a resolver that
 * counts its calls and batches its loads, `bad` fails, `must` is non-null and fails for one key.
 */
const schema = buildSchema(`
  interface Node { id: ID! }
  type Forum implements Node { id: ID! note(prefix: String): String bad: String must: String! deep: Deep }
  type Deep { value: Int bad: String }
  type Query { node(id: ID!): Node }
`);

function resolvers(rows: Record<string, { must?: string | null }>) {
  const calls = { node: 0, executions: 0, batches: [] as string[][] };
  let pending: string[] | null = null;
  // A loader of `note` by key: the keys asked in one tick load as one batch.
  const note = (key: string) => {
    if (!pending) {
      const batch: string[] = (pending = []);
      calls.batches.push(batch);
      queueMicrotask(() => (pending = null));
    }
    pending.push(key);
    return Promise.resolve(`note of ${key}`);
  };
  (schema.getType('Node') as { resolveType?: unknown }).resolveType = () => 'Forum';
  schema.getQueryType()!.getFields().node.resolve = (_root, args: { id: string }) => {
    calls.node += 1;
    const { key } = fromGlobalId(args.id);
    return key in rows ? { key, ...rows[key] } : null;
  };
  const forum = schema.getType('Forum') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
  forum.getFields().note.resolve = (root: { key: string }, args: { prefix?: string }) => note(root.key).then((v) => `${args.prefix ?? ''}${v}`);
  forum.getFields().bad.resolve = () => {
    throw new GraphQLError('bad on purpose', { extensions: { code: 'ON_PURPOSE' } });
  };
  forum.getFields().must.resolve = (root: { must?: string | null }) => (root.must === undefined ? 'must' : root.must);
  forum.getFields().deep.resolve = () => ({ value: 7 });
  (schema.getType('Deep') as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields().bad.resolve = () => {
    throw new Error('deep bad');
  };
  return calls;
}

/** The resolution of the marks of `query`'s fields `names` (of Forum), as the compiler registers them. */
function resolutionOf(query: string, names: string[]) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const marks = new Marks();
  const fields = new Map<string, string>();
  const visit = (node: FieldNode) => {
    if (names.includes(node.name.value)) {
      fields.set(node.alias?.value ?? node.name.value, marks.resolve('Forum', node));
      return;
    }
    for (const child of node.selectionSet?.selections ?? []) if (child.kind === 'Field') visit(child);
  };
  for (const selection of operation.selectionSet.selections) visit(selection as FieldNode);
  return { resolution: { schema, operation, fragments: [], fields: marks.resolved }, tags: fields };
}

const request = (variables: Record<string, unknown> = {}) => ({ contextValue: {}, variableValues: variables });

describe('resolveMarks', () => {
  it('puts each field where its mark stands, all in one execution, with the loads batched', async () => {
    const calls = resolvers({ a: {}, b: {}, c: {} });
    const { resolution, tags } = resolutionOf('query($p: String) { forums { nodes { id n: note(prefix: $p) must } } }', ['note']);
    const tag = tags.get('n')!;
    const data = { forums: { nodes: ['a', 'b', 'c'].map((key) => ({ id: key, n: { [`$${tag}`]: key }, must: 'x' })) } };
    expect(holdsMarks(Buffer.from(JSON.stringify(data)))).toBe(true);
    const errors = await resolveMarks(resolution, data, request({ p: '> ' }));
    expect(errors).toEqual([]);
    expect(data.forums.nodes.map((n) => n.n)).toEqual(['> note of a', '> note of b', '> note of c']);
    // Keys keep their order in the object (the answer is written in the operation's order).
    expect(Object.keys(data.forums.nodes[0])).toEqual(['id', 'n', 'must']);
    expect(calls.node).toBe(3);
    expect(calls.batches).toEqual([['a', 'b', 'c']]);
  });

  it("gives a resolver's error the path of the field in the answer, deep ones too", async () => {
    resolvers({ a: {}, b: {} });
    const { resolution, tags } = resolutionOf('{ forums { nodes { bad deep { value bad } } } }', ['bad', 'deep']);
    const data = {
      forums: { nodes: ['a', 'b'].map((key) => ({ bad: { [`$${tags.get('bad')!}`]: key }, deep: { [`$${tags.get('deep')!}`]: key } })) },
    };
    const errors = await resolveMarks(resolution, data, request());
    expect(data.forums.nodes).toEqual([
      { bad: null, deep: { value: 7, bad: null } },
      { bad: null, deep: { value: 7, bad: null } },
    ]);
    expect(errors.map((e) => [e.message, e.path, e.extensions.code ?? null]).sort()).toEqual(
      [
        ['bad on purpose', ['forums', 'nodes', 0, 'bad'], 'ON_PURPOSE'],
        ['bad on purpose', ['forums', 'nodes', 1, 'bad'], 'ON_PURPOSE'],
        ['deep bad', ['forums', 'nodes', 0, 'deep', 'bad'], null],
        ['deep bad', ['forums', 'nodes', 1, 'deep', 'bad'], null],
      ].sort(),
    );
    // Located in the operation as the client wrote it.
    expect(errors.find((e) => e.path!.length === 4)!.locations).toEqual([{ line: 1, column: 20 }]);
    expect(errors.find((e) => e.path!.length === 5)!.locations).toEqual([{ line: 1, column: 37 }]);
  });

  it('leaves the answer to the resolvers where a non-null field fails or the Node is gone', async () => {
    resolvers({ a: {}, b: { must: null } });
    const must = resolutionOf('{ forums { nodes { must } } }', ['must']);
    const failing = { forums: { nodes: ['a', 'b'].map((key) => ({ must: { [`$${must.tags.get('must')!}`]: key } })) } };
    await expect(resolveMarks(must.resolution, failing, request())).rejects.toBeInstanceOf(CompiledFallback);
    const gone = { forums: { nodes: [{ must: { [`$${must.tags.get('must')!}`]: 'no-such-key' } }] } };
    await expect(resolveMarks(must.resolution, gone, request())).rejects.toBeInstanceOf(CompiledFallback);
  });

  it('runs nothing where the answer holds no mark (an empty page)', async () => {
    const calls = resolvers({});
    const { resolution } = resolutionOf('{ forums { nodes { note } } }', ['note']);
    const data = { forums: { nodes: [] } };
    expect(holdsMarks(Buffer.from(JSON.stringify(data)))).toBe(false);
    expect(await resolveMarks(resolution, data, request())).toEqual([]);
    expect(calls.node).toBe(0);
  });
});
