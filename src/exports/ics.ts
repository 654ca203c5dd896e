/** The domain of every UID of the feed: a UID is `<global ID>@professionalitet-graph`. */
export const UID_DOMAIN = 'professionalitet-graph';

/** The product that made the feed, as RFC 5545 PRODID wants it. */
export const PRODID = '-//professionalitet-graph//Calendar//RU';

/** An all-day event of the feed. Days are "YYYY-MM-DD"; `lastDay` is inclusive. */
export interface CalendarEvent {
  uid: string;
  summary: string;
  firstDay: string;
  lastDay: string;
  description?: string | null;
  location?: string | null;
  /** An absolute http(s) URL, already checked. */
  url?: string | null;
  categories: readonly string[];
}

const CRLF = '\r\n';
/** RFC 5545 3.1: lines longer than 75 octets are folded; the leading space of a continuation counts. */
const LINE_OCTETS = 75;

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped with a backslash, every
 * line break (CRLF, CR or LF) as `\n`; other control characters, which TEXT may not hold, dropped.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * Folds a content line (RFC 5545 3.1): at most 75 octets a line, continuation lines starting with
 * a space; a break never falls inside a character's UTF-8 sequence (nor a surrogate pair).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? LINE_OCTETS : LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** "2024-04-20" as a DATE value: "20240420". */
export function icsDate(day: string): string {
  return day.replace(/-/g, '');
}

/** The day after "YYYY-MM-DD", as "YYYY-MM-DD". */
export function dayAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** A DATE-TIME in UTC, as DTSTAMP wants it: "20240420T101500Z". */
export function icsTimestamp(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function line(name: string, value: string): string {
  return foldLine(`${name}:${value}`) + CRLF;
}

/** The start of the feed, up to its first event. */
export function calendarStart(name: string): string {
  return [
    line('BEGIN', 'VCALENDAR'),
    line('VERSION', '2.0'),
    line('PRODID', PRODID),
    line('CALSCALE', 'GREGORIAN'),
    line('METHOD', 'PUBLISH'),
    line('X-WR-CALNAME', escapeText(name)),
  ].join('');
}

/** The end of the feed. */
export const CALENDAR_END = line('END', 'VCALENDAR');

/**
 * One VEVENT of all-day dates: DTSTART is the first day, DTEND the day after the last (exclusive,
 * RFC 5545 3.6.1). All-day events do not block time (TRANSP:TRANSPARENT).
 */
export function renderEvent(event: CalendarEvent, stamp: Date): string {
  const lines = [
    line('BEGIN', 'VEVENT'),
    line('UID', escapeText(event.uid)),
    line('DTSTAMP', icsTimestamp(stamp)),
    line('DTSTART;VALUE=DATE', icsDate(event.firstDay)),
    line('DTEND;VALUE=DATE', icsDate(dayAfter(event.lastDay))),
    line('SUMMARY', escapeText(event.summary)),
  ];
  if (event.description) lines.push(line('DESCRIPTION', escapeText(event.description)));
  if (event.location) lines.push(line('LOCATION', escapeText(event.location)));
  if (event.url) lines.push(line('URL', event.url));
  if (event.categories.length > 0) lines.push(line('CATEGORIES', event.categories.map(escapeText).join(',')));
  lines.push(line('TRANSP', 'TRANSPARENT'), line('END', 'VEVENT'));
  return lines.join('');
}
