import { parse } from 'graphql';
import { buildSchema } from 'graphql';
import { operationCost } from './cost';

const schema = buildSchema(`
  type Query { forums(first: Int, last: Int): ForumConnection! forum: Forum stats: [ForumStatsGroup!]! }
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
