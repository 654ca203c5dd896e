import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode, type SelectionSetNode, getNamedType } from 'graphql';
import { CATALOG } from '../modules/catalog';
import { listTag } from '../shared/cache-tags';
import { tryDecode } from '../shared/global-id';

/** Fastly's limit on Surrogate-Key, and Cloudflare's on the Cache-Tag of one answer (in bytes). */
export const TAGS_MAX_BYTES = 16 * 1024;

/** The header by which the cache policy hands the tags of an operation's root lists to cdnHeaders. */
export const CACHE_TAG = 'cache-tag';

/** A record's `"id":"<global id>"` in an answer's JSON (as JSON.stringify and the compiler write it). */
const ID_MEMBER = /"id":"([A-Za-z0-9_-]{1,400})"/g;

/** `<Type>Connection` → Type, for the types of the catalog (the root lists' types). */
const LIST_TYPES = new Map<string, string>(CATALOG.map((entry) => [`${entry.listing.nodeType}Connection`, entry.listing.nodeType]));

/** Whether `typeName` is a catalog type's connection: a root field of that type is a list tagged `list:<Type>`. */
export const isRootList = (typeName: string): boolean => LIST_TYPES.has(typeName);

/**
 * The tags of the lists an operation reads at its root: `list:<Type>` for each Query field whose
 * type is a catalog type's connection (`forums` → `list:Forum`), through fragments too. The same
 * strings as the outbox's tags of a change (writes/outbox.ts tagsOf).
 */
export function rootListTags(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const query = schema.getQueryType();
  if (!query) return [];
  const fields = query.getFields();
  const tags = new Set<string>();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fields[selection.name.value];
        const type = field && LIST_TYPES.get(getNamedType(field.type).name);
        if (type) tags.add(listTag(type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return [...tags];
}

export interface CacheTags {
  /** For Cache-Tag (Cloudflare): comma-separated. */
  cacheTag: string;
  /** For Surrogate-Key (Fastly): space-separated. */
  surrogateKey: string;
  /** True when the records' IDs did not fit and their types' `list:<Type>` stand for them. */
  truncated: boolean;
}

/**
 * The tags of an answer: the global ID of every record in its JSON, then `given` (its root lists'
 * `list:<Type>`). Past TAGS_MAX_BYTES the IDs give way to `list:<Type>` of their types: a purge
 * of any change of that type (the outbox tags every change with it) then drops the answer, as a
 * purge of one of its records would have.
 */
export function cacheTagsOf(body: string, given: readonly string[]): CacheTags {
  const ids = new Set<string>();
  const types = new Set<string>();
  for (const match of body.matchAll(ID_MEMBER)) {
    const decoded = tryDecode(match[1]);
    if (!decoded) continue;
    ids.add(match[1]);
    types.add(listTag(decoded.type));
  }
  let tags = [...new Set([...ids, ...given])];
  const fits = (list: string[]) => Buffer.byteLength(list.join(' ')) <= TAGS_MAX_BYTES;
  const truncated = !fits(tags);
  if (truncated) tags = [...new Set([...given.filter((tag) => tryDecode(tag) === null), ...types])];
  return { cacheTag: tags.join(','), surrogateKey: tags.join(' '), truncated };
}

/** A strong validator of `body`: base64url of its SHA-256 (27 of its 43 characters, 162 bits). */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` (a list, weak or strong forms, or `*`) names `etag`: weak comparison, RFC 9110 13.1.2. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * Express middleware of /graphql (with the response cache on) that gives each answer a shared
 * cache may keep (`cache-control: ... public`, status 200: an anonymous query of the published
 * stage without errors, useCachePolicy) what a CDN needs, from the bytes actually sent: a strong
 * `ETag`, `304 Not Modified` without a body when `If-None-Match` names it, and `Cache-Tag` and
 * `Surrogate-Key` (cacheTagsOf). It wraps `res.write` and `res.end`, so Apollo's text answers,
 * raw answers (sendAnswer) and the response cache's hits alike are hashed as written. Every
 * other answer passes through untouched, and never carries the tags.
 */
export function cdnHeaders(options: { onTruncated(): void }): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      next();
      return;
    }
    // Conditional requests are answered here from the bytes; Express's freshness check never sees them.
    const ifNoneMatch = req.headers['if-none-match'];
    delete req.headers['if-none-match'];
    // For an answer whose validator is known before its bytes (a response-cache hit): it answers 304 itself.
    res.locals.ifNoneMatch = typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined;
    const write = res.write;
    const end = res.end;
    const chunks: Buffer[] = [];
    let decided: boolean | undefined;
    const restore = () => {
      res.write = write;
      res.end = end;
    };
    const cacheable = (): boolean => {
      if (decided === undefined && (res.statusCode === 200 || res.statusCode === 304) && res.hasHeader('etag')) {
        // Its ETag and tags came with it (a response-cache hit): nothing to work out from the bytes.
        restore();
        return (decided = false);
      }
      decided ??= res.statusCode === 200 && /\bpublic\b/.test(String(res.getHeader('cache-control') ?? ''));
      if (!decided) {
        res.removeHeader(CACHE_TAG);
        restore();
      }
      return decided;
    };
    const bufferOf = (chunk: unknown, encoding?: unknown): Buffer =>
      Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
      if (!cacheable()) return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      chunks.push(bufferOf(chunk, rest[0]));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    } as typeof res.write;
    res.end = function (this: typeof res, ...args: unknown[]) {
      if (!cacheable()) return (end as (...a: unknown[]) => typeof res).apply(this, args);
      restore();
      const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (args[0] !== undefined && typeof args[0] !== 'function') chunks.push(bufferOf(args[0], args[1]));
      const body = Buffer.concat(chunks);
      const given = String(res.getHeader(CACHE_TAG) ?? '').split(',').filter((tag) => tag !== '');
      const tags = cacheTagsOf(body.toString('utf8'), given);
      if (tags.truncated) options.onTruncated();
      const etag = etagOf(body);
      res.setHeader('etag', etag);
      res.setHeader(CACHE_TAG, tags.cacheTag);
      res.setHeader('surrogate-key', tags.surrogateKey);
      if (noneMatch(typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined, etag)) {
        res.statusCode = 304;
        for (const name of ['content-type', 'content-length', 'transfer-encoding']) res.removeHeader(name);
        return (end as (...a: unknown[]) => typeof res).call(this, callback);
      }
      res.setHeader('content-length', body.length);
      return (end as (...a: unknown[]) => typeof res).call(this, body, callback);
    } as typeof res.end;
    next();
  };
}
