import { newStemmer } from 'snowball-stemmers';
import { foldText } from '../../shared/text';

const russian = newStemmer('russian');
const english = newStemmer('english');

/** Longer words are cut to this many characters, at index and query time alike. */
export const MAX_WORD_LENGTH = 64;

/** A word of a text: where it stands, so a highlight can cut and mark the original. */
export interface WordSpan {
  start: number;
  end: number;
  text: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const CYRILLIC = /^[а-я]+$/;
const LATIN = /^[a-z]+$/;

/** The words of `text` (runs of letters and digits), with their offsets in `text`. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return spans;
}

/**
 * A word as it is compared: composed, folded (lower case, «ё» as «е», see foldText), without
 * combining marks such as stress accents, and cut to MAX_WORD_LENGTH. Only letters and digits
 * remain, so the result is one token for SQLite's and PostgreSQL's full-text syntax alike.
 */
export function normalizeWord(word: string): string {
  return foldText(word.normalize('NFC')).replace(MARKS, '').slice(0, MAX_WORD_LENGTH);
}

/**
 * The stem of a normalized word: Snowball Russian for Cyrillic words, Snowball English (Porter2)
 * for Latin ones, the word itself otherwise (digits, mixed scripts).
 */
export function stemWord(normalized: string): string {
  let stem = normalized;
  if (CYRILLIC.test(normalized)) stem = russian.stem(normalized);
  else if (LATIN.test(normalized)) stem = english.stem(normalized);
  return stem.length > 0 ? stem : normalized;
}

/** Words already stemmed: indexing and highlighting meet the same words again and again. */
const TERM_CACHE = new Map<string, string>();
const TERM_CACHE_SIZE = 50_000;

/** The stem of one word as written in a text or a query; empty when it has no letters or digits. */
export function termOf(word: string): string {
  const cached = TERM_CACHE.get(word);
  if (cached !== undefined) return cached;
  const normalized = normalizeWord(word);
  const term = normalized.length > 0 ? stemWord(normalized) : '';
  if (TERM_CACHE.size >= TERM_CACHE_SIZE) TERM_CACHE.clear();
  TERM_CACHE.set(word, term);
  return term;
}

/** The stems of every word of `text`, in order. */
export function stemsOf(text: string): string[] {
  return wordSpans(text)
    .map((span) => termOf(span.text))
    .filter((stem) => stem.length > 0);
}
