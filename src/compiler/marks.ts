import { type NodeType, toGlobalId } from '../shared/global-id';
import { encodeCursor } from '../shared/pagination';

/** A compiled value did not hold (a non-null field was null): the resolvers run the operation. */
export class CompiledFallback extends Error {}

/** Turns a mark's value (parsed) into the answer's value; throws CompiledFallback where it cannot. */
export type MarkFix = (value: unknown) => unknown;

/** The start of every mark: an object whose first key starts with `$`. */
const MARK = '{"$';
const QUOTE = 0x22;
const CLOSE = 0x7d;
const ID = 0x69;

/**
 * Marks finished, by tag and value: a mark's text depends on nothing else (a fix is pure, a
 * fallback throws and is not kept), and the same IDs and dates come back request after request.
 * At most FINISHED_KEPT, forgotten all at once when full.
 */
const finished = new Map<string, string>();
const FINISHED_KEPT = 50_000;
let operations = 0;

/**
 * The values of a compiled statement's JSON that the database cannot write as the answer has
 * them, and JS finishes in its text: global IDs (base64url), cursors, partial dates, floats
 * written exactly, and the nulls that make the resolvers answer instead. The statement writes each
 * as a one-key object `{"$<tag>":<value>}`; `finish` replaces each by its answer in one pass over
 * the text, which is then the answer's `data` as it is sent (nothing is parsed as a whole,
 * nothing stringified again).
 *
 * `{"$` can be nothing else: a response key is a GraphQL name (never `$`), and inside a JSON
 * string every `"` is escaped but the closing one, which is followed by `,` `:` `}` or `]`.
 *
 * Tags: `i:<Type>` a global ID (value: the key), `c<n>` a cursor in the n-th order (value: the sort
 * keys' array, or null), `d<n>` the n-th fix (value: any JSON), `x` the resolvers must answer.
 */
export class Marks {
  /** Where this operation's own marks are kept among the finished. */
  private readonly scope = `${operations++}:`;
  private readonly signatures: string[] = [];
  private readonly fixes: MarkFix[] = [];

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

  /** The tag that makes the resolvers answer. */
  readonly fallback = 'x';

  /** The statement's JSON with every mark replaced by its value; throws CompiledFallback for a fallback mark. */
  finish(text: string): string {
    let at = text.indexOf(MARK);
    if (at === -1) return text;
    let out = '';
    let from = 0;
    while (at !== -1) {
      const tagAt = at + MARK.length;
      const colon = text.indexOf('":', tagAt);
      const start = colon + 2;
      const end = text.charCodeAt(start) === QUOTE ? stringEnd(text, start) + 1 : valueEnd(text, start);
      if (text.charCodeAt(end) !== CLOSE) throw new Error(`compiled JSON: a mark without its end at ${end}`);
      // A global ID is the same in every operation; the other marks are finished by this one's fixes.
      const key = text.charCodeAt(tagAt) === ID ? text.slice(tagAt, end) : this.scope + text.slice(tagAt, end);
      let replaced = finished.get(key);
      if (replaced === undefined) {
        replaced = this.replace(text.slice(tagAt, colon), text.slice(start, end));
        if (finished.size >= FINISHED_KEPT) finished.clear();
        finished.set(key, replaced);
      }
      out += text.slice(from, at) + replaced;
      from = end + 1;
      at = text.indexOf(MARK, from);
    }
    return out + text.slice(from);
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
      default:
        throw new Error(`compiled JSON: an unknown mark ${tag}`);
    }
  }
}

/** The index just past the JSON value (a string, a flat or nested array, or a scalar) that starts at `start`. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      if (depth === 0) return i + 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === ',' && depth === 0) return i;
  }
  return text.length;
}

/** The index of the quote that closes the string opened at `open`. */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close === -1) return text.length;
    let backslashes = 0;
    while (text[close - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return close;
    i = close + 1;
  }
}
