import type { Dialect } from '../../db/dialect';
import { NODE_TYPES, type NodeType } from '../../shared/global-id';

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
export interface EdgeKind {
  readonly name: string;
  /** The field that walks it IN, e.g. `Forum.sessions` (`X.` where any node type answers it); null where the schema has none. */
  readonly reverse: string | null;
  readonly source: NodeType;
  /** The target type, or null for a polymorphic relation. */
  readonly target: NodeType | null;
  read(direction: Direction, fromType: NodeType): Reading;
}

const quoted = (type: NodeType) => `'${type}'`;

/** A relation held by a column of the source's table: `session.forum_id`. */
function column(name: string, reverse: string | null, source: NodeType, target: NodeType, table: string, key: string): EdgeKind {
  return {
    name,
    reverse,
    source,
    target,
    read: (direction) =>
      direction === 'OUT'
        ? { from: `${table} t`, fromKey: 't.id', toType: quoted(target), toKey: `t.${key}`, where: [`t.${key} IS NOT NULL`], distinct: false }
        : { from: `${table} t`, fromKey: `t.${key}`, toType: quoted(source), toKey: 't.id', where: [], distinct: false },
  };
}

/** A relation held by a link table; `distinct` where one pair can have several rows (roles, positions). */
function link(
  name: string,
  reverse: string,
  source: NodeType,
  target: NodeType,
  table: string,
  sourceKey: string,
  targetKey: string,
  distinct = false,
): EdgeKind {
  return {
    name,
    reverse,
    source,
    target,
    read: (direction) =>
      direction === 'OUT'
        ? { from: `${table} t`, fromKey: `t.${sourceKey}`, toType: quoted(target), toKey: `t.${targetKey}`, where: [], distinct }
        : { from: `${table} t`, fromKey: `t.${targetKey}`, toType: quoted(source), toKey: `t.${sourceKey}`, where: [], distinct },
  };
}

/** A relation to any node type, held as (type, key) columns: a mention, a figure's subject. */
function polymorphic(name: string, reverse: string, source: NodeType, table: string, sourceKey: string, typeColumn: string, key: string): EdgeKind {
  return {
    name,
    reverse,
    source,
    target: null,
    read: (direction, fromType) =>
      direction === 'OUT'
        ? { from: `${table} t`, fromKey: `t.${sourceKey}`, toType: `t.${typeColumn}`, toKey: `t.${key}`, where: [`t.${key} IS NOT NULL`], distinct: false }
        : { from: `${table} t`, fromKey: `t.${key}`, toType: quoted(source), toKey: `t.${sourceKey}`, where: [`t.${typeColumn} = ${quoted(fromType)}`], distinct: false },
  };
}

/**
 * Every relation of the graph, in the order walks prefer them: where several edges reach a node
 * at the same depth, the earliest relation here is the one reported. Structure comes first,
 * provenance (quotes, mentions, figures) last.
 */
export const EDGE_KINDS: readonly EdgeKind[] = [
  column('Session.forum', 'Forum.sessions', 'Session', 'Forum', 'session', 'forum_id'),
  column('Session.parent', 'Session.children', 'Session', 'Session', 'session', 'parent_id'),
  link('Speaker.sessions', 'Session.speakers', 'Speaker', 'Session', 'participation', 'speaker_id', 'session_id', true),
  column('Speaker.organization', null, 'Speaker', 'Organization', 'speaker', 'organization_id'),
  link('Speaker.affiliations', 'Organization.speakers', 'Speaker', 'Organization', 'affiliation', 'speaker_id', 'organization_id', true),
  column('Organization.parent', 'Organization.units', 'Organization', 'Organization', 'organization', 'parent_id'),
  column('Organization.region', 'Region.organizations', 'Organization', 'Region', 'organization', 'region_id'),
  link('Forum.organizers', 'Organization.organizedForums', 'Forum', 'Organization', 'forum_organizer', 'forum_id', 'organization_id'),
  column('Forum.region', 'Region.forums', 'Forum', 'Region', 'forum', 'region_id'),
  column('Cluster.region', 'Region.clusters', 'Cluster', 'Region', 'cluster', 'region_id'),
  link('Cluster.members', 'Organization.clusters', 'Cluster', 'Organization', 'cluster_member', 'cluster_id', 'organization_id'),
  column('ClusterEvent.parent', 'ClusterEvent.children', 'ClusterEvent', 'ClusterEvent', 'cluster_event', 'parent_id'),
  link('ClusterEvent.clusters', 'Cluster.events', 'ClusterEvent', 'Cluster', 'cluster_event_cluster', 'event_id', 'cluster_id'),
  link('ClusterEvent.organizations', 'Organization.clusterEvents', 'ClusterEvent', 'Organization', 'cluster_event_organization', 'event_id', 'organization_id'),
  link('ClusterEvent.federalDistricts', 'FederalDistrict.clusterEvents', 'ClusterEvent', 'FederalDistrict', 'cluster_event_federal_district', 'event_id', 'federal_district_id'),
  column('Region.federalDistrict', 'FederalDistrict.regions', 'Region', 'FederalDistrict', 'region', 'federal_district_id'),
  column('Quote.speaker', 'Speaker.quotes', 'Quote', 'Speaker', 'quote', 'speaker_id'),
  column('Quote.session', 'Session.quotes', 'Quote', 'Session', 'quote', 'session_id'),
  column('Quote.publication', 'Publication.quotes', 'Quote', 'Publication', 'quote', 'publication_id'),
  polymorphic('Publication.mentions', 'X.publications', 'Publication', 'publication_mention', 'publication_id', 'node_type', 'node_id'),
  polymorphic('Figure.subject', 'X.figures', 'Figure', 'figure', 'id', 'subject_type', 'subject_id'),
];

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

const KNOWN_TYPES: ReadonlySet<string> = new Set(NODE_TYPES);

/** True for a node type this graph knows; polymorphic columns are checked against it. */
export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && KNOWN_TYPES.has(type);
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
