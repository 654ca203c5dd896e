import type { Sql } from '../../db/sql';
import { type NodeType, isNodeType } from '../../shared/global-id';
import { type Direction, TRAVERSALS, traversalSql, traversalsFrom } from './graph.edges';

/** A node by its type and natural key: what walks hold, before any record is loaded. */
export interface NodeRef {
  readonly type: NodeType;
  readonly key: string;
}

/** One edge as walked: from a node of the frontier to a neighbour, by `relation` in `direction`. */
export interface Step {
  readonly from: NodeRef;
  readonly to: NodeRef;
  readonly relation: string;
  readonly direction: Direction;
  /** The traversal's rank in the catalogue: lower is preferred. */
  readonly rank: number;
}

/** What one level of a walk read: its steps in preference order, and whether the row cap cut them. */
export interface Expansion {
  steps: Step[];
  complete: boolean;
}

/** A map key for a node: unique across types, since a type name holds no colon. */
export function refId(ref: NodeRef): string {
  return `${ref.type}:${ref.key}`;
}

/** The same edge walked the other way: from its `to` back to its `from`. */
export function reverseStep(step: Step): Step {
  return {
    from: step.to,
    to: step.from,
    relation: step.relation,
    direction: step.direction === 'OUT' ? 'IN' : 'OUT',
    rank: step.rank ^ 1,
  };
}

interface EdgeRow {
  r: number | string;
  from_type: string;
  from_key: string;
  to_type: string;
  to_key: string;
}

/**
 * Every edge leaving `frontier`, in ONE statement: a UNION ALL of one SELECT per (node type,
 * traversal) present in the frontier, each binding that type's keys as one array parameter. So
 * a level costs one statement however many nodes it holds. Rows come ordered by traversal rank,
 * then target, then source (by code point on both databases); at most `maxRows` are read, and
 * `complete` is false when there were more.
 */
export async function expand(sql: Sql, frontier: readonly NodeRef[], maxRows: number): Promise<Expansion> {
  const { dialect } = sql;
  const keysByType = new Map<NodeType, string[]>();
  for (const ref of frontier) {
    const keys = keysByType.get(ref.type) ?? [];
    keys.push(ref.key);
    keysByType.set(ref.type, keys);
  }
  const selects: string[] = [];
  const params: unknown[] = [];
  for (const type of [...keysByType.keys()].sort()) {
    for (const traversal of traversalsFrom(type)) {
      selects.push(traversalSql(traversal, type, dialect));
      params.push(dialect.arrayParam(keysByType.get(type)!));
    }
  }
  if (selects.length === 0) return { steps: [], complete: true };
  const rows = await sql.query<EdgeRow & Record<string, unknown>>(
    `SELECT e.r, e.from_type, e.from_key, e.to_type, e.to_key FROM (${selects.join(' UNION ALL ')}) e
     ORDER BY e.r, ${dialect.binary('e.to_type')}, ${dialect.binary('e.to_key')}, ${dialect.binary('e.from_type')}, ${dialect.binary('e.from_key')}
     LIMIT ?`,
    [...params, maxRows + 1],
  );
  const steps: Step[] = [];
  for (const row of rows.slice(0, maxRows)) {
    const traversal = TRAVERSALS[Number(row.r)];
    if (!isNodeType(row.from_type) || !isNodeType(row.to_type)) continue;
    steps.push({
      from: { type: row.from_type, key: String(row.from_key) },
      to: { type: row.to_type, key: String(row.to_key) },
      relation: traversal.kind.name,
      direction: traversal.direction,
      rank: traversal.rank,
    });
  }
  return { steps, complete: rows.length <= maxRows };
}
