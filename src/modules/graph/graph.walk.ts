import type { Sql } from '../../db/sql';
import { type NodeRef, type Step, expand, refId, reverseStep } from './graph.expand';

/** How many edge rows one level may read per node the walk may visit: bounds the work of hubs. */
export const ROWS_PER_VISITED_NODE = 10;

/** A node a walk reached: its depth and the edge that first reached it (null for the start). */
export interface Reached {
  readonly ref: NodeRef;
  readonly depth: number;
  readonly via: Step | null;
}

/** A node reached by at least one edge. */
export type ReachedByEdge = Reached & { readonly via: Step };

/** The nodes around a start, in the order they were reached; `visited` counts the start too. */
export interface Walk {
  reached: ReachedByEdge[];
  visited: number;
  truncated: boolean;
}

/**
 * Breadth-first from `start`, one statement per level, up to `depth` levels and `limit` visited
 * nodes. Within a level, new nodes are taken in the order `expand` gives (traversal rank, then
 * type and key), so the edge kept for a node, and which nodes a cap keeps, are the same on every
 * database. `truncated` is true when the cap, or the per-level row cap, stopped the walk.
 */
export async function walkNeighbors(sql: Sql, start: NodeRef, depth: number, limit: number): Promise<Walk> {
  const seen = new Set([refId(start)]);
  const reached: ReachedByEdge[] = [];
  let frontier: NodeRef[] = [start];
  let truncated = false;
  for (let level = 1; level <= depth && frontier.length > 0 && !truncated; level++) {
    const { steps, complete } = await expand(sql, frontier, limit * ROWS_PER_VISITED_NODE);
    const next: NodeRef[] = [];
    for (const step of steps) {
      const id = refId(step.to);
      if (seen.has(id)) continue;
      if (seen.size >= limit) {
        truncated = true;
        break;
      }
      seen.add(id);
      reached.push({ ref: step.to, depth: level, via: step });
      next.push(step.to);
    }
    if (!complete) truncated = true;
    frontier = next;
  }
  return { reached, visited: seen.size, truncated };
}

/** The outcome of a path search: the chain of edges from `from` to `to`, or null. */
export interface PathSearch {
  steps: Step[] | null;
  visited: number;
  truncated: boolean;
}

interface Side {
  readonly seen: Map<string, Reached>;
  frontier: NodeRef[];
  depth: number;
}

const side = (start: NodeRef): Side => ({ seen: new Map([[refId(start), { ref: start, depth: 0, via: null }]]), frontier: [start], depth: 0 });

/**
 * A shortest chain of at most `maxDepth` edges from `from` to `to`, by bidirectional breadth-first
 * search: each round expands one whole level of the side with the smaller frontier (the forward
 * side on a tie), so the work grows with half the distance. The first level that meets the other
 * side gives the shortest length; among the chains met there, the one with the lowest sequence
 * of traversal ranks, then of node IDs, is returned. `limit` caps the nodes visited by both sides.
 */
export async function shortestPath(sql: Sql, from: NodeRef, to: NodeRef, maxDepth: number, limit: number): Promise<PathSearch> {
  if (refId(from) === refId(to)) return { steps: [], visited: 1, truncated: false };
  const forward = side(from);
  const backward = side(to);
  let truncated = false;
  while (forward.depth + backward.depth < maxDepth && !truncated) {
    const [active, other] = backward.frontier.length < forward.frontier.length ? [backward, forward] : [forward, backward];
    if (active.frontier.length === 0) break;
    const { steps, complete } = await expand(sql, active.frontier, limit * ROWS_PER_VISITED_NODE);
    active.depth += 1;
    const next: NodeRef[] = [];
    const meetings: string[] = [];
    for (const step of steps) {
      const id = refId(step.to);
      if (active.seen.has(id)) continue;
      const meets = other.seen.has(id);
      if (!meets && forward.seen.size + backward.seen.size >= limit) {
        truncated = true;
        continue;
      }
      active.seen.set(id, { ref: step.to, depth: active.depth, via: step });
      next.push(step.to);
      if (meets) meetings.push(id);
    }
    if (!complete) truncated = true;
    if (meetings.length > 0) {
      const chains = meetings.map((id) => [...chainTo(forward, id), ...chainTo(backward, id).reverse().map(reverseStep)]);
      return { steps: chains.sort(compareChains)[0], visited: union(forward, backward), truncated };
    }
    active.frontier = next;
  }
  return { steps: null, visited: union(forward, backward), truncated };
}

/** The steps from a side's start to the node `id`, in walking order. */
function chainTo(walk: Side, id: string): Step[] {
  const steps: Step[] = [];
  for (let at = walk.seen.get(id); at?.via; at = walk.seen.get(refId(at.via.from))) steps.unshift(at.via);
  return steps;
}

function union(a: Side, b: Side): number {
  let both = 0;
  for (const id of a.seen.keys()) if (b.seen.has(id)) both += 1;
  return a.seen.size + b.seen.size - both;
}

function compareChains(a: Step[], b: Step[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i].rank !== b[i].rank) return a[i].rank - b[i].rank;
  }
  for (let i = 0; i < a.length; i++) {
    const x = refId(a[i].to);
    const y = refId(b[i].to);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
