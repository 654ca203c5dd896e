import { BadUserInputError, describeValue, invariant } from './errors';

/**
 * The entity types that have global IDs, one key each: every model's module adds its own type
 * beside its declaration, so a model of an undeclared type does not compile:
 *
 *     declare module '../../shared/global-id' { interface NodeTypes { Forum: true } }
 *
 * The name is part of the ID, so it never changes. The catalog (modules/catalog.ts) lists them
 * all at run time, as NODE_TYPES.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface NodeTypes {}
export type NodeType = keyof NodeTypes & string;

/** The node types whose models are loaded: a global ID of any other type does not decode. */
const DECLARED_TYPES = new Set<string>();

/** Registers a model's node type (defineModel calls it, once per model). */
export function declareNodeType(type: NodeType): void {
  invariant(!DECLARED_TYPES.has(type), `the node type ${type} is declared by two models`);
  DECLARED_TYPES.add(type);
}

/** True for the node type of a loaded model; polymorphic columns and IDs are checked against it. */
export function isNodeType(type: unknown): type is NodeType {
  invariant(DECLARED_TYPES.size > 0, 'no node type is declared: load the models (modules/catalog.ts) before reading global IDs or node types');
  return typeof type === 'string' && DECLARED_TYPES.has(type);
}

/**
 * The global ID of a record: base64url of "Type:key", where key is the record's natural-key slug.
 * The same record has the same ID on every load and on every database.
 */
export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * The global ID of a revision: base64url of "Revision:<serial>". A revision is not a record of
 * the content (NodeType), so its IDs are decoded apart, by revisionSerialOf.
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

/** Decodes a global ID of a record of a node type, or null when `id` is not one (no error: for scanning answers). */
export function tryDecode(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 400 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== id) return null;
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!isNodeType(type) || key.length === 0) return null;
  return { type, key };
}
