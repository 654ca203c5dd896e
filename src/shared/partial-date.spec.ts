import { DatePrecision, PartialDate } from './partial-date';

describe('PartialDate', () => {
  it.each([
    ['2024', DatePrecision.YEAR, 2024, null, null],
    ['2024-04', DatePrecision.MONTH, 2024, 4, null],
    ['2024-04-20', DatePrecision.DAY, 2024, 4, 20],
    ['2024-02-29', DatePrecision.DAY, 2024, 2, 29],
  ])('parses %s', (iso, precision, year, month, day) => {
    expect(PartialDate.parse(iso)).toEqual(Object.assign(new PartialDate(), { iso, precision, year, month, day }));
  });

  it.each(['2024-13', '2024-00', '2023-02-29', '2024-04-31', '24', '2024-4', '2024/04/20', '', ' 2024'])('refuses %p', (iso) => {
    expect(PartialDate.parse(iso)).toBeNull();
  });

  it('compares by the first day it covers', () => {
    expect(PartialDate.firstDay('2024')).toBe('2024-01-01');
    expect(PartialDate.firstDay('2024-04')).toBe('2024-04-01');
    expect(PartialDate.firstDay('2024-04-20')).toBe('2024-04-20');
  });
});
