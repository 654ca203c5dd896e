import { importBrowserModule } from '../../../test/support/browser-scripts';
import type * as GraphLayoutModule from './graph-layout.js';
import type * as GraphModelModule from './graph-model.js';
import type { GraphModel as Model } from './graph-model.js';
import type * as UrlStateModule from './url-state.js';

const Graph = importBrowserModule<typeof GraphModelModule>('graph-model.js');
const { place } = importBrowserModule<typeof GraphLayoutModule>('graph-layout.js');
const UrlState = importBrowserModule<typeof UrlStateModule>('url-state.js');
const id = (type: string, key: string) => Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
const edges = (model: Model) => [...model.edges.values()].map((edge) => `${edge.source} -${edge.label}-> ${edge.target}`);

describe('extract: the records and relations an answer holds', () => {
  const forum = id('Forum', 'baikal-8');
  const session = id('Session', 'baikal-8/opening');
  const speaker = id('Speaker', 'neumyvakin-viktor');

  it('takes the type from the global ID when the query has no __typename, and names nested edges after the field', () => {
    const model = Graph.extract({
      forums: {
        totalCount: 1,
        nodes: [{ id: forum, title: 'VIII форум', startDate: { iso: '2025-06' }, sessions: { nodes: [{ id: session, title: 'Открытие', forum: { id: forum } }] } }],
      },
    });
    expect([...model.nodes.values()].map((node) => [node.type, node.label])).toEqual([
      ['Forum', 'VIII форум'],
      ['Session', 'Открытие'],
    ]);
    expect(model.nodes.get(forum)!.fields).toEqual({ id: forum, title: 'VIII форум', startDate: { iso: '2025-06' } });
    expect(edges(model)).toEqual([`${forum} -sessions-> ${session}`, `${session} -forum-> ${forum}`]);
  });

  it('draws a neighbors answer with one edge per via, named by its relation', () => {
    const model = Graph.extract({
      neighbors: {
        nodes: [
          { depth: 1, node: { __typename: 'Session', id: session }, via: { relation: 'Speaker.sessions', direction: 'OUT', from: { id: speaker } } },
          { depth: 2, node: { __typename: 'Forum', id: forum, title: 'VIII форум' }, via: { relation: 'Session.forum', direction: 'OUT', from: { id: session } } },
        ],
      },
    });
    expect([...model.nodes.keys()].sort()).toEqual([forum, session, speaker].sort());
    expect(model.nodes.get(speaker)!.type).toBe('Speaker');
    expect(model.nodes.get(speaker)!.label).toBe('Speaker neumyvakin-viktor');
    expect(edges(model).sort()).toEqual([`${speaker} -Speaker.sessions-> ${session}`, `${session} -Session.forum-> ${forum}`].sort());
    expect(model.path).toEqual([]);
  });

  it('keeps a path as the chain to highlight, nodes[i] -edges[i]-> nodes[i+1]', () => {
    const model = Graph.extract({
      path: { path: { length: 2, nodes: [{ id: speaker }, { id: session }, { id: forum }], edges: [{ relation: 'Speaker.sessions' }, { relation: 'Session.forum' }] } },
    });
    expect(model.path).toEqual([speaker, session, forum]);
    expect(Graph.pathEdgeIds(model).map((edgeId) => model.edges.get(edgeId)!.label)).toEqual(['Speaker.sessions', 'Session.forum']);
  });

  it('reads no type from what is not a global ID', () => {
    for (const value of ['', 'not base64!', id('lowercase', 'x'), Buffer.from('NoColon').toString('base64url'), 42, null]) {
      expect(Graph.typeOfId(value)).toBeNull();
    }
    expect(Graph.typeOfId(id('ClusterEvent', 'день-открытых-дверей'))).toBe('ClusterEvent');
  });
});

describe('place: a layout that never moves a placed node', () => {
  function star(center: string, count: number, prefix: string) {
    return {
      neighbors: {
        nodes: Array.from({ length: count }, (_, index) => ({
          node: { __typename: 'Session', id: id('Session', `${prefix}-${index}`) },
          via: { relation: 'Session.forum', from: { id: center } },
        })),
      },
    };
  }

  it('places every node of a fresh graph, no two on the same point', () => {
    const hub = id('Forum', 'hub');
    const model = Graph.extract(star(hub, 40, 'a'));
    const positions = place(model, new Map(), null);
    expect(positions.size).toBe(41);
    const points = new Set([...positions.values()].map((point) => `${Math.round(point.x)},${Math.round(point.y)}`));
    expect(points.size).toBe(41);
  });

  it('adds nodes around the one they hang from and leaves the others where they were', () => {
    const hub = id('Forum', 'hub');
    const model = Graph.extract(star(hub, 10, 'a'));
    const positions = place(model, new Map(), null);
    const before = new Map([...positions].map(([key, point]) => [key, { ...point }]));
    const leaf = id('Session', 'a-3');
    Graph.extract(star(leaf, 5, 'b'), model);
    place(model, positions, leaf);
    expect(positions.size).toBe(16);
    for (const [key, point] of before) expect(positions.get(key)).toEqual(point);
    const from = positions.get(leaf)!;
    for (let index = 0; index < 5; index++) {
      const point = positions.get(id('Session', `b-${index}`))!;
      expect(Math.hypot(point.x - from.x, point.y - from.y)).toBeGreaterThan(50);
    }
  });
});

describe('url state: the query, variables and view in the hash', () => {
  it('round-trips, and drops empty variables and unknown views', () => {
    const state = { query: 'query Q($id: ID!) { node(id: $id) { id } } # ünïcödé & more', variables: '{"id":"x"}', view: 'graph' };
    expect(UrlState.parse(UrlState.format(state))).toEqual(state);
    expect(UrlState.format({ query: '{ a }', variables: '{}', view: 'pie' })).toBe('#query=%7B+a+%7D');
    expect(UrlState.parse('#view=pie')).toEqual({ query: null, variables: null, view: null });
  });
});
