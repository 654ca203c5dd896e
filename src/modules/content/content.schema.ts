import { z } from 'zod';
import { PartialDate } from '../../shared/partial-date';
import { coded } from '../../shared/record-fields';

/*
 * The rules between the fields of a record (its shape is its model's record schema,
 * shared/model.ts), which every record obeys whichever way it comes in: the seed loader, an
 * import, a mutation. Unknown fields are errors.
 * A refusal carries its user-error code where it is not INVALID (`params.code` of the issue,
 * or the kind of issue: a number out of its range is OUT_OF_RANGE), so every write path answers
 * alike (write-validate.ts, userErrorCodeOf).
 */

/** The pairs of date fields of a record (or of its link records) whose end may not come before the start. */
const DATE_SPANS: readonly (readonly [start: string, end: string])[] = [
  ['startDate', 'endDate'],
  ['since', 'until'],
];

/** The last day a partial date covers, as "YYYY-MM-DD" ("2024" covers to 2024-12-31). */
function lastDay(iso: string): string {
  const date = PartialDate.parse(iso)!;
  const month = date.month ?? 12;
  const day = date.day ?? new Date(Date.UTC(date.year, month, 0)).getUTCDate();
  return `${String(date.year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The issues of the rules between fields of one record: spans that end before they start, a record its own parent. */
function recordIssues(record: Record<string, unknown>, path: (string | number)[] = []): z.ZodIssue[] {
  const issues: z.ZodIssue[] = [];
  for (const [start, end] of DATE_SPANS) {
    const from = record[start];
    const to = record[end];
    if (typeof from === 'string' && typeof to === 'string' && lastDay(to) < PartialDate.firstDay(from)) {
      issues.push({ code: z.ZodIssueCode.custom, path: [...path, end], message: `expected ${end} on or after ${start} "${from}"; received "${to}"` });
    }
  }
  if (path.length === 0 && typeof record.parent === 'string' && record.parent === record.key) {
    issues.push({ code: z.ZodIssueCode.custom, path: ['parent'], message: `expected a parent other than the record itself; received "${record.parent}"`, params: coded('CYCLE') });
  }
  for (const [field, value] of Object.entries(record)) {
    if (Array.isArray(value)) value.forEach((element, i) => element && typeof element === 'object' && issues.push(...recordIssues(element as Record<string, unknown>, [...path, field, i])));
  }
  return issues;
}

/**
 * Parses `raw` as a record of `schema`, then checks the rules between its fields: the one way
 * a seed file, an import and a mutation validate a record.
 */
export function parseRecord<S extends z.ZodTypeAny>(schema: S, raw: unknown): z.SafeParseReturnType<unknown, z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return parsed;
  const issues = recordIssues(parsed.data as Record<string, unknown>);
  return issues.length === 0 ? parsed : { success: false, error: new z.ZodError(issues) };
}

/**
 * The chain of ancestors that leads from `key`'s new `parent` back to `key`, or null: a record
 * may not be its own ancestor. `parentOf` gives the parent of another record (where it is: the
 * same write, the stage, the seed files); a loop that does not pass through `key` (older data)
 * ends the walk.
 */
export async function ancestorLoop(key: string, parent: string | undefined, parentOf: (key: string) => string | undefined | null | Promise<string | undefined | null>): Promise<string[] | null> {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let at = parent ?? null; at != null; at = (await parentOf(at)) ?? null) {
    chain.push(at);
    if (at === key) return chain;
    if (seen.has(at)) return null;
    seen.add(at);
  }
  return null;
}
