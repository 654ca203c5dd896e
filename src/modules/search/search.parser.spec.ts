import { GraphQLError } from 'graphql';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery, termMatches } from './search.parser';

const clauses = (text: string) => parseSearchQuery(text).clauses;
const failure = (text: string) => {
  try {
    parseSearchQuery(text);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return { message: (error as GraphQLError).message, code: (error as GraphQLError).extensions.code };
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
};

describe('parseSearchQuery', () => {
  it('reads words as stems that must all match', () => {
    expect(clauses('Кадры  техникумов')).toEqual([
      { terms: [{ stem: 'кадр', prefix: false }], negated: false },
      { terms: [{ stem: 'техникум', prefix: false }], negated: false },
    ]);
  });

  it('reads "a phrase" as stems in order, and an unclosed quote as running to the end', () => {
    const phrase = { terms: [{ stem: 'региональн', prefix: false }, { stem: 'модел', prefix: false }], negated: false };
    expect(clauses('"региональная модель"')).toEqual([phrase]);
    expect(clauses('"региональные модели')).toEqual([phrase]);
  });

  it('reads a trailing * as a prefix and a leading - as an exclusion', () => {
    expect(clauses('кадр* -"Улан-Удэ" -техникум')).toEqual([
      { terms: [{ stem: 'кадр', prefix: true }], negated: false },
      { terms: [{ stem: 'ула', prefix: false }, { stem: 'удэ', prefix: false }], negated: true },
      { terms: [{ stem: 'техникум', prefix: false }], negated: true },
    ]);
  });

  it('treats a word split by punctuation as a phrase and a lone - as a separator', () => {
    expect(clauses('Улан-Удэ - форум')).toEqual([
      { terms: [{ stem: 'ула', prefix: false }, { stem: 'удэ', prefix: false }], negated: false },
      { terms: [{ stem: 'форум', prefix: false }], negated: false },
    ]);
  });

  it('keeps operators of SQL and full-text engines as plain words, or drops them as punctuation', () => {
    expect(clauses('NEAR(a b) OR c AND d').flatMap((c) => c.terms.map((t) => t.stem))).toEqual(['near', 'a', 'b', 'or', 'c', 'and', 'd']);
    expect(clauses("' OR 1=1 --").flatMap((c) => c.terms.map((t) => t.stem))).toEqual(['or', '1', '1']);
  });

  it('merges a word repeated in another form', () => {
    expect(clauses('кадры кадров')).toHaveLength(1);
  });

  it.each([
    ['', /^query: expected words to search for; received ""$/],
    ['  \t\n ', /^query: expected words to search for; received "/],
    ['(((', /^query: expected at least one word of letters or digits; received "\(\(\("$/],
    ['^*:&|! % _ \\', /^query: expected at least one word of letters or digits/],
    ['-кадры -"техникум"', /^query: expected a word to find besides the excluded ones; received/],
  ])('refuses %j with BAD_USER_INPUT', (text, message) => {
    expect(failure(text)).toEqual({ message: expect.stringMatching(message), code: 'BAD_USER_INPUT' });
  });

  it('refuses a query over the length limit, saying the limit and the length received', () => {
    expect(failure('а'.repeat(10_000)).message).toBe(`query: expected at most ${MAX_QUERY_LENGTH} characters; received 10000 characters`);
    expect(clauses('а'.repeat(MAX_QUERY_LENGTH))).toHaveLength(1);
  });

  it('refuses more words than the limit', () => {
    const words = Array.from({ length: MAX_QUERY_TERMS + 1 }, (_, i) => `w${i}`).join(' ');
    expect(failure(words).message).toBe(`query: expected at most ${MAX_QUERY_TERMS} words; received ${MAX_QUERY_TERMS + 1} words`);
  });
});

describe('termMatches', () => {
  it('compares whole stems, or the start of a stem for a prefix', () => {
    expect(termMatches({ stem: 'кадр', prefix: false }, 'кадр')).toBe(true);
    expect(termMatches({ stem: 'кадр', prefix: false }, 'кадров')).toBe(false);
    expect(termMatches({ stem: 'кадр', prefix: true }, 'кадров')).toBe(true);
  });
});
