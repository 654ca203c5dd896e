import { csvField, csvRow } from './csv';

describe('csvField', () => {
  it('leaves plain text, Cyrillic included, as it is', () => {
    expect(csvField('Единый день открытых дверей')).toBe('Единый день открытых дверей');
    expect(csvField(370)).toBe('370');
  });

  it('quotes a field with a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('ООО "Вектор"')).toBe('"ООО ""Вектор"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes null as the empty field and a list joined by "; "', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(['Южный', 'Центральный'])).toBe('Южный; Центральный');
    expect(csvField([])).toBe('');
  });
});

describe('csvRow', () => {
  it('separates fields by commas and ends with CRLF', () => {
    expect(csvRow(['id', null, 'a,b', 1])).toBe('id,,"a,b",1\r\n');
  });
});
