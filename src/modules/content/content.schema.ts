import { z } from 'zod';
import { PartialDate } from '../../shared/partial-date';
import { ClusterEventKind } from '../cluster-event/cluster-event.entity';
import { ClusterMemberRole } from '../cluster/cluster.entity';
import { FigureQualifier } from '../figure/figure.entity';
import { OrganizationKind } from '../organization/organization.entity';
import { PublicationKind } from '../publication/publication.entity';
import { ParticipationRole, SessionKind } from '../session/session.entity';

/*
 * The shapes of the seed records (see seeds/README.md), and the rules every record obeys
 * whichever way it comes in: the seed loader, an import, a mutation. Unknown fields are errors.
 * A refusal carries its user-error code where it is not INVALID (`params.code` of the issue,
 * or the kind of issue: a number out of its range is OUT_OF_RANGE), so every write path answers
 * alike (write-validate.ts, userErrorCodeOf).
 */

/** The codes a rule refuses with, besides INVALID, REQUIRED and SOURCE_REQUIRED. */
export type RuleCode = 'OUT_OF_RANGE' | 'DUPLICATE' | 'CYCLE';
const coded = (code: RuleCode) => ({ code });

/** GraphQL's Int: 32-bit signed; a larger number cannot be read back through the API. */
export const INT_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;
/**
 * The counts an event may report: hundreds of clusters and some eighty regions in the data. The
 * bound keeps clusterEventStats' sumReportedClusterCount (an Int) in range over 20,000 events.
 */
export const REPORTED_COUNT_MAX = { clusters: 100_000, regions: 1_000 } as const;
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

const wellFormed = (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
};

const key = z
  .string({ invalid_type_error: 'expected a key (a lower-case slug)' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a key: lower-case latin letters, digits and single hyphens');
const regionKey = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,3}$/, 'expected a region key: an ISO 3166-2 code like "RU-BU"');
/** A non-empty text without NUL or lone surrogates, trimmed. */
export const text = z.string({ invalid_type_error: 'expected a string' }).trim().min(1, 'expected a non-empty string').superRefine(wellFormed);
const date = z
  .string({ invalid_type_error: 'expected a quoted date string like "2024", "2024-04" or "2024-04-20"' })
  .superRefine((value, ctx) => {
    const parsed = PartialDate.parse(value);
    if (!parsed) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a date like "2024", "2024-04" or "2024-04-20"; received ${JSON.stringify(value)}` });
    else if (parsed.year < YEAR_RANGE.min || parsed.year > YEAR_RANGE.max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max}; received "${value}"`, params: coded('OUT_OF_RANGE') });
    }
  });

/** A number: finite, within [min, max], an integer where `integer`; the message names the range and the value received. */
function number(integer: boolean, min = -Infinity, max = Infinity) {
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
const int = (min: number = INT_RANGE.min, max: number = INT_RANGE.max) => number(true, min, max);

/** Refuses the second of two elements of a list with the same `identity` (DUPLICATE, at the element, or its `field`). */
function distinct<T>(identity: (element: T) => unknown, field?: string) {
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
const keys = () => z.array(key).superRefine(distinct((k: string) => k));
/** The publications a record comes from: at least one, each once. */
export const sources = z.array(key).min(1, 'expected at least one publication key').superRefine(distinct((k: string) => k));

/** A value of a GraphQL enum (defineEnum): the schema keeps the enum, so inputs made from it use the same type. */
const enumOf = <T extends Record<string, string>>(values: T) =>
  z.nativeEnum(values, {
    errorMap: (issue, ctx) => ({
      message:
        issue.code === 'invalid_enum_value'
          ? `expected one of ${Object.values(values).join(', ')}; received ${JSON.stringify(issue.received)}`
          : ctx.defaultError,
    }),
  });

export const federalDistrictSchema = z.object({ key, name: text }).strict();

export const publicationSchema = z
  .object({
    key,
    kind: enumOf(PublicationKind),
    title: text,
    lead: text.optional(),
    body: text.optional(),
    publishedAt: date.optional(),
    sourceUrl: z.string().url('expected an absolute URL').superRefine(wellFormed).optional(),
    note: text.optional(),
  })
  .strict();

export const organizationSchema = z
  .object({
    key,
    name: text,
    shortName: text.optional(),
    kind: enumOf(OrganizationKind),
    parent: key.optional(),
    region: regionKey.optional(),
    sources,
  })
  .strict();

export const speakerSchema = z
  .object({
    key,
    fullName: text,
    affiliations: z
      .array(
        z
          .object({
            organization: key,
            position: text.optional(),
            since: date.optional(),
            until: date.optional(),
            sources,
          })
          .strict(),
      )
      .default([]),
    sources,
  })
  .strict();

export const forumSchema = z
  .object({
    key,
    title: text,
    edition: int(1).optional(),
    seriesTitle: text.optional(),
    startDate: date.optional(),
    endDate: date.optional(),
    city: text.optional(),
    venue: text.optional(),
    region: regionKey.optional(),
    theme: text.optional(),
    organizers: keys().default([]),
    sources,
  })
  .strict();

export const sessionSchema = z
  .object({
    key,
    title: text,
    kind: enumOf(SessionKind),
    forum: key.optional(),
    parent: key.optional(),
    date: date.optional(),
    participants: z
      .array(
        z
          .object({
            speaker: key,
            role: enumOf(ParticipationRole),
            talkTitle: text.optional(),
            position: text.optional(),
            organization: key.optional(),
          })
          .strict(),
      )
      .superRefine(distinct((p: { speaker: string; role: string }) => [p.speaker, p.role], 'speaker'))
      .default([]),
    sources,
  })
  .strict();

export const quoteSchema = z
  .object({ key, text, speaker: key, session: key.optional(), publication: key.optional() })
  .strict();

export const clusterSchema = z
  .object({
    key,
    name: text,
    industry: text.optional(),
    region: regionKey.optional(),
    launchYear: int(1990, 2100).optional(),
    members: z
      .array(
        z
          .object({
            organization: key,
            role: enumOf(ClusterMemberRole),
          })
          .strict(),
      )
      .superRefine(distinct((m: { organization: string }) => m.organization, 'organization'))
      .default([]),
    sources,
  })
  .strict();

export const clusterEventSchema = z
  .object({
    key,
    title: text,
    kind: enumOf(ClusterEventKind),
    startDate: date.optional(),
    endDate: date.optional(),
    venue: text.optional(),
    city: text.optional(),
    description: text.optional(),
    parent: key.optional(),
    reportedClusterCount: int(0, REPORTED_COUNT_MAX.clusters).optional(),
    reportedRegionCount: int(0, REPORTED_COUNT_MAX.regions).optional(),
    clusters: keys().default([]),
    organizations: keys().default([]),
    federalDistricts: keys().default([]),
    sources,
  })
  .strict();

export const SUBJECT_KINDS = ['forum', 'session', 'clusterEvent', 'organization', 'cluster'] as const;

export const figureSchema = z
  .object({
    key,
    metric: text,
    value: number(false),
    qualifier: enumOf(FigureQualifier),
    unit: text.optional(),
    date: date.optional(),
    subject: z.object({ kind: z.enum(SUBJECT_KINDS), key }).strict().optional(),
    sources,
  })
  .strict();

export type FederalDistrictSeed = z.infer<typeof federalDistrictSchema>;
export type PublicationSeed = z.infer<typeof publicationSchema>;
export type OrganizationSeed = z.infer<typeof organizationSchema>;
export type SpeakerSeed = z.infer<typeof speakerSchema>;
export type ForumSeed = z.infer<typeof forumSchema>;
export type SessionSeed = z.infer<typeof sessionSchema>;
export type QuoteSeed = z.infer<typeof quoteSchema>;
export type ClusterSeed = z.infer<typeof clusterSchema>;
export type ClusterEventSeed = z.infer<typeof clusterEventSchema>;
export type FigureSeed = z.infer<typeof figureSchema>;

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
