import type { FieldNode } from 'graphql';
import { type NodeType, toGlobalId } from '../shared/global-id';
import { encodeCursor } from '../shared/pagination';

/** A compiled value did not hold (a non-null field was null): the resolvers run the operation. */
export class CompiledFallback extends Error {}

/** A field of a Node of `type` that the statement leaves to its resolver (`field`: as the operation asks it). */
export interface ResolvedField {
  type: NodeType;
  field: FieldNode;
}

/** Turns a mark's value (parsed) into the answer's value; throws CompiledFallback where it cannot. */
export type MarkFix = (value: unknown) => unknown;

/** The start of every mark: an object whose first key starts with `$`. */
const MARK = Buffer.from('{"$');
const TAG_END = Buffer.from('":');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CLOSE = 0x7d;
const ID = 0x69;

/** A mark finished: its bytes (tag and value) and what replaces them. */
interface Finished {
  mark: Uint8Array;
  bytes: Buffer;
}

/**
 * Marks finished, by a hash of their bytes (and of the operation, but for global IDs): a mark's
 * replacement depends on nothing else (a fix is pure, a fallback throws and is not kept), and the
 * same IDs and dates come back request after request. Found by a hash computed on the bytes, so
 * a mark is never decoded to be looked up; its bytes are compared before use. At most
 * FINISHED_KEPT, forgotten all at once when full.
 */
const finished = new Map<number, Finished>();
const FINISHED_KEPT = 50_000;
let operations = 0;

/** FNV-1a over `bytes[from, to)`, starting from `seed`. */
function hashOf(bytes: Uint8Array, from: number, to: number, seed: number): number {
  let hash = seed;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hash >>> 0;
}

function sameBytes(kept: Uint8Array, bytes: Uint8Array, from: number, to: number): boolean {
  if (kept.length !== to - from) return false;
  for (let i = 0; i < kept.length; i++) if (kept[i] !== bytes[from + i]) return false;
  return true;
}

/**
 * The values of a compiled statement's JSON that the database cannot write as the answer has
 * them, and JS finishes in its text: global IDs (base64url), cursors, partial dates, floats
 * written exactly, and the nulls that make the resolvers answer instead. The statement writes each
 * as a one-key object `{"$<tag>":<value>}`; `finish` replaces each by its answer in one pass over
 * the bytes, which are then the answer's `data` as it is sent (nothing is parsed as a whole,
 * nothing stringified again, nothing decoded).
 *
 * `{"$` can be nothing else: a response key is a GraphQL name (never `$`), and inside a JSON
 * string every `"` is escaped but the closing one, which is followed by `,` `:` `}` or `]`.
 *
 * Tags: `i:<Type>` a global ID (value: the key), `c<n>` a cursor in the n-th order (value: the sort
 * keys' array, or null), `d<n>` the n-th fix (value: any JSON), `x` the resolvers must answer,
 * `r<n>` the n-th field left to its resolver (value: the key of the Node it is a field of): kept
 * as it is, and resolved after the statement (resolved.ts).
 */
export class Marks {
  /** Where this operation's own marks are kept among the finished (the hash's seed). */
  private readonly scope = Math.imul(++operations, 0x9e3779b1) ^ 0x811c9dc5;
  private readonly signatures: string[] = [];
  private readonly fixes: MarkFix[] = [];
  /** The fields left to their resolvers, by the n of their tag `r<n>`. */
  readonly resolved: ResolvedField[] = [];

  /** The tag of a global ID of `type`. */
  id(type: NodeType): string {
    return `i:${type}`;
  }

  /** The tag of a cursor in the order of `signature`. */
  cursor(signature: string): string {
    let i = this.signatures.indexOf(signature);
    if (i === -1) i = this.signatures.push(signature) - 1;
    return `c${i}`;
  }

  /** The tag of a value finished by `fix`. */
  fix(fix: MarkFix): string {
    return `d${this.fixes.push(fix) - 1}`;
  }

  /** The tag of `field` of a Node of `type`, left to its resolver (the mark's value: the Node's key). */
  resolve(type: NodeType, field: FieldNode): string {
    return `r${this.resolved.push({ type, field }) - 1}`;
  }

  /** The tag that makes the resolvers answer. */
  readonly fallback = 'x';

  /**
   * The statement's JSON (UTF-8) with every mark replaced by its value; throws CompiledFallback
   * for a fallback mark. The bytes between marks are not decoded: a multi-byte UTF-8 character
   * never holds an ASCII byte, so `{"$`, quotes and brackets are found as bytes.
   */
  finish(json: Buffer): Buffer {
    let at = json.indexOf(MARK);
    if (at === -1) return json;
    const parts: Buffer[] = [];
    let from = 0;
    while (at !== -1) {
      const tagAt = at + MARK.length;
      let colon = tagAt;
      while (json[colon] !== QUOTE) colon++;
      const start = colon + TAG_END.length;
      const end = json[start] === QUOTE ? stringEnd(json, start) + 1 : valueEnd(json, start);
      if (json[end] !== CLOSE) throw new Error(`compiled JSON: a mark without its end at ${end}`);
      // A global ID is the same in every operation; the other marks are finished by this one's fixes.
      const hash = hashOf(json, tagAt, end, json[tagAt] === ID ? 0x811c9dc5 : this.scope);
      const kept = finished.get(hash);
      let replaced: Buffer;
      if (kept !== undefined && sameBytes(kept.mark, json, tagAt, end)) replaced = kept.bytes;
      else {
        replaced = Buffer.from(this.replace(json.toString('latin1', tagAt, colon), json.toString('utf8', start, end)));
        if (finished.size >= FINISHED_KEPT) finished.clear();
        finished.set(hash, { mark: Uint8Array.prototype.slice.call(json, tagAt, end), bytes: replaced });
      }
      parts.push(json.subarray(from, at), replaced);
      from = end + 1;
      at = json.indexOf(MARK, from);
    }
    parts.push(json.subarray(from));
    return Buffer.concat(parts);
  }

  private replace(tag: string, value: string): string {
    switch (tag[0]) {
      case 'i': {
        if (value === 'null') return value;
        const key = value.includes('\\') || value[0] !== '"' ? String(JSON.parse(value)) : value.slice(1, -1);
        return `"${toGlobalId(tag.slice(2) as NodeType, key)}"`;
      }
      case 'c':
        return value === 'null' ? value : `"${encodeCursor(this.signatures[Number(tag.slice(1))], JSON.parse(value) as unknown[])}"`;
      case 'd':
        return JSON.stringify(this.fixes[Number(tag.slice(1))](JSON.parse(value)) ?? null);
      case 'x':
        throw new CompiledFallback();
      case 'r':
        return `{"$${tag}":${value}}`;
      default:
        throw new Error(`compiled JSON: an unknown mark ${tag}`);
    }
  }
}

/** The index just past the JSON value (a string, an array, or a scalar) that starts at `start`. */
function valueEnd(json: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < json.length; i++) {
    const c = json[i];
    if (c === QUOTE) {
      i = stringEnd(json, i);
      if (depth === 0) return i + 1;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === CLOSE) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === 0x2c && depth === 0) return i;
  }
  return json.length;
}

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(json: Buffer, open: number): number {
  for (let i = open + 1; i < json.length; i++) {
    const c = json[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return json.length;
}
