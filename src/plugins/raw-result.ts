import type { FormattedExecutionResult } from 'graphql';

/** Where `rawData` keeps the JSON text it stands for. */
const RAW_JSON = Symbol('rawJson');

/**
 * `data` whose JSON text is already written (the selection compiler's answer): the text is sent
 * as it is by `stringifyResult`, never parsed and stringified again. Whoever reads it as an
 * object (a plugin, `executeOperation`, a JSON.stringify of the result) gets the same values: its
 * keys parse the text on first read.
 */
export function rawData(json: string, keys: readonly string[]): Record<string, unknown> {
  let parsed: Record<string, unknown> | undefined;
  const data: Record<string | symbol, unknown> = {};
  Object.defineProperty(data, RAW_JSON, { value: json });
  for (const key of keys) {
    Object.defineProperty(data, key, { enumerable: true, get: () => (parsed ??= JSON.parse(json) as Record<string, unknown>)[key] });
  }
  return data;
}

/**
 * Apollo's `stringifyResult`: what its default writes (JSON.stringify of the result and a
 * newline), with the text of raw `data` put in as it is.
 */
export function stringifyResult(result: FormattedExecutionResult): string {
  const raw = (result.data as Record<symbol, unknown> | null | undefined)?.[RAW_JSON];
  if (typeof raw !== 'string') return `${JSON.stringify(result)}\n`;
  const members: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    const text = key === 'data' ? raw : JSON.stringify(value);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}\n`;
}
