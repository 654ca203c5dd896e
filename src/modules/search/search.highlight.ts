import { type SearchQuery, type SearchTerm, termMatches } from './search.parser';
import { type WordSpan, termOf, wordSpans } from './search.stemmer';

/** About how many characters of text an excerpt shows. */
export const EXCERPT_LENGTH = 160;
/** How many characters before the first match an excerpt starts, where the text allows. */
const LEAD_IN = 50;

/** One field of a document as stored: its name and its original text. */
export interface DocumentField {
  field: string;
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with &, <, >, " and ' escaped for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

interface ScoredField {
  text: string;
  spans: WordSpan[];
  matched: boolean[];
  terms: number;
}

function scoreField(field: DocumentField, positive: SearchTerm[]): ScoredField {
  const spans = wordSpans(field.text);
  const hit = new Set<number>();
  const matched = spans.map((span) => {
    const stem = termOf(span.text);
    let any = false;
    positive.forEach((term, i) => {
      if (stem.length > 0 && termMatches(term, stem)) {
        hit.add(i);
        any = true;
      }
    });
    return any;
  });
  return { text: field.text, spans, matched, terms: hit.size };
}

/**
 * A short excerpt (about EXCERPT_LENGTH characters) of the field that matches the most words of
 * the query (the first such field on a tie), around its first match: every word whose stem
 * matches a word of the query (not an excluded one) is wrapped in <b>…</b>, all other text is
 * HTML-escaped, whitespace runs become one space, and "…" marks where the text was cut.
 * Null when the document has no text at all.
 */
export function highlight(fields: readonly DocumentField[], query: SearchQuery, length = EXCERPT_LENGTH): string | null {
  const positive = query.clauses.filter((c) => !c.negated).flatMap((c) => c.terms);
  const scored = fields.filter((f) => f.text.trim().length > 0).map((f) => scoreField(f, positive));
  if (scored.length === 0) return null;
  const best = scored.reduce((a, b) => (b.terms > a.terms ? b : a));
  return excerpt(best, length);
}

function excerpt(field: ScoredField, length: number): string {
  const { text, spans, matched } = field;
  const first = matched.indexOf(true);
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const anchor = first === -1 ? 0 : spans[first].start;
    const desired = Math.max(0, Math.min(anchor - LEAD_IN, text.length - length));
    if (desired > 0) start = spans.find((s) => s.start >= desired)?.start ?? anchor;
    if (start + length < text.length) {
      const fitting = spans.filter((s) => s.end <= start + length);
      end = Math.max(fitting.at(-1)?.end ?? start + length, first === -1 ? 0 : spans[first].end);
    }
  }
  let out = '';
  let at = start;
  spans.forEach((span, i) => {
    if (span.start < start || span.end > end) return;
    out += escapeHtml(text.slice(at, span.start)).replace(/\s+/g, ' ');
    out += matched[i] ? `<b>${escapeHtml(span.text)}</b>` : escapeHtml(span.text);
    at = span.end;
  });
  out += escapeHtml(text.slice(at, end)).replace(/\s+/g, ' ');
  out = out.trim();
  return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`;
}
