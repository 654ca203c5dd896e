import type { NodeType } from '../../shared/global-id';

/** Where one field of a searchable document comes from. */
export interface FieldSource {
  /** The field's name in search_document, e.g. "title". */
  field: string;
  /** Titles and names: ranked above the rest. */
  head?: boolean;
  /** FROM clause, the table aliased `t`. */
  from: string;
  /** The key of the document the row belongs to. */
  node: string;
  /** The text, e.g. `t.title`; null rows are skipped. */
  text: string;
  /** Orders several rows of one field within a document. */
  order?: string;
}

const own = (table: string, field: string, column: string, head = false): FieldSource => ({
  field,
  head,
  from: `${table} t`,
  node: 't.id',
  text: `t.${column}`,
});

/**
 * The text that search finds each searchable node type by, field by field, in the order a
 * highlight prefers them. A speaker is also found by the positions they held; a session by the
 * titles of its talks.
 */
export const SEARCH_SOURCES = {
  Forum: [own('forum', 'title', 'title', true), own('forum', 'theme', 'theme'), own('forum', 'city', 'city'), own('forum', 'venue', 'venue')],
  Session: [
    own('session', 'title', 'title', true),
    { field: 'talkTitle', from: 'participation t', node: 't.session_id', text: 't.talk_title', order: 't.ordinal' },
  ],
  Speaker: [
    own('speaker', 'fullName', 'full_name', true),
    own('speaker', 'position', 'position'),
    { field: 'position', from: 'affiliation t', node: 't.speaker_id', text: 't.position', order: 't.ordinal' },
    { field: 'position', from: 'participation t', node: 't.speaker_id', text: 't.position', order: 't.ordinal' },
  ],
  Organization: [own('organization', 'name', 'name', true), own('organization', 'shortName', 'short_name', true)],
  Cluster: [own('cluster', 'name', 'name', true), own('cluster', 'industry', 'industry')],
  ClusterEvent: [
    own('cluster_event', 'title', 'title', true),
    own('cluster_event', 'venue', 'venue'),
    own('cluster_event', 'city', 'city'),
    own('cluster_event', 'description', 'description'),
  ],
  Publication: [own('publication', 'title', 'title', true), own('publication', 'lead', 'lead'), own('publication', 'body', 'body')],
  Quote: [own('quote', 'text', 'text')],
  Region: [own('region', 'name', 'name', true), own('region', 'fullName', 'full_name', true)],
} satisfies Partial<Record<NodeType, FieldSource[]>>;

/** A node type that search indexes. */
export type SearchNodeType = keyof typeof SEARCH_SOURCES;

/** Every indexed node type, in a fixed order. */
export const SEARCH_NODE_TYPES = Object.keys(SEARCH_SOURCES) as SearchNodeType[];

/**
 * One statement that reads every field row of `type`, as (src, node_id, ord, text): `src` is the
 * source's index in SEARCH_SOURCES. `where` filters on `s.node_id`.
 */
export function sourceQuery(type: SearchNodeType, where?: string): string {
  const parts = (SEARCH_SOURCES[type] as FieldSource[]).map(
    (source, i) => `SELECT ${i} AS src, ${source.node} AS node_id, ${source.order ?? '0'} AS ord, ${source.text} AS text FROM ${source.from}`,
  );
  return `SELECT s.src, s.node_id, s.ord, s.text FROM (${parts.join(' UNION ALL ')}) s
    WHERE s.text IS NOT NULL${where ? ` AND ${where}` : ''}`;
}
