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

describe('csvField never lets a spreadsheet run a cell as a formula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+7 (495) 000-00-00', "'+7 (495) 000-00-00"],
    ['-5', "'-5"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
  ])('prefixes %j with a quote', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('neutralises a list whose first item begins like a formula', () => {
    expect(csvField(['=1+1', 'Южный'])).toBe("'=1+1; Южный");
  });

  it('writes a number as the number, a negative one included', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(-0.25)).toBe('-0.25');
  });

  it('leaves a formula character inside a text alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('e-mail')).toBe('e-mail');
  });
});

describe('csvRow', () => {
  it('separates fields by commas and ends with CRLF', () => {
    expect(csvRow(['id', null, 'a,b', 1])).toBe('id,,"a,b",1\r\n');
  });
});
