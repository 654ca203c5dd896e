import type { Dialect } from '../../db/dialect';
import type { NodeType } from '../../shared/global-id';
import type { EdgeDeclaration } from '../../shared/resolvers';
import { CATALOG } from '../catalog';

/** Which way a relation was walked: OUT from the side that names it, IN against it. */
export type Direction = 'OUT' | 'IN';

/**
 * How one relation is read in one direction for a batch of keys of the node type it starts
 * from: a FROM clause (the table aliased `t`), the key expressions and extra conditions.
 */
interface Reading {
  from: string;
  fromKey: string;
  /** A column holding the target's node type, or a literal type name (quoted). */
  toType: string;
  toKey: string;
  where: string[];
  distinct: boolean;
}

/**
 * A relation of the graph, named after the GraphQL field that reads it OUT (`Session.forum`);
 * its reverse (`Forum.sessions`) is the same relation walked IN. Polymorphic relations
 * (`Publication.mentions`, `Figure.subject`) reach, and are reached from, any node type.
 */
export interface EdgeKind extends EdgeDeclaration {
  read(direction: Direction, fromType: NodeType): Reading;
}

const quoted = (type: NodeType) => `'${type}'`;

/** How `edge` is read each way, from where its declaration says it is held. */
function reading(edge: EdgeDeclaration): EdgeKind['read'] {
  const { holder, source, target } = edge;
  switch (holder.kind) {
    case 'column': {
      // A column of the source's table: `session.forum_id`.
      const { table, column } = holder;
      return (direction) =>
        direction === 'OUT'
          ? { from: `${table} t`, fromKey: 't.id', toType: quoted(target!), toKey: `t.${column}`, where: [`t.${column} IS NOT NULL`], distinct: false }
          : { from: `${table} t`, fromKey: `t.${column}`, toType: quoted(source), toKey: 't.id', where: [], distinct: false };
    }
    case 'link': {
      // A link table; `distinct` where one pair can have several rows (roles, positions).
      const { table, sourceKey, targetKey, distinct } = holder;
      return (direction) =>
        direction === 'OUT'
          ? { from: `${table} t`, fromKey: `t.${sourceKey}`, toType: quoted(target!), toKey: `t.${targetKey}`, where: [], distinct }
          : { from: `${table} t`, fromKey: `t.${targetKey}`, toType: quoted(source), toKey: `t.${sourceKey}`, where: [], distinct };
    }
    case 'polymorphic': {
      // (type, key) columns: a mention, a figure's subject.
      const { table, sourceKey, typeColumn, key } = holder;
      return (direction, fromType) =>
        direction === 'OUT'
          ? { from: `${table} t`, fromKey: `t.${sourceKey}`, toType: `t.${typeColumn}`, toKey: `t.${key}`, where: [`t.${key} IS NOT NULL`], distinct: false }
          : { from: `${table} t`, fromKey: `t.${key}`, toType: quoted(source), toKey: `t.${sourceKey}`, where: [`t.${typeColumn} = ${quoted(fromType)}`], distinct: false };
    }
  }
}

/**
 * Every relation of the graph, as the domains declare them (`edge` on a relation, or a
 * polymorphic edge beside its field), in the order walks prefer them: where several edges reach
 * a node at the same depth, the earliest here is the one reported. The order is the catalog's,
 * then that of the fields in each declaration.
 */
export const EDGE_KINDS: readonly EdgeKind[] = CATALOG.flatMap((entry) => entry.relations.edges).map((edge) => ({ ...edge, read: reading(edge) }));

/** One relation walked one way; `rank` is its place in the preference order of walks. */
export interface Traversal {
  readonly kind: EdgeKind;
  readonly direction: Direction;
  readonly rank: number;
}

/** Every traversal, indexed by rank: each relation OUT, then IN. */
export const TRAVERSALS: readonly Traversal[] = EDGE_KINDS.flatMap((kind, i) => [
  { kind, direction: 'OUT' as const, rank: 2 * i },
  { kind, direction: 'IN' as const, rank: 2 * i + 1 },
]);

/** The traversals that can leave a node of `type`, in rank order. */
export function traversalsFrom(type: NodeType): Traversal[] {
  return TRAVERSALS.filter(({ kind, direction }) =>
    direction === 'OUT' ? kind.source === type : kind.target === null || kind.target === type,
  );
}

/**
 * One SELECT giving (r, from_type, from_key, to_type, to_key) for `traversal` from the keys of
 * `fromType` bound as one array parameter. Only catalogue names are spliced into the text.
 */
export function traversalSql(traversal: Traversal, fromType: NodeType, dialect: Dialect): string {
  const reading = traversal.kind.read(traversal.direction, fromType);
  const conditions = [dialect.inArray(reading.fromKey), ...reading.where].join(' AND ');
  return (
    `SELECT${reading.distinct ? ' DISTINCT' : ''} ${traversal.rank} AS r, ${quoted(fromType)} AS from_type, ` +
    `${reading.fromKey} AS from_key, ${reading.toType} AS to_type, ${reading.toKey} AS to_key ` +
    `FROM ${reading.from} WHERE ${conditions}`
  );
}
