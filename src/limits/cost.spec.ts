import { parse } from 'graphql';
import { buildSchema } from 'graphql';
import { costVariableNames, fixedCost, operationCost } from './cost';

const schema = buildSchema(`
  type Query { forums(first: Int, last: Int): ForumConnection! forum: Forum stats: [ForumStatsGroup!]! find(where: Where!, kind: Kind!, at: Date!, ids: [ID!]!): Forum }
  input Where { title: String! near: Near! note: String }
  input Near { within: Int! }
  enum Kind { A B }
  scalar Date
  type ForumConnection { nodes: [Forum!]! edges: [ForumEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ForumEdge { cursor: String! node: Forum! }
  type PageInfo { hasNextPage: Boolean! }
  type Forum { title: String! organizers: [Org!]! sessions(first: Int): SessionConnection! region: Org }
  type SessionConnection { nodes: [Session!]! totalCount: Int! }
  type Session { title: String! }
  type Org { name: String! }
  type ForumStatsGroup { count: Int! region: Org }
`);
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), variables, undefined);

describe('the cost formula', () => {
  it('counts the objects an operation can return', () => {
    expect(cost('{ forums(first: 10) { nodes { sessions(first: 5) { nodes { title } } } } }')).toBe(71);
    expect(cost('{ forums(first: 10) { totalCount pageInfo { hasNextPage } } }')).toBe(1);
    expect(cost('{ forums(first: 10) { edges { cursor node { title } } } }')).toBe(11);
    expect(cost('{ forums { nodes { title } } }')).toBe(21);
    expect(cost('{ forums(last: 3) { nodes { title region { name } } } }')).toBe(7);
    expect(cost('{ forum { title organizers { name } } }')).toBe(11);
    expect(cost('{ stats { count region { name } } }')).toBe(2000);
    expect(cost('query($n: Int) { forums(first: $n) { nodes { title } } }', { n: 50 })).toBe(51);
    expect(cost('{ __schema { types { fields { name } } } }')).toBe(0);
  });
});

describe('the variables a cost depends on', () => {
  it('are those of first, last and directives, in fragments too; no others', () => {
    const document = parse(`
      query ($n: Int, $m: Int, $show: Boolean!, $hide: Boolean!, $input: String, $where: Int) {
        forums(first: $n) { nodes { ...F title @include(if: $show) } }
        other: forums(last: $m) { totalCount }
        forum { region @skip(if: $hide) { name } }
        stats { count }
      }
      fragment F on Forum { sessions(first: $where) { totalCount } }
    `);
    expect(costVariableNames(document)).toEqual(['hide', 'm', 'n', 'show', 'where']);
    expect(costVariableNames(parse('mutation ($input: String) { forum { title } }'))).toEqual([]);
  });

  it('are all a cost reads: changing any other variable never changes the cost', () => {
    const query = 'query ($n: Int, $show: Boolean!, $x: Int) { forums(first: $n) { nodes { title region @include(if: $show) { name } } } }';
    const document = parse(query);
    expect(costVariableNames(document)).toEqual(['n', 'show']);
    for (const n of [1, 5]) {
      for (const show of [true, false]) {
        const costs = [0, 7, 99].map((x) => operationCost(schema, document, { n, show, x }, undefined));
        expect(new Set(costs).size).toBe(1);
      }
    }
    expect(operationCost(schema, document, { n: 5, show: true }, undefined)).not.toBe(operationCost(schema, document, { n: 5, show: false }, undefined));
  });
});

describe('the cost decided without variables', () => {
  const fixed = (query: string) => {
    const document = parse(query);
    const operation = document.definitions[0];
    if (operation.kind !== 'OperationDefinition') throw new Error('expected an operation first');
    return fixedCost(schema, document, operation);
  };

  it('is the cost whatever the variables, when none reaches first, last or a directive', () => {
    const query = 'query ($w: Where!, $k: Kind!, $at: Date!, $ids: [ID!]!, $note: String) { find(where: $w, kind: $k, at: $at, ids: $ids) { title organizers { name } } forums(first: 3) { nodes { title } } }';
    expect(fixed(query)).toBe(15);
    const variables = { w: { title: 'x', near: { within: 3 } }, k: 'B', at: '2024-01-01', ids: ['1', '2'], note: 'n' };
    expect(operationCost(schema, parse(query), variables, undefined)).toBe(15);
  });

  it('is left to each request when a variable can change it, or no value of a required variable can be made', () => {
    expect(fixed('query ($n: Int) { forums(first: $n) { nodes { title } } }')).toBeNull();
    expect(fixed('query ($show: Boolean!) { forum { title region @include(if: $show) { name } } }')).toBeNull();
    const never = buildSchema('type Query { at(when: Never!): Int } scalar Never');
    const document = parse('query ($when: Never!) { at(when: $when) }');
    const operation = document.definitions[0];
    if (operation.kind !== 'OperationDefinition') throw new Error('expected an operation first');
    (never.getType('Never') as unknown as { parseValue: () => never }).parseValue = () => {
      throw new TypeError('Never takes no value');
    };
    expect(fixedCost(never, document, operation)).toBeNull();
  });
});
