import { dayAfter, escapeText, foldLine, icsTimestamp, renderEvent } from './ics';

const octets = (text: string) => Buffer.byteLength(text, 'utf8');

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma, and writes line breaks as \\n', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('drops control characters that TEXT may not hold, and keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets whole', () => {
    const line = 'x'.repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets, continuation lines starting with a space', () => {
    const folded = foldLine('x'.repeat(200));
    const lines = folded.split('\r\n');
    expect(lines.map((l) => l.length)).toEqual([75, 75, 52]);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe('x'.repeat(200));
  });

  it('never splits a UTF-8 character', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const text = `SUMMARY:${prefix}${'Профессионалитет 😀 '.repeat(20)}`;
      const lines = foldLine(text).split('\r\n');
      for (const line of lines) {
        expect(octets(line)).toBeLessThanOrEqual(75);
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line, 'utf8'))).not.toThrow();
        expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
      }
      expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(text);
    }
  });
});

describe('dates', () => {
  it('gives the next day across month, year and leap-day ends', () => {
    expect(dayAfter('2024-04-20')).toBe('2024-04-21');
    expect(dayAfter('2024-11-30')).toBe('2024-12-01');
    expect(dayAfter('2023-12-31')).toBe('2024-01-01');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
    expect(dayAfter('2023-02-28')).toBe('2023-03-01');
  });

  it('writes DTSTAMP in UTC', () => {
    expect(icsTimestamp(new Date('2024-04-20T10:15:00.000Z'))).toBe('20240420T101500Z');
  });
});

describe('renderEvent', () => {
  it('writes an all-day event ending the day after its last day', () => {
    const text = renderEvent(
      { uid: 'X@d', summary: 'Финал, день 1', firstDay: '2024-11-26', lastDay: '2024-11-30', location: 'Санкт-Петербург', url: 'https://example.org/a', categories: ['CHAMPIONSHIP'] },
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VEVENT',
      'UID:X@d',
      'DTSTAMP:20250101T000000Z',
      'DTSTART;VALUE=DATE:20241126',
      'DTEND;VALUE=DATE:20241201',
      'SUMMARY:Финал\\, день 1',
      'LOCATION:Санкт-Петербург',
      'URL:https://example.org/a',
      'CATEGORIES:CHAMPIONSHIP',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      '',
    ]);
  });
});
