import type { Context } from '../../context';
import type { NodeType } from '../../shared/global-id';
import type { Node } from '../../shared/node';
import { byKey } from '../../shared/relations';
import { modelOfType } from '../../shared/model';
import { type NodeRef, type Step, refId } from './graph.expand';
import { EdgeDirection, type GraphEdge, type Neighbor, type Neighborhood, type PathResult } from './graph.types';
import { shortestPath, walkNeighbors } from './graph.walk';

/** The questions `neighbors` answers, validated. */
export interface NeighborsRequest {
  start: NodeRef;
  depth: number;
  /** Node types to report; null for all. The walk itself crosses every type. */
  types: ReadonlySet<NodeType> | null;
  first: number;
  limit: number;
}

/** The questions `path` answers, validated. */
export interface PathRequest {
  from: NodeRef;
  to: NodeRef;
  maxDepth: number;
  limit: number;
}

/**
 * Loads the records of `refs` through the request's loaders: one statement per node type, however
 * many nodes. Keyed by `refId`; a ref without a record is absent.
 */
async function loadNodes(ctx: Context, refs: readonly NodeRef[]): Promise<Map<string, Node>> {
  const unique = new Map(refs.map((ref) => [refId(ref), ref]));
  const loaded = await Promise.all([...unique.values()].map((ref) => byKey(ctx, modelOfType(ref.type), ref.key)));
  const nodes = new Map<string, Node>();
  [...unique.keys()].forEach((id, i) => {
    if (loaded[i]) nodes.set(id, loaded[i] as Node);
  });
  return nodes;
}

function edgeOf(step: Step, nodes: Map<string, Node>): GraphEdge | null {
  const from = nodes.get(refId(step.from));
  const to = nodes.get(refId(step.to));
  if (!from || !to) return null;
  return { relation: step.relation, direction: EdgeDirection[step.direction], from, to };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The nodes within `depth` edges of `start`, or null when `start` names no record. Reads one
 * statement for the start, one per level, and one per node type of the page (its nodes and the
 * nodes their edges come from).
 */
export async function findNeighbors(ctx: Context, request: NeighborsRequest): Promise<Neighborhood | null> {
  const { start, depth, types, first, limit } = request;
  const origin = await byKey(ctx, modelOfType(start.type), start.key);
  if (!origin) return null;
  const walk = await walkNeighbors(ctx.sql, start, depth, limit);
  const found = walk.reached
    .filter((reached) => !types || types.has(reached.ref.type))
    .sort(
      (a, b) =>
        a.depth - b.depth ||
        compareText(a.via.relation, b.via.relation) ||
        compareText(a.via.direction, b.via.direction) ||
        compareText(a.ref.type, b.ref.type) ||
        compareText(a.ref.key, b.ref.key),
    );
  const page = found.slice(0, first);
  const nodes = await loadNodes(ctx, [start, ...page.flatMap((reached) => [reached.ref, reached.via.from])]);
  const neighbors: Neighbor[] = [];
  for (const reached of page) {
    const node = nodes.get(refId(reached.ref));
    const via = edgeOf(reached.via, nodes);
    if (node && via) neighbors.push({ node, depth: reached.depth, via });
  }
  return {
    origin: origin as Node,
    depth,
    nodes: neighbors,
    totalCount: found.length,
    visited: walk.visited,
    truncated: walk.truncated,
    limit,
  };
}

/**
 * A shortest chain of relations from `from` to `to` within `maxDepth` edges. When either end names
 * no record, the path is null and nothing was visited.
 */
export async function findPath(ctx: Context, request: PathRequest): Promise<PathResult> {
  const { from, to, maxDepth, limit } = request;
  const ends = await loadNodes(ctx, [from, to]);
  const none = { path: null, maxDepth, visited: 0, truncated: false, limit };
  if (!ends.has(refId(from)) || !ends.has(refId(to))) return none;
  const search = await shortestPath(ctx.sql, from, to, maxDepth, limit);
  const result = { ...none, visited: search.visited, truncated: search.truncated };
  if (!search.steps) return result;
  const refs = [from, ...search.steps.map((step) => step.to)];
  const nodes = await loadNodes(ctx, refs);
  const edges = search.steps.map((step) => edgeOf(step, nodes));
  if (edges.some((edge) => edge === null)) return result;
  return {
    ...result,
    path: { length: edges.length, nodes: refs.map((ref) => nodes.get(refId(ref))!), edges: edges as GraphEdge[] },
  };
}
