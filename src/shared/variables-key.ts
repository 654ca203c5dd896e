/** Variables longer than this (as JSON) make no key: what depends on them is computed, not kept. */
export const MAX_KEPT_VARIABLES = 1024;

const keys = new WeakMap<object, string | null>();

/**
 * The variables of a request as a key for what is kept per query and variables (the operation
 * limits' costs, the selection compiler's statements): their JSON, or null when too long to keep.
 * Made once per variables object, however many places ask.
 */
export function variablesKey(variables: Record<string, unknown> | null | undefined): string | null {
  if (variables == null) return '{}';
  let key = keys.get(variables);
  if (key === undefined) {
    const json = JSON.stringify(variables);
    key = json.length <= MAX_KEPT_VARIABLES ? json : null;
    keys.set(variables, key);
  }
  return key;
}
