import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FormattedExecutionResult } from 'graphql';

/** Where `rawData` keeps the bytes it stands for. */
const RAW_JSON = Symbol('rawJson');

/** Stands in for raw `data` in the text Apollo sends: JSON.stringify never writes a NUL as it is. */
const PLACEHOLDER = '\u0000';

/**
 * The bytes of one request's raw `data`, handed from Apollo's `stringifyResult` to the response
 * (Apollo sends a string, and a string of the answer would be the UTF-8 decoded and encoded
 * again). Made by `apolloHandler` for its response only: without one, the answer is written as text.
 */
export class RawAnswer {
  bytes: Buffer | null = null;
}

interface RawJson {
  bytes: Buffer;
  answer: RawAnswer | null;
}

/**
 * `data` whose JSON is already written, as UTF-8 (the selection compiler's answer): it is sent
 * as it is, never parsed and stringified again. Whoever reads it as an object (a plugin,
 * `executeOperation`, a JSON.stringify of the result) gets the same values: its keys parse the
 * bytes on first read.
 */
export function rawData(bytes: Buffer, keys: readonly string[], answer: RawAnswer | null = null): Record<string, unknown> {
  let parsed: Record<string, unknown> | undefined;
  const data: Record<string | symbol, unknown> = {};
  Object.defineProperty(data, RAW_JSON, { value: { bytes, answer } satisfies RawJson });
  for (const key of keys) {
    Object.defineProperty(data, key, { enumerable: true, get: () => (parsed ??= JSON.parse(bytes.toString('utf8')) as Record<string, unknown>)[key] });
  }
  return data;
}

/** The bytes of raw `data` (rawData), or undefined for data of any other kind. */
export function rawBytesOf(data: unknown): Buffer | undefined {
  return (data as Record<symbol, RawJson | undefined> | null | undefined)?.[RAW_JSON]?.bytes;
}

/**
 * Apollo's `stringifyResult`: what its default writes (JSON.stringify of the result and a
 * newline), with raw `data` put in as it is: as a placeholder its response fills with the bytes
 * (`sendAnswer`), or as text where there is no such response.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const raw = (result.data as Record<symbol, unknown> | null | undefined)?.[RAW_JSON] as RawJson | undefined;
  if (raw === undefined) return `${JSON.stringify(result)}\n`;
  let text: string;
  if (raw.answer) {
    raw.answer.bytes = raw.bytes;
    text = PLACEHOLDER;
  } else text = raw.bytes.toString('utf8');
  const members: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    const written = key === 'data' ? text : JSON.stringify(value);
    if (written !== undefined) members.push(`${JSON.stringify(key)}:${written}`);
  }
  return `{${members.join(',')}}\n`;
}

/**
 * Sends Apollo's answer `body` (a string; its status and headers are set) as it is, without
 * Express's send (its charset, content-type and freshness checks: ~2% of `{ __typename }`); where
 * it holds raw `data` (`answer` has the bytes), sends the bytes in place of the placeholder, the
 * three parts without copying them into one.
 */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, body: string, answer: RawAnswer): void {
  const at = answer.bytes ? body.indexOf(PLACEHOLDER) : -1;
  if (at === -1) {
    res.setHeader('content-length', Buffer.byteLength(body));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
    return;
  }
  const head = Buffer.from(body.slice(0, at));
  const tail = Buffer.from(body.slice(at + PLACEHOLDER.length));
  res.setHeader('content-length', head.length + answer.bytes!.length + tail.length);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.cork();
  res.write(head);
  res.write(answer.bytes);
  res.end(tail);
}
