import { z } from 'zod';
import { PartialDate } from './partial-date';

/*
 * The values a record's fields take, and the rules each obeys whichever way a record comes in:
 * the seed loader, an import, a mutation. A refusal carries its user-error code where it is not
 * INVALID (`params.code` of the issue, or the kind of issue: a number out of its range is
 * OUT_OF_RANGE), so every write path answers alike (write-validate.ts, userErrorCodeOf). The
 * entity models (shared/model.ts) build their record schemas from these.
 */

/** The codes a rule refuses with, besides INVALID, REQUIRED and SOURCE_REQUIRED. */
export type RuleCode = 'OUT_OF_RANGE' | 'DUPLICATE' | 'CYCLE';
export const coded = (code: RuleCode) => ({ code });

/** GraphQL's Int: 32-bit signed; a larger number cannot be read back through the API. */
export const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
/** The years a date may name: the data set's history (from the 1900s) and planning horizon; year 0000 is a typing error. */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with a text as stored, or null: NUL (PostgreSQL refuses it in a text, SQLite
 * stores it and exports carry it) and a lone surrogate (not Unicode: a UTF-8 column stores
 * U+FFFD while the document keeps the surrogate).
 */
export function textProblem(value: string): string | null {
  const nul = value.indexOf('\u0000');
  if (nul >= 0) return `expected text without NUL (U+0000); received one at character ${nul + 1}`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) return `expected well-formed Unicode text; received a lone surrogate U+${lone[0].charCodeAt(0).toString(16).toUpperCase()} at character ${lone.index + 1}`;
  return null;
}

export const wellFormed = (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
};

export const key = z
  .string({ invalid_type_error: 'expected a key (a lower-case slug)' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a key: lower-case latin letters, digits and single hyphens');
export const regionKey = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,3}$/, 'expected a region key: an ISO 3166-2 code like "RU-BU"');
/** A non-empty text without NUL or lone surrogates, trimmed. */
export const text = z.string({ invalid_type_error: 'expected a string' }).trim().min(1, 'expected a non-empty string').superRefine(wellFormed);
export const date = z
  .string({ invalid_type_error: 'expected a quoted date string like "2024", "2024-04" or "2024-04-20"' })
  .superRefine((value, ctx) => {
    const parsed = PartialDate.parse(value);
    if (!parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a date like "2024", "2024-04" or "2024-04-20"; received ${JSON.stringify(value)}` });
    else if (parsed.year < YEAR_RANGE.min || parsed.year > YEAR_RANGE.max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}; received "${value}"`, params: coded('OUT_OF_RANGE') });
    }
  });

/** A number: finite, within [min, max], an integer where `integer`; the message names the range and the value received. */
export function number(integer: boolean, min = -Infinity, max = Infinity) {
  const what = integer ? 'an integer' : 'a number';
  const range = integer ? `${what} from ${min} to ${max}` : 'a finite number';
  const base = z.number({
    errorMap: (issue, ctx) => ({
      message:
        issue.code === z.ZodIssueCode.invalid_type && issue.expected === 'number'
          ? `expected ${what}; received ${issue.received}`
          : issue.code === z.ZodIssueCode.invalid_type
            ? `expected ${what}; received ${String(ctx.data)}`
            : `expected ${range}; received ${String(ctx.data)}`,
    }),
  });
  // Range first: the first issue of a field is the one reported (1e300 is OUT_OF_RANGE, 1.5 INVALID).
  return integer ? base.finite().min(min).max(max).int() : base.finite();
}
/** An integer the GraphQL Int can carry, at least `min`. */
export const int = (min: number = INT_RANGE.min, max: number = INT_RANGE.max) => number(true, min, max);

/** Refuses the second of two elements of a list with the same `identity` (DUPLICATE, at the element, or its `field`). */
export function distinct<T>(identity: (element: T) => unknown, field?: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    list.forEach((element, index) => {
      const id = JSON.stringify(identity(element));
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: field ? [index, field] : [index],
          message: `expected each ${field ?? 'entry'} once in the list; received ${id} at ${first} and again at ${index}`,
          params: coded('DUPLICATE'),
        });
      }
    });
  };
}
/** A list of keys, each once. */
export const keys = () => z.array(key).superRefine(distinct((k: string) => k));
/** The publications a record comes from: at least one, each once. */
export const sources = z.array(key).min(1, 'expected at least one publication key').superRefine(distinct((k: string) => k));

/** A value of a GraphQL enum (defineEnum): the schema keeps the enum, so inputs made from it use the same type. */
export const enumOf = <T extends Record<string, string>>(values: T) =>
  z.nativeEnum(values, {
    errorMap: (issue, ctx) => ({
      message:
        issue.code === 'invalid_enum_value'
          ? `expected one of ${Object.values(values).join(', ')}; received ${JSON.stringify(issue.received)}`
          : ctx.defaultError,
    }),
  });

