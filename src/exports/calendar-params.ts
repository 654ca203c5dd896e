import { BadUserInputError, describeValue } from '../shared/errors';
import { type DecodedId, fromGlobalId } from '../shared/global-id';
import { DatePrecision, PartialDate } from '../shared/partial-date';
import { foldText } from '../shared/text';
import { CALENDAR_TYPES, type CalendarSource, type CalendarType } from './calendar-events';

/** The query-string parameters /calendar.ics takes. */
export const CALENDAR_PARAMETERS = ['types', 'kind', 'federalDistrict', 'from', 'to'] as const;
export type CalendarParameters = Partial<Record<(typeof CALENDAR_PARAMETERS)[number], string>>;

/** A source of the feed to read, with the kinds asked of it (null: every kind). */
export interface SourcePlan {
  source: CalendarSource;
  kinds: readonly string[] | null;
}

/** The request, validated; federal districts still as given (IDs or names), resolved by `resolveDistricts`. */
export interface CalendarPlan {
  sources: SourcePlan[];
  districts: string[] | null;
  from: string | null;
  to: string | null;
}

function refuse(parameter: string, expected: string, received: string): never {
  throw new BadUserInputError(`${parameter}: expected ${expected}; received ${describeValue(received)}`, parameter);
}

/** A comma-separated parameter as its items; an empty item is refused. */
function items(parameter: string, value: string, expected: string): string[] {
  const list = value.split(',').map((item) => item.trim());
  if (list.some((item) => item === '')) refuse(parameter, expected, value);
  return list;
}

function day(parameter: 'from' | 'to', value: string | undefined): string | null {
  if (value === undefined) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? PartialDate.parse(value) : null;
  if (date?.precision !== DatePrecision.DAY) refuse(parameter, 'a day as YYYY-MM-DD, e.g. 2024-01-01', value);
  return value;
}

/**
 * Validates the parameters of /calendar.ics. `kindsOf` gives the kinds each source's enum has.
 * With `kind`, only sources that have one of the kinds are read: forums have no kind.
 */
export function planCalendar(
  params: CalendarParameters,
  sources: readonly CalendarSource[],
  kindsOf: (source: CalendarSource) => readonly string[],
): CalendarPlan {
  let types: readonly CalendarType[] = CALENDAR_TYPES;
  if (params.types !== undefined) {
    const expected = `a comma-separated list of ${CALENDAR_TYPES.join(', ')}`;
    const listed = items('types', params.types, expected);
    for (const type of listed) if (!(CALENDAR_TYPES as readonly string[]).includes(type)) refuse('types', expected, type);
    types = CALENDAR_TYPES.filter((type) => listed.includes(type));
  }
  const chosen = sources.filter((source) => types.includes(source.type));
  let plans: SourcePlan[] = chosen.map((source) => ({ source, kinds: null }));
  if (params.kind !== undefined) {
    const known = [...new Set(chosen.flatMap(kindsOf))];
    const withKinds = chosen.filter((s) => s.kindEnum).map((s) => s.type);
    const expected =
      known.length > 0 ? `kinds of ${withKinds.join(' or ')}, comma-separated: ${known.join(', ')}` : 'no kind with types=forum: forums have no kind';
    const kinds = items('kind', params.kind, expected).map((k) => k.toUpperCase());
    for (const kind of kinds) if (!known.includes(kind)) refuse('kind', expected, kind);
    plans = chosen
      .map((source) => ({ source, kinds: kinds.filter((kind) => kindsOf(source).includes(kind)) }))
      .filter((plan) => plan.kinds.length > 0);
  }
  const from = day('from', params.from);
  const to = day('to', params.to);
  if (from !== null && to !== null && to < from) refuse('to', `a day not before from (${from})`, to);
  const districts =
    params.federalDistrict === undefined ? null : items('federalDistrict', params.federalDistrict, 'global IDs or names of federal districts, comma-separated');
  return { sources: plans, districts, from, to };
}

/**
 * The global IDs of the federal districts named in `given`, each a global ID or a name (compared
 * as filters compare: any case, «ё» as «е»); BAD_USER_INPUT for one that is neither.
 */
export function resolveDistricts(given: readonly string[], districts: readonly { id: string; name: string }[]): string[] {
  const expected = `the global ID or the name of a federal district (${districts.map((d) => d.name).join(', ')})`;
  return given.map((value) => {
    const decoded = decodeId(value);
    if (decoded && decoded.type !== 'FederalDistrict') refuse('federalDistrict', `${expected}, not the ID of a ${decoded.type}`, value);
    const match = districts.find((d) => (decoded ? d.id === value : foldText(d.name) === foldText(value)));
    if (!match) refuse('federalDistrict', expected, value);
    return match.id;
  });
}

function decodeId(value: string): DecodedId | null {
  try {
    return fromGlobalId(value);
  } catch {
    return null;
  }
}
