import { type NodeType, toGlobalId } from './global-id';

/*
 * The names a cache knows content by, one rule for both sides: the tags an answer carries
 * (execution/cdn-headers.ts: Cache-Tag, Surrogate-Key) and the tags a change purges (the change
 * outbox, modules/writes/outbox.ts, and so the webhooks).
 */

/** The tag of the lists of `type` records: any of them may change what a list shows. */
export const listTag = (type: NodeType | string): string => `list:${type}`;

/** What a change of record `key` of `type` makes stale: the record (its global ID) and the lists of its type. */
export function tagsOf(type: NodeType, key: string): string[] {
  return [toGlobalId(type, key), listTag(type)];
}
