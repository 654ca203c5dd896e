import type { NodeType } from '../../shared/global-id';
import type { Listing, SearchFieldDeclaration } from '../../shared/listing';
import { SEARCHED } from '../catalog';

/** Where one field of a searchable document comes from: declared in its type's listing (`search`). */
export type FieldSource = SearchFieldDeclaration;

/** A node type that search indexes (those of SEARCHED). */
export type SearchNodeType = NodeType;

function fieldsOf(listing: Listing<object>): FieldSource[] {
  if (!listing.searchFields?.length) throw new Error(`${listing.nodeType}: a searched listing declares no search fields`);
  return [...listing.searchFields];
}

/**
 * The text that search finds each searchable node type by, field by field, in the order a
 * highlight prefers them (from each listing's `search`).
 */
const SEARCH_SOURCES: ReadonlyMap<SearchNodeType, readonly FieldSource[]> = new Map(SEARCHED.map((listing) => [listing.nodeType, fieldsOf(listing)]));

/** Every indexed node type, in a fixed order. */
export const SEARCH_NODE_TYPES: readonly SearchNodeType[] = [...SEARCH_SOURCES.keys()];

/** The fields of `type`'s documents, in the order a highlight prefers them. */
export function searchSources(type: SearchNodeType): readonly FieldSource[] {
  const sources = SEARCH_SOURCES.get(type);
  if (!sources) throw new Error(`${type} is not a searched node type`);
  return sources;
}

/**
 * One statement that reads every field row of `type`, as (src, node_id, ord, text): `src` is the
 * source's index in SEARCH_SOURCES. `where` filters on `s.node_id`.
 */
export function sourceQuery(type: SearchNodeType, where?: string): string {
  const parts = searchSources(type).map(
    (source, i) => `SELECT ${i} AS src, ${source.node} AS node_id, ${source.order ?? '0'} AS ord, ${source.text} AS text FROM ${source.from}`,
  );
  return `SELECT s.src, s.node_id, s.ord, s.text FROM (${parts.join(' UNION ALL ')}) s
    WHERE s.text IS NOT NULL${where ? ` AND ${where}` : ''}`;
}
