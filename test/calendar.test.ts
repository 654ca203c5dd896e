import fs from 'node:fs';
import ICAL from 'ical.js';
import yaml from 'js-yaml';
import { ClusterEvent, ClusterEventKind } from '../src/modules/cluster-event/cluster-event.entity';
import { type NodeType, toGlobalId } from '../src/shared/global-id';
import { projectPath } from '../src/shared/paths';
import { foldText } from '../src/shared/text';
import { type TestApp, dataOf, startTestApp } from './support/app';
import { addSyntheticGraph } from './support/synthetic';

let app: TestApp;

/** Every character TEXT escapes, a line break, and enough text to fold. */
const AWKWARD_TITLE = `Проверка: \\ обратная косая; точка с запятой, запятая\nи перевод строки — ${'длинный текст '.repeat(8)}`;

beforeAll(async () => {
  app = await startTestApp();
  // Two sessions dated 2030-01-01 in a forum dated only to the year 2030.
  await addSyntheticGraph(app.database.dataSource, { forums: 1, sessionsPerForum: 2, events: 0 });
  const event = (key: string, title: string, start: string, end: string | null) => ({
    key,
    title,
    titleFold: foldText(title),
    kind: ClusterEventKind.OTHER,
    startDateIso: start,
    startDateFrom: `${start}-01-01`.slice(0, 10),
    endDateIso: end,
    endDateFrom: end && `${end}-01-01`.slice(0, 10),
  });
  await app.database.dataSource
    .getRepository(ClusterEvent)
    .insert([event('synthetic-escapes', AWKWARD_TITLE, '2030-02-01', '2030-03'), event('synthetic-month', 'Событие без дня', '2030-04', null)]);
});
afterAll(() => app.close());

interface SeedRecord {
  key: string;
  title: string;
  kind?: string;
  startDate?: string;
  endDate?: string;
  date?: string;
  city?: string;
  venue?: string;
}
const seeds = (file: string) => yaml.load(fs.readFileSync(projectPath('seeds', file), 'utf8')) as SeedRecord[];
const isDay = (iso: string | undefined): iso is string => iso !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(iso);
const uid = (type: NodeType, key: string) => `${toGlobalId(type, key)}@professionalitet-graph`;
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The events the real data set and this file's synthetic records should give: those whose start is known to the day. */
const TRUTH = [
  ...seeds('forums.yaml').filter((f) => isDay(f.startDate)).map((f) => ({ type: 'Forum' as const, ...f, first: f.startDate!, last: f.endDate ?? f.startDate! })),
  ...seeds('sessions.yaml').filter((s) => isDay(s.date)).map((s) => ({ type: 'Session' as const, ...s, first: s.date!, last: s.date! })),
  ...seeds('cluster-events.yaml').filter((e) => isDay(e.startDate)).map((e) => ({ type: 'ClusterEvent' as const, ...e, first: e.startDate!, last: e.endDate ?? e.startDate! })),
];
const SYNTHETIC_UIDS = [uid('Session', 'synthetic-session-0-0'), uid('Session', 'synthetic-session-0-1'), uid('ClusterEvent', 'synthetic-escapes')];

async function feed(query = '') {
  const response = await app.get(`/calendar.ics${query}`);
  return { response, bytes: response.bytes, text: response.text };
}

/** The events of a feed, parsed back by Mozilla's ical.js. */
async function events(query = '') {
  const { response, text } = await feed(query);
  expect(response.status).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      location: event.location,
      description: event.description,
      categories: component.getAllProperties('categories').flatMap((p) => p.getValues()),
    };
  });
}

const uids = async (query: string) => (await events(query)).map((e) => e.uid).sort();

describe('the feed, parsed back by ical.js', () => {
  it('is an iCalendar 2.0 document served as text/calendar', async () => {
    const { response, text } = await feed();
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//professionalitet-graph//Calendar//RU');
  });

  it('holds every forum, session and event whose start is known to the day, and nothing else', async () => {
    expect(TRUTH.length).toBeGreaterThan(10);
    expect(await uids('')).toEqual([...TRUTH.map((t) => uid(t.type, t.key)), ...SYNTHETIC_UIDS].sort());
  });

  it('gives each its title, its days as all-day dates (end exclusive) and its place', async () => {
    const byUid = new Map((await events()).map((e) => [e.uid, e]));
    for (const truth of TRUTH) {
      const event = byUid.get(uid(truth.type, truth.key))!;
      expect({ key: truth.key, summary: event.summary, start: event.start, end: event.end, allDay: event.allDay }).toEqual({
        key: truth.key,
        summary: truth.title,
        start: truth.first,
        end: nextDay(truth.last),
        allDay: true,
      });
      if (truth.type === 'ClusterEvent') {
        const place = [truth.venue, truth.city].filter(Boolean).join(', ') || null;
        expect({ key: truth.key, location: event.location, categories: event.categories }).toEqual({ key: truth.key, location: place, categories: [truth.kind] });
      }
    }
  });

  it('matches the facts of the sources', async () => {
    const byUid = new Map((await events()).map((e) => [e.uid, e]));
    expect(byUid.get(uid('ClusterEvent', 'open-day-2024-04-20'))).toMatchObject({
      summary: 'Единый день открытых дверей',
      start: '2024-04-20',
      end: '2024-04-21',
      categories: ['OPEN_DAY'],
    });
    expect(byUid.get(uid('ClusterEvent', 'open-day-2024-04-20'))!.description).toContain('В 370 кластерах федерального проекта «Профессионалитет», объединяющего');
    expect(byUid.get(uid('ClusterEvent', 'professionaly-final-2024'))).toMatchObject({
      summary: 'Финал чемпионата «Профессионалы»',
      start: '2024-11-26',
      end: '2024-12-01',
      location: 'КВЦ «Экспофорум», Санкт-Петербург',
    });
    expect(byUid.get(uid('Forum', 'russia-international-exhibition-forum'))).toMatchObject({
      summary: 'Международная выставка-форум «Россия»',
      start: '2023-11-04',
      end: '2024-07-09',
      location: 'ВДНХ',
      categories: ['FORUM'],
    });
    expect(byUid.has(uid('Forum', 'baikal-education-forum-8'))).toBe(false);
    expect(byUid.has(uid('Forum', 'synthetic-forum-0'))).toBe(false);
    expect(byUid.has(uid('ClusterEvent', 'synthetic-month'))).toBe(false);
    expect(byUid.get(uid('Session', 'synthetic-session-0-0'))).toMatchObject({ start: '2030-01-01', end: '2030-01-02', description: 'Форум: Синтетический форум 0', categories: ['OTHER'] });
  });

  it('round-trips backslashes, semicolons, commas and line breaks in a summary', async () => {
    const event = (await events()).find((e) => e.uid === uid('ClusterEvent', 'synthetic-escapes'))!;
    expect(event.summary).toBe(AWKWARD_TITLE);
    expect(event).toMatchObject({ start: '2030-02-01', end: '2030-02-02', description: 'Окончание: 2030-03' });
  });
});

describe('the raw text follows RFC 5545', () => {
  it('ends every line with CRLF, folds at 75 octets without splitting a character, and continues with a space', async () => {
    const { bytes, text } = await feed();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const lines: Buffer[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf('\r\n', start);
      lines.push(bytes.subarray(start, end));
      start = end + 2;
    }
    let folded = 0;
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      const decoded = decoder.decode(line);
      if (decoded.startsWith(' ')) folded += 1;
      else expect(decoded).toMatch(/^[A-Z-]+[;:]/);
    }
    expect(folded).toBeGreaterThan(20);
  });

  it('escapes commas, semicolons, backslashes and line breaks in TEXT', async () => {
    const unfolded = (await feed()).text.replace(/\r\n /g, '');
    expect(unfolded).toContain('ВДНХ\r\n');
    expect(unfolded).toContain('«Профессионалитет»\\, объединяющего колледжи\\, техникумы и ведущие российские предприятия\\; прошёл');
    expect(unfolded).toContain('SUMMARY:Проверка: \\\\ обратная косая\\; точка с запятой\\, запятая\\nи перевод строки');
    expect(unfolded).toContain('LOCATION:павильон 57 «Просвещение»\\, ВДНХ\r\n');
  });
});

describe('filters', () => {
  const onlyDays = (nodes: { id: string; date: { precision: string } | null }[]) => nodes.filter((n) => n.date?.precision === 'DAY').map((n) => `${n.id}@professionalitet-graph`);

  it('by type and by kind', async () => {
    expect(await uids('?types=forum')).toEqual(TRUTH.filter((t) => t.type === 'Forum').map((t) => uid('Forum', t.key)).sort());
    expect(await uids('?types=session')).toEqual(SYNTHETIC_UIDS.slice(0, 2).sort());
    expect(await uids('?kind=OPEN_DAY')).toEqual(['open-day-2024-04-20', 'open-day-2024-10-19', 'open-day-2025-10-18'].map((k) => uid('ClusterEvent', k)).sort());
    expect(await uids('?types=clusterEvent,session&kind=other')).toEqual([...SYNTHETIC_UIDS].sort());
  });

  it('by federal district, given by name in any case or by global ID, as the GraphQL filters find them', async () => {
    const district = { name: { equals: 'Дальневосточный' } };
    const data = dataOf(
      await app.gql(
        `query($d: FederalDistrictWhere!) {
          forums(first: 100, where: { region: { federalDistrict: $d } }) { nodes { id date: startDate { precision } } }
          sessions(first: 100, where: { forum: { region: { federalDistrict: $d } } }) { nodes { id date { precision } } }
          clusterEvents(first: 100, where: { federalDistricts: { some: $d } }) { nodes { id date: startDate { precision } } }
          federalDistricts(where: $d) { nodes { id } }
        }`,
        { d: district },
      ),
    );
    const expected = [...onlyDays(data.forums.nodes), ...onlyDays(data.sessions.nodes), ...onlyDays(data.clusterEvents.nodes)].sort();
    expect(expected).toContain(uid('ClusterEvent', 'demo-exam-district-sessions-2024'));
    expect(await uids(`?federalDistrict=${encodeURIComponent('дальневосточный')}`)).toEqual(expected);
    expect(await uids(`?federalDistrict=${data.federalDistricts.nodes[0].id}`)).toEqual(expected);
  });

  it('by days: an event is in when any of its days is', async () => {
    const overlapping = (from: string, to: string) => TRUTH.filter((t) => t.last >= from && t.first <= to).map((t) => uid(t.type, t.key)).sort();
    const year2024 = await uids('?from=2024-01-01&to=2024-12-31');
    expect(year2024).toEqual(overlapping('2024-01-01', '2024-12-31'));
    expect(year2024).toContain(uid('Forum', 'russia-international-exhibition-forum'));
    expect(await uids('?from=2024-11-30&to=2024-11-30')).toEqual([uid('ClusterEvent', 'professionaly-final-2024')]);
    expect(await uids('?kind=CHAMPIONSHIP&from=2024-01-01')).toEqual(
      ['professionaly-final-2024', 'professionaly-final-2025-kaluga', 'professionaly-final-2025-saint-petersburg'].map((k) => uid('ClusterEvent', k)).sort(),
    );
  });

  it('that match nothing still give a valid, empty calendar', async () => {
    const { text } = await feed('?from=1990-01-01&to=1990-12-31');
    expect(new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')).toEqual([]);
  });
});

describe('bad parameters', () => {
  it.each([
    ['?types=forums', 'types', 'types: expected a comma-separated list of forum, session, clusterEvent; received "forums"'],
    ['?kind=PARTY', 'kind', 'kind: expected kinds of session or clusterEvent, comma-separated: '],
    ['?federalDistrict=Moon', 'federalDistrict', 'federalDistrict: expected the global ID or the name of a federal district (Дальневосточный, '],
    [`?federalDistrict=${toGlobalId('Region', 'RU-BU')}`, 'federalDistrict', 'not the ID of a Region'],
    ['?from=2024-04', 'from', 'from: expected a day as YYYY-MM-DD, e.g. 2024-01-01; received "2024-04"'],
    ['?to=2024-02-30', 'to', 'to: expected a day as YYYY-MM-DD, e.g. 2024-01-01; received "2024-02-30"'],
    ['?from=2024-05-01&to=2024-04-01', 'to', 'to: expected a day not before from (2024-05-01); received "2024-04-01"'],
    ['?district=Южный', 'district', 'district: expected one of the parameters types, kind, federalDistrict, from, to, stage; received district="Южный"'],
    ['?kind=OPEN_DAY&kind=MEETING', 'kind', 'kind: expected the parameter once, as text; received ["OPEN_DAY","MEETING"]'],
  ])('%s is 400, naming the parameter, what it expects and what it got', async (query, argument, message) => {
    const response = await app.get<{ error: { code: string; message: string; argument: string } }>(`/calendar.ics${query.replace('Южный', encodeURIComponent('Южный'))}`);
    expect(response.status).toBe(400);
    const { body } = response;
    expect(body.error).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(body.error.message).toContain(message);
  });
});
