import { type CalendarEvent, UID_DOMAIN } from './ics';
import type { ListNode } from './graphql-pages';

/** The kinds of record the feed holds, as `?types=` names them. */
export const CALENDAR_TYPES = ['forum', 'session', 'clusterEvent'] as const;
export type CalendarType = (typeof CALENDAR_TYPES)[number];

/** What a feed is asked for, validated: districts by global ID; days "YYYY-MM-DD", inclusive. */
export interface CalendarFilter {
  federalDistrictIds: readonly string[] | null;
  from: string | null;
  to: string | null;
}

/** How records of one type become events: the list they come from, what is read, and the filter as a GraphQL `where`. */
export interface CalendarSource {
  type: CalendarType;
  /** The top-level Query list. */
  list: string;
  selection: string;
  /** The GraphQL enum of its kinds; null for a type without kinds (forums). */
  kindEnum: string | null;
  /** The list's `where` for `filter`, given the kinds of this type among those asked for. */
  where(filter: CalendarFilter, kinds: readonly string[] | null): Record<string, unknown>;
  /** The event of a record, or null when its start is not known to the day. */
  toEvent(node: ListNode): CalendarEvent | null;
}

interface PartialDateValue {
  iso: string;
  precision: 'DAY' | 'MONTH' | 'YEAR';
}
interface Publication {
  title: string;
  sourceUrl: string | null;
}
type Named = { name: string } | null;

const DATE = '{ iso precision }';
const SOURCES = 'publications(first: 5) { nodes { title sourceUrl } }';

const districtIn = (ids: readonly string[]) => ({ id: { in: ids } });

/** The sources of the feed: forums, sessions, cluster events. */
export const CALENDAR_SOURCES: readonly CalendarSource[] = [
  {
    type: 'forum',
    list: 'forums',
    selection: `{ id title theme startDate ${DATE} endDate ${DATE} city venue region { name } organizers { name } ${SOURCES} }`,
    kindEnum: null,
    where: (filter) => ({
      ...(filter.to ? { startDate: { lte: filter.to } } : {}),
      ...(filter.federalDistrictIds ? { region: { federalDistrict: districtIn(filter.federalDistrictIds) } } : {}),
    }),
    toEvent: (node) => {
      const organizers = (node.organizers as Named[]).map((o) => o?.name).filter(Boolean);
      return eventOf(node, {
        start: node.startDate as PartialDateValue | null,
        end: node.endDate as PartialDateValue | null,
        place: [node.venue, node.city ?? (node.region as Named)?.name],
        details: [labelled('Тема', node.theme), labelled('Организаторы', organizers.join(', '))],
        categories: ['FORUM'],
      });
    },
  },
  {
    type: 'session',
    list: 'sessions',
    selection: `{ id title kind date ${DATE} forum { title city venue region { name } } ${SOURCES} }`,
    kindEnum: 'SessionKind',
    where: (filter, kinds) => ({
      ...(filter.to ? { date: { lte: filter.to } } : {}),
      ...(kinds ? { kind: { in: kinds } } : {}),
      ...(filter.federalDistrictIds ? { forum: { region: { federalDistrict: districtIn(filter.federalDistrictIds) } } } : {}),
    }),
    toEvent: (node) => {
      const forum = node.forum as { title: string; city: string | null; venue: string | null; region: Named } | null;
      return eventOf(node, {
        start: node.date as PartialDateValue | null,
        end: null,
        place: [forum?.venue, forum?.city ?? forum?.region?.name],
        details: [labelled('Форум', forum?.title)],
        categories: [String(node.kind)],
      });
    },
  },
  {
    type: 'clusterEvent',
    list: 'clusterEvents',
    selection: `{ id title kind description startDate ${DATE} endDate ${DATE} city venue federalDistricts { name } ${SOURCES} }`,
    kindEnum: 'ClusterEventKind',
    where: (filter, kinds) => ({
      ...(filter.to ? { startDate: { lte: filter.to } } : {}),
      ...(kinds ? { kind: { in: kinds } } : {}),
      ...(filter.federalDistrictIds ? { federalDistricts: { some: districtIn(filter.federalDistrictIds) } } : {}),
    }),
    toEvent: (node) => {
      const districts = (node.federalDistricts as Named[]).map((d) => d?.name).filter(Boolean);
      return eventOf(node, {
        start: node.startDate as PartialDateValue | null,
        end: node.endDate as PartialDateValue | null,
        place: [node.venue, node.city],
        details: [node.description as string | null, labelled('Федеральные округа', districts.join(', '))],
        categories: [String(node.kind)],
      });
    },
  },
];

/** Whether an event has a day in [from, to] (either end open). */
export function inWindow(event: CalendarEvent, filter: Pick<CalendarFilter, 'from' | 'to'>): boolean {
  return (filter.from === null || event.lastDay >= filter.from) && (filter.to === null || event.firstDay <= filter.to);
}

function labelled(label: string, value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? `${label}: ${value}` : null;
}

/**
 * The event of a record whose start is known to the day. Its last day is the end date when that
 * is known to the day and not before the start; an end known only to a month or year leaves a
 * one-day event, with the end stated in the description.
 */
function eventOf(
  node: ListNode,
  parts: { start: PartialDateValue | null; end: PartialDateValue | null; place: unknown[]; details: (string | null)[]; categories: string[] },
): CalendarEvent | null {
  const { start, end } = parts;
  if (!start || start.precision !== 'DAY') return null;
  const endsThatDay = end !== null && end.precision === 'DAY' && end.iso >= start.iso;
  const details = [...parts.details];
  if (end && !endsThatDay) details.push(`Окончание: ${end.iso}`);
  const sources = (node.publications as { nodes: Publication[] }).nodes;
  if (sources.length > 0) {
    details.push(`Источники:\n${sources.map((p) => `— ${p.title}${p.sourceUrl ? ` (${p.sourceUrl})` : ''}`).join('\n')}`);
  }
  const place = parts.place.filter((p): p is string => typeof p === 'string' && p !== '');
  return {
    uid: `${String(node.id)}@${UID_DOMAIN}`,
    summary: String(node.title),
    firstDay: start.iso,
    lastDay: endsThatDay ? end.iso : start.iso,
    description: details.filter(Boolean).join('\n\n') || null,
    location: place.length > 0 ? place.join(', ') : null,
    url: sources.map((p) => webUrl(p.sourceUrl)).find((url) => url !== null) ?? null,
    categories: parts.categories,
  };
}

/** An absolute http(s) URL in its normalised (ASCII) form, or null. */
function webUrl(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
