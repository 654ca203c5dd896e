import type { FieldNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { compactJson } from './compact-json';
import type { Marks } from './marks';
import type { Resolution } from './resolved';

/** What a compiled operation runs and how its answer is finished. */
export interface CompiledOperation {
  text: string;
  params: readonly unknown[];
  /** The response keys of `data` the statement answers, in order. */
  keys: readonly string[];
  /** The root fields it leaves to the resolvers (a field it does not compile, a bad argument); their keys are not in `keys`. */
  rest: readonly FieldNode[];
  /** Every response key of the operation's data, in order: `keys` and the rest's. */
  order: readonly string[];
  /** The fields under Nodes left to their resolvers, resolved after the statement (resolved.ts); null where there are none. */
  resolution: Resolution | null;
  /** Turns the statement's JSON (bytes or text, as the driver gives it) into the UTF-8 of `data`; throws CompiledFallback where it cannot. */
  finish(json: Buffer | string): Buffer;
}

/**
 * The last JSON each compiled operation's statement gave, and the answer finished from it: the
 * same statement over unchanged rows gives the same bytes, and `finish` is a pure function of
 * them (the marks' fixes are pure; a fallback throws and is not kept), so an equal JSON (one
 * memcmp) takes the kept answer instead of a pass over its marks. The statement still runs on
 * every request: only the finishing of its bytes is remembered. At most LAST_ANSWERS_BYTES in
 * all, least recently used forgotten first. Answers are never written to after they are made.
 */
interface LastAnswer {
  json: Buffer | string;
  answer: Buffer;
}
const LAST_ANSWERS_BYTES = 32 * 1024 * 1024;
const lastAnswers = new LRUCache<Marks, LastAnswer>({
  maxSize: LAST_ANSWERS_BYTES,
  sizeCalculation: ({ json, answer }) => json.length + (answer === json ? 0 : answer.length) || 1,
});

/** How the statement's JSON becomes the answer's bytes: its marks finished, the last answer kept (see lastAnswers). */
export function finisher(marks: Marks, compact: boolean): (json: Buffer | string) => Buffer {
  return (json) => {
    const last = lastAnswers.get(marks);
    if (last !== undefined && (typeof json === 'string' ? last.json === json : Buffer.isBuffer(last.json) && json.equals(last.json))) return last.answer;
    const bytes = typeof json === 'string' ? Buffer.from(json) : json;
    // PostgreSQL's json is written with spaces: made compact as JSON.stringify writes it (compact-json.ts).
    const answer = marks.finish(compact ? bytes : compactJson(bytes));
    lastAnswers.set(marks, { json, answer });
    return answer;
  };
}
