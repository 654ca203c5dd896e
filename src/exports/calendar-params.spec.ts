// Global IDs name the node types of the loaded models: the catalog loads them all.
import '../modules/catalog';
import { CALENDAR_SOURCES, type CalendarSource } from './calendar-events';
import { planCalendar, resolveDistricts } from './calendar-params';
import { toGlobalId } from '../shared/global-id';

const KINDS: Record<string, string[]> = { forum: [], session: ['PLENARY', 'OTHER'], clusterEvent: ['OPEN_DAY', 'OTHER'] };
const kindsOf = (source: CalendarSource) => KINDS[source.type];
const plan = (params: Record<string, string>) => planCalendar(params, CALENDAR_SOURCES, kindsOf);
const read = (params: Record<string, string>) => plan(params).sources.map((s) => [s.source.type, s.kinds]);
const refusal = (params: Record<string, string>) => {
  try {
    plan(params);
  } catch (error) {
    return { message: (error as Error).message, argument: (error as { extensions: { argument: string } }).extensions.argument };
  }
  throw new Error('not refused');
};

describe('planCalendar', () => {
  it('reads every type by default, and only the types asked for', () => {
    expect(read({})).toEqual([['forum', null], ['session', null], ['clusterEvent', null]]);
    expect(read({ types: 'clusterEvent,forum' })).toEqual([['forum', null], ['clusterEvent', null]]);
  });

  it('reads, for kind, only the types that have it; forums have none', () => {
    expect(read({ kind: 'open_day' })).toEqual([['clusterEvent', ['OPEN_DAY']]]);
    expect(read({ kind: 'OTHER,PLENARY' })).toEqual([['session', ['OTHER', 'PLENARY']], ['clusterEvent', ['OTHER']]]);
  });

  it('refuses what it does not know, naming the parameter, what it expects and what it got', () => {
    expect(refusal({ types: 'forums' })).toEqual({
      argument: 'types',
      message: 'types: expected a comma-separated list of forum, session, clusterEvent; received "forums"',
    });
    expect(refusal({ types: 'session', kind: 'OPEN_DAY' }).message).toBe(
      'kind: expected kinds of session, comma-separated: PLENARY, OTHER; received "OPEN_DAY"',
    );
    expect(refusal({ types: 'forum', kind: 'OPEN_DAY' }).message).toBe('kind: expected no kind with types=forum: forums have no kind; received "OPEN_DAY"');
    expect(refusal({ kind: 'OPEN_DAY,' }).argument).toBe('kind');
    expect(refusal({ from: '2024-02-30' })).toEqual({ argument: 'from', message: 'from: expected a day as YYYY-MM-DD, e.g. 2024-01-01; received "2024-02-30"' });
    expect(refusal({ to: '2024-04' }).argument).toBe('to');
    expect(refusal({ from: '2024-05-01', to: '2024-04-30' }).message).toBe('to: expected a day not before from (2024-05-01); received "2024-04-30"');
  });

  it('keeps the days and the districts as given', () => {
    expect(plan({ from: '2024-01-01', to: '2024-12-31', federalDistrict: 'Южный, Центральный' })).toMatchObject({
      from: '2024-01-01',
      to: '2024-12-31',
      districts: ['Южный', 'Центральный'],
    });
  });
});

describe('resolveDistricts', () => {
  const districts = [
    { id: toGlobalId('FederalDistrict', 'far-eastern'), name: 'Дальневосточный' },
    { id: toGlobalId('FederalDistrict', 'southern'), name: 'Южный' },
  ];

  it('takes global IDs and names in any case', () => {
    expect(resolveDistricts(['дальневосточный', districts[1].id], districts)).toEqual([districts[0].id, districts[1].id]);
  });

  it('refuses an unknown name, an unknown ID and the ID of another type', () => {
    const expected = 'federalDistrict: expected the global ID or the name of a federal district (Дальневосточный, Южный)';
    expect(() => resolveDistricts(['Луна'], districts)).toThrow(`${expected}; received "Луна"`);
    expect(() => resolveDistricts([toGlobalId('FederalDistrict', 'moon')], districts)).toThrow(expected);
    expect(() => resolveDistricts([toGlobalId('Region', 'RU-BU')], districts)).toThrow(`${expected}, not the ID of a Region`);
  });
});
