import { BadUserInputError, describeValue } from './errors';

/** The entity types that have global IDs. The name is part of the ID, so it never changes. */
export const NODE_TYPES = [
  'Forum',
  'Session',
  'Speaker',
  'Organization',
  'Cluster',
  'ClusterEvent',
  'FederalDistrict',
  'Region',
  'Publication',
  'Quote',
  'Figure',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);

/**
 * The global ID of a record: base64url of "Type:key", where key is the record's natural-key slug.
 * The same record has the same ID on every load and on every database.
 */
export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * The global ID of a revision: base64url of "Revision:<serial>". A revision is not a record of
 * the content (NODE_TYPES), so its IDs are decoded apart, by revisionSerialOf.
 */
export function toRevisionId(serial: string): string {
  return Buffer.from(`Revision:${serial}`, 'utf8').toString('base64url');
}

/** The serial number of a revision's global ID; null when `id` is not one. */
export function revisionSerialOf(id: string): string | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 40 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const match = /^Revision:([1-9][0-9]{0,17})$/.exec(Buffer.from(id, 'base64url').toString('utf8'));
  return match && toRevisionId(match[1]) === id ? match[1] : null;
}

export interface DecodedId {
  type: NodeType;
  key: string;
}

/** Decodes a global ID, or throws BAD_USER_INPUT saying what an ID looks like. */
export function fromGlobalId(id: string, argument = 'id'): DecodedId {
  const decoded = tryDecode(id);
  if (!decoded) {
    throw new BadUserInputError(
      `${argument}: expected a global ID as returned by this API (e.g. from Forum.id); received ${describeValue(id)}`,
      argument,
    );
  }
  return decoded;
}

/** Decodes a global ID of a record of NODE_TYPES, or null when `id` is not one (no error: for scanning answers). */
export function tryDecode(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== id) return null;
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!NODE_TYPE_SET.has(type) || key.length === 0) return null;
  return { type: type as NodeType, key };
}
