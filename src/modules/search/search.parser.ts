import { BadUserInputError, describeValue } from '../../shared/errors';
import { normalizeWord, stemWord, wordSpans } from './search.stemmer';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 1000;
/** The most words one query may hold, counting every word of every phrase and exclusion. */
export const MAX_QUERY_TERMS = 32;

/** One word of a query: its stem, and whether it stands for every stem that starts with it. */
export interface SearchTerm {
  stem: string;
  prefix: boolean;
}

/** Words that must stand next to each other in this order (one word: anywhere), or must not. */
export interface SearchClause {
  terms: SearchTerm[];
  negated: boolean;
}

/** A parsed query: a document matches when it has every clause that is not negated and none that is. */
export interface SearchQuery {
  clauses: SearchClause[];
}

/**
 * Parses the search syntax: words (all must match), "a phrase" in double quotes, a trailing `*`
 * for a prefix, and a leading `-` to exclude a word or a phrase. Words are runs of letters and
 * digits; everything else only separates them, so operators of SQL or of any full-text engine
 * (NEAR, OR, parentheses, `^`, `:`) are plain words or nothing. An unquoted item that punctuation
 * splits into several words ("Улан-Удэ") is a phrase. An unclosed quote runs to the end.
 * Throws BAD_USER_INPUT for an empty or too long query, too many words, or no word to find.
 */
export function parseSearchQuery(text: string, argument = 'query'): SearchQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new BadUserInputError(
      `${argument}: expected at most ${MAX_QUERY_LENGTH} characters; received ${text.length} characters`,
      argument,
    );
  }
  if (text.trim().length === 0) {
    throw new BadUserInputError(`${argument}: expected words to search for; received ${describeValue(text)}`, argument);
  }
  const clauses: SearchClause[] = [];
  const seen = new Set<string>();
  let termCount = 0;
  for (const item of splitItems(text)) {
    const terms = termsOf(item.text);
    if (terms.length === 0) continue;
    termCount += terms.length;
    const clause = { terms, negated: item.negated };
    const key = JSON.stringify(clause);
    if (!seen.has(key)) {
      seen.add(key);
      clauses.push(clause);
    }
  }
  if (termCount > MAX_QUERY_TERMS) {
    throw new BadUserInputError(
      `${argument}: expected at most ${MAX_QUERY_TERMS} words; received ${termCount} words`,
      argument,
    );
  }
  if (!clauses.some((clause) => !clause.negated)) {
    const what = clauses.length > 0 ? 'a word to find besides the excluded ones' : 'at least one word of letters or digits';
    throw new BadUserInputError(`${argument}: expected ${what}; received ${describeValue(text)}`, argument);
  }
  return { clauses };
}

interface Item {
  text: string;
  negated: boolean;
}

const SPACE = /\s/u;

/** The items of a query: quoted phrases and whitespace-separated runs, each maybe negated. */
function splitItems(text: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < text.length) {
    if (SPACE.test(text[i])) {
      i += 1;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && !SPACE.test(text[i + 1])) {
      negated = true;
      i += 1;
    }
    let end: number;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      end = close === -1 ? text.length : close;
      items.push({ text: text.slice(i + 1, end), negated });
      i = end + 1;
      continue;
    }
    end = i;
    while (end < text.length && !SPACE.test(text[end]) && text[end] !== '"') end += 1;
    items.push({ text: text.slice(i, end), negated });
    i = end;
  }
  return items;
}

/** The terms of one item; a word directly followed by `*` is a prefix. */
function termsOf(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const span of wordSpans(text)) {
    const normalized = normalizeWord(span.text);
    if (normalized.length === 0) continue;
    terms.push({ stem: stemWord(normalized), prefix: text[span.end] === '*' });
  }
  return terms;
}

/** Whether a word's stem satisfies a term: the same stem, or one that starts with a prefix term's. */
export function termMatches(term: SearchTerm, stem: string): boolean {
  return term.prefix ? stem.startsWith(term.stem) : stem === term.stem;
}
