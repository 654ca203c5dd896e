import { MAX_WORD_LENGTH, normalizeWord, stemWord, stemsOf, termOf, wordSpans } from './search.stemmer';

describe('stemming (Snowball Russian, English for Latin words)', () => {
  it('gives every form of a Russian word one stem', () => {
    expect(new Set(['кадров', 'кадры', 'Кадрами', 'КАДРЫ'].map(termOf))).toEqual(new Set(['кадр']));
    expect(new Set(['техникум', 'техникумов', 'Техникума'].map(termOf))).toEqual(new Set(['техникум']));
    expect(termOf('региональная')).toBe(termOf('региональных'));
  });

  it('reads ё as е, ignores case and stress marks, and composes decomposed letters', () => {
    expect(termOf('прошёл')).toBe(termOf('ПРОШЕЛ'));
    expect(termOf('ка\u0301дры')).toBe('кадр');
    expect(normalizeWord('и\u0306од')).toBe('йод');
  });

  it('lower-cases and stems Latin words, and keeps digits and mixed words as they are', () => {
    expect(termOf('WorldSkills')).toBe(termOf('worldskill'));
    expect(stemWord('2024')).toBe('2024');
    expect(stemWord('спо2030')).toBe('спо2030');
  });

  it('cuts very long words so that index and query cut them alike', () => {
    expect(normalizeWord('я'.repeat(500))).toHaveLength(MAX_WORD_LENGTH);
  });

  it('splits text into words at everything but letters and digits, keeping offsets', () => {
    expect(wordSpans('«Кадры», Улан-Удэ!')).toEqual([
      { start: 1, end: 6, text: 'Кадры' },
      { start: 9, end: 13, text: 'Улан' },
      { start: 14, end: 17, text: 'Удэ' },
    ]);
    expect(stemsOf('NEAR(a, b) ^*:&|!')).toEqual(['near', 'a', 'b']);
  });
});
