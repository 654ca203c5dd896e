import { CALENDAR_SOURCES, type CalendarType, inWindow } from './calendar-events';

const source = (type: CalendarType) => CALENDAR_SOURCES.find((s) => s.type === type)!;
const day = (iso: string) => ({ iso, precision: iso.length === 10 ? 'DAY' : iso.length === 7 ? 'MONTH' : 'YEAR' });
const event = (fields: Record<string, unknown>) => ({
  id: 'RVY',
  title: 'Финал',
  kind: 'CHAMPIONSHIP',
  description: null,
  startDate: null,
  endDate: null,
  city: null,
  venue: null,
  federalDistricts: [],
  publications: { nodes: [] },
  ...fields,
});

describe('calendar events', () => {
  it('come only from a start known to the day', () => {
    const toEvent = source('clusterEvent').toEvent;
    expect(toEvent(event({ startDate: day('2024-04') }))).toBeNull();
    expect(toEvent(event({ startDate: day('2024') }))).toBeNull();
    expect(toEvent(event({}))).toBeNull();
    expect(toEvent(event({ startDate: day('2024-04-20') }))).toMatchObject({ firstDay: '2024-04-20', lastDay: '2024-04-20' });
  });

  it('last to the end day, or one day when the end is partial or before the start', () => {
    const toEvent = source('clusterEvent').toEvent;
    expect(toEvent(event({ startDate: day('2024-11-26'), endDate: day('2024-11-30') }))).toMatchObject({ lastDay: '2024-11-30' });
    const partial = toEvent(event({ startDate: day('2023-11-04'), endDate: day('2024-07') }))!;
    expect(partial).toMatchObject({ lastDay: '2023-11-04' });
    expect(partial.description).toContain('Окончание: 2024-07');
    expect(toEvent(event({ startDate: day('2024-11-26'), endDate: day('2024-11-01') }))).toMatchObject({ lastDay: '2024-11-26' });
  });

  it('carry place, sources, categories and a stable UID', () => {
    const result = source('clusterEvent').toEvent(
      event({
        startDate: day('2024-11-26'),
        venue: 'КВЦ «Экспофорум»',
        city: 'Санкт-Петербург',
        description: 'Финал; день первый',
        federalDistricts: [{ name: 'Северо-Западный' }],
        publications: { nodes: [{ title: 'Без ссылки', sourceUrl: null }, { title: 'ТАСС', sourceUrl: 'https://tass.ru/x' }] },
      }),
    );
    expect(result).toEqual({
      uid: 'RVY@professionalitet-graph',
      summary: 'Финал',
      firstDay: '2024-11-26',
      lastDay: '2024-11-26',
      location: 'КВЦ «Экспофорум», Санкт-Петербург',
      description: 'Финал; день первый\n\nФедеральные округа: Северо-Западный\n\nИсточники:\n— Без ссылки\n— ТАСС (https://tass.ru/x)',
      url: 'https://tass.ru/x',
      categories: ['CHAMPIONSHIP'],
    });
  });

  it('take a session\'s place from its forum', () => {
    const result = source('session').toEvent({
      id: 'Uw',
      title: 'Пленарное заседание',
      kind: 'PLENARY',
      date: day('2024-04-16'),
      forum: { title: 'Форум', city: null, venue: 'ВДНХ', region: { name: 'Москва' } },
      publications: { nodes: [] },
    });
    expect(result).toMatchObject({ location: 'ВДНХ, Москва', description: 'Форум: Форум', categories: ['PLENARY'] });
  });
});

describe('inWindow', () => {
  const span = { firstDay: '2023-11-04', lastDay: '2024-07-08' } as const;
  const of = (from: string | null, to: string | null) => inWindow({ ...span, uid: '', summary: '', categories: [] }, { from, to });

  it('keeps an event any of whose days falls in the window', () => {
    expect(of('2024-01-01', '2024-12-31')).toBe(true);
    expect(of('2024-07-08', null)).toBe(true);
    expect(of(null, '2023-11-04')).toBe(true);
    expect(of('2024-07-09', null)).toBe(false);
    expect(of(null, '2023-11-03')).toBe(false);
  });
});
