import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, dataOf, startTestApp } from './support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const FORUM_8 = toGlobalId('Forum', 'baikal-education-forum-8');
const STRATEGIC = toGlobalId('Session', 'baikal-8-strategic-session');
const NEUMYVAKIN = toGlobalId('Speaker', 'neumyvakin-viktor');
const DEPARTMENT = toGlobalId('Organization', 'minprosveshcheniya-dgp-spo');
const MINISTRY = toGlobalId('Organization', 'minprosveshcheniya');
const BURYATIA = toGlobalId('Region', 'RU-BU');
const FAR_EAST = toGlobalId('FederalDistrict', 'far-eastern');
const KEMEROVO = toGlobalId('Region', 'RU-KEM');
const METALLURGY = toGlobalId('Cluster', 'kuznetsk-industrial-technical-school-metallurgy');
const KUZNETSK = toGlobalId('Organization', 'kuznetsk-industrial-technical-school');
const DEMO_EXAM = toGlobalId('ClusterEvent', 'demo-exam-district-sessions-2024');
const IRPO = toGlobalId('Organization', 'irpo');
const AGREEMENTS = toGlobalId('ClusterEvent', 'championship-partner-agreements-2024-04-16');
const MAIN_ARTICLE = toGlobalId('Publication', 'news-main');
const PLENARY = toGlobalId('Session', 'russia-expo-plenary-vozmozhnosti-budushchego-kadry');

const node = async (id: string, selection: string) => dataOf(await app.gql(`query($id: ID!) { node(id: $id) { ${selection} } }`, { id })).node;

describe('forums and sessions', () => {
  it('a forum lists its sessions, and each session names its forum', async () => {
    const forum = await node(FORUM_8, `... on Forum { title sessions(first: 10) { totalCount nodes { id title kind forum { id } } } }`);
    expect(forum.title).toBe('VIII Байкальский образовательный форум');
    expect(forum.sessions.totalCount).toBe(5);
    expect(forum.sessions.nodes.map((s: any) => s.kind).sort()).toEqual(
      ['DISCUSSION', 'PROJECT_SESSION', 'PROJECT_SESSION', 'PROJECT_SESSION', 'STRATEGIC_SESSION'],
    );
    for (const session of forum.sessions.nodes) expect(session.forum.id).toBe(FORUM_8);
  });

  it('the VIII forum keeps its unknown date null, its theme and its organiser', async () => {
    const forum = await node(FORUM_8, `... on Forum { edition seriesTitle startDate { iso } endDate { iso } theme organizers { id name } region { id name } }`);
    expect(forum).toMatchObject({ edition: 8, seriesTitle: 'Байкальский образовательный форум', startDate: null, endDate: null });
    expect(forum.theme).toContain('единое образовательное пространство');
    expect(forum.organizers).toEqual([{ id: MINISTRY, name: 'Минпросвещения России' }]);
    expect(forum.region).toEqual({ id: BURYATIA, name: 'Бурятия' });
  });

  it('an organiser lists the forums it organised', async () => {
    const ministry = await node(MINISTRY, `... on Organization { organizedForums { nodes { id } } }`);
    expect(ministry.organizedForums.nodes).toEqual([{ id: FORUM_8 }]);
  });

  it('a session part names its parent, and the parent lists its parts', async () => {
    const plenary = await node(PLENARY, `... on Session { kind parent { title children { totalCount nodes { id } } } }`);
    expect(plenary.kind).toBe('PLENARY');
    expect(plenary.parent.title).toBe('День национальных приоритетов «Кадры»');
    expect(plenary.parent.children).toEqual({ totalCount: 1, nodes: [{ id: PLENARY }] });
  });

  it('partial dates keep their precision', async () => {
    const data = dataOf(await app.gql(`{ forums(orderBy: [{edition: ASC}]) { nodes { edition startDate { iso precision year month day } } } }`));
    const fifth = data.forums.nodes.find((f: any) => f.edition === 5);
    expect(fifth.startDate).toEqual({ iso: '2013-07-03', precision: 'DAY', year: 2013, month: 7, day: 3 });
    const teaser = await node(toGlobalId('Publication', 'teaser-open-day'), `... on Publication { publishedAt { iso precision year month day } }`);
    expect(teaser.publishedAt).toEqual({ iso: '2024-04', precision: 'MONTH', year: 2024, month: 4, day: null });
  });
});

describe('speakers, participations and affiliations', () => {
  it('a session lists its participants with the position held then; the speaker lists the participation back', async () => {
    const session = await node(STRATEGIC, `... on Session {
      participants { role talkTitle position organization { id } speaker { id fullName } session { id } }
      speakers { totalCount nodes { id } } }`);
    expect(session.participants).toHaveLength(1);
    expect(session.participants[0]).toMatchObject({
      role: 'SPEAKER',
      talkTitle: 'Стратегическое планирование и проектное управление региональной системой среднего профессионального образования',
      organization: { id: DEPARTMENT },
      speaker: { id: NEUMYVAKIN, fullName: 'Виктор Неумывакин' },
      session: { id: STRATEGIC },
    });
    expect(session.speakers).toEqual({ totalCount: 1, nodes: [{ id: NEUMYVAKIN }] });

    const speaker = await node(NEUMYVAKIN, `... on Speaker { participations { session { id } } sessions { nodes { id } } forums { nodes { id } } }`);
    expect(speaker.participations).toEqual([{ session: { id: STRATEGIC } }]);
    expect(speaker.sessions.nodes).toEqual([{ id: STRATEGIC }]);
    expect(speaker.forums.nodes).toEqual([{ id: FORUM_8 }]);
  });

  it('a forum lists its speakers once each', async () => {
    const forum = await node(FORUM_8, `... on Forum { speakers { totalCount nodes { id } } }`);
    expect(forum.speakers).toEqual({ totalCount: 1, nodes: [{ id: NEUMYVAKIN }] });
  });

  it('a speaker has the latest position and organisation, and affiliations both ways', async () => {
    const speaker = await node(NEUMYVAKIN, `... on Speaker { position organization { id parent { id } }
      affiliations { position since { iso } until { iso } organization { id } speaker { id } } }`);
    expect(speaker.position).toMatch(/^директор Департамента государственной политики/);
    expect(speaker.organization).toEqual({ id: DEPARTMENT, parent: { id: MINISTRY } });
    expect(speaker.affiliations).toEqual([
      { position: speaker.position, since: null, until: null, organization: { id: DEPARTMENT }, speaker: { id: NEUMYVAKIN } },
    ]);
    const department = await node(DEPARTMENT, `... on Organization { speakers { nodes { id } } affiliations { speaker { id } } participations { speaker { id } } }`);
    expect(department.speakers.nodes).toEqual([{ id: NEUMYVAKIN }]);
    expect(department.affiliations).toEqual([{ speaker: { id: NEUMYVAKIN } }]);
    expect(department.participations).toEqual([{ speaker: { id: NEUMYVAKIN } }]);
  });

  it('quotes link speaker, session and publication, and each lists the quote back', async () => {
    const speaker = await node(NEUMYVAKIN, `... on Speaker { quotes { id text session { id } publication { id } speaker { id } } }`);
    expect(speaker.quotes).toHaveLength(2);
    for (const quote of speaker.quotes) {
      expect(quote).toMatchObject({ session: { id: STRATEGIC }, publication: { id: MAIN_ARTICLE }, speaker: { id: NEUMYVAKIN } });
    }
    expect(speaker.quotes[0].text).toMatch(/^Образовательно-производственные центры Профессионалитета/);
    const session = await node(STRATEGIC, `... on Session { quotes { id } }`);
    expect(session.quotes.map((q: any) => q.id).sort()).toEqual(speaker.quotes.map((q: any) => q.id).sort());
    const article = await node(MAIN_ARTICLE, `... on Publication { quotes { speaker { fullName } } }`);
    expect(article.quotes.map((q: any) => q.speaker.fullName)).toEqual(['Виктор Неумывакин', 'Виктор Неумывакин', 'Елена Маклина']);
  });
});

describe('organisations, clusters and geography', () => {
  it('a unit names its parent, and the parent lists its units', async () => {
    const ministry = await node(MINISTRY, `... on Organization { kind units { id kind parent { id } } }`);
    expect(ministry.kind).toBe('MINISTRY');
    expect(ministry.units).toEqual([{ id: DEPARTMENT, kind: 'DEPARTMENT', parent: { id: MINISTRY } }]);
  });

  it('a cluster has its region, members and industry; the member lists the cluster back', async () => {
    const cluster = await node(METALLURGY, `... on Cluster { name industry launchYear region { id } members { role organization { id } } }`);
    expect(cluster).toEqual({
      name: 'Кузнецкий индустриальный техникум — Металлургия',
      industry: 'Металлургия',
      launchYear: 2022,
      region: { id: KEMEROVO },
      members: [{ role: 'BASE_COLLEGE', organization: { id: KUZNETSK } }],
    });
    const college = await node(KUZNETSK, `... on Organization { kind clusters { nodes { id } } region { id } }`);
    expect(college).toEqual({ kind: 'COLLEGE', clusters: { nodes: [{ id: METALLURGY }] }, region: { id: KEMEROVO } });
  });

  it('a region lists its clusters and organisations, and a district its regions and clusters', async () => {
    const region = await node(KEMEROVO, `... on Region { isoCode fullName federalDistrict { name } clusters { totalCount nodes { region { id } } } organizations { totalCount } }`);
    expect(region.isoCode).toBe('RU-KEM');
    expect(region.federalDistrict.name).toBe('Сибирский');
    expect(region.clusters.totalCount).toBe(2);
    expect(region.organizations.totalCount).toBe(2);
    for (const cluster of region.clusters.nodes) expect(cluster.region.id).toBe(KEMEROVO);

    const district = await node(FAR_EAST, `... on FederalDistrict { name regions(first: 100) { totalCount nodes { id federalDistrict { id } } } clusters { totalCount } }`);
    expect(district.name).toBe('Дальневосточный');
    expect(district.regions.totalCount).toBe(11);
    expect(district.regions.nodes.map((r: any) => r.id)).toContain(BURYATIA);
    for (const r of district.regions.nodes) expect(r.federalDistrict.id).toBe(FAR_EAST);
    expect(district.clusters.totalCount).toBe(0);
  });

  it('the region reference data is complete: 86 rows in 8 districts, Байконур in none', async () => {
    const data = dataOf(await app.gql(`{ regions(first: 100) { totalCount nodes { name federalDistrict { id } } }
      federalDistricts { totalCount nodes { regions { totalCount } } } }`));
    expect(data.regions.totalCount).toBe(86);
    expect(data.regions.nodes.filter((r: any) => r.federalDistrict === null).map((r: any) => r.name)).toEqual(['Байконур']);
    expect(data.federalDistricts.totalCount).toBe(8);
    expect(data.federalDistricts.nodes.reduce((n: number, d: any) => n + d.regions.totalCount, 0)).toBe(85);
  });
});

describe('cluster events', () => {
  it('a nationwide event fans out into parts per federal district, both ways', async () => {
    const event = await node(DEMO_EXAM, `... on ClusterEvent { kind startDate { iso } federalDistricts { id }
      children(first: 20) { totalCount nodes { parent { id } federalDistricts { id name } } } }`);
    expect(event.kind).toBe('DEMO_EXAM');
    expect(event.startDate.iso).toBe('2024-04-15');
    expect(event.federalDistricts).toHaveLength(8);
    expect(event.children.totalCount).toBe(8);
    for (const child of event.children.nodes) {
      expect(child.parent.id).toBe(DEMO_EXAM);
      expect(child.federalDistricts).toHaveLength(1);
    }
    const district = await node(FAR_EAST, `... on FederalDistrict { clusterEvents { nodes { id } } }`);
    expect(district.clusterEvents.nodes).toHaveLength(2);
  });

  it('the open day reports 370 clusters though none is linked', async () => {
    const data = dataOf(await app.gql(`{ clusterEvents(first: 100) { nodes { title kind startDate { iso } reportedClusterCount reportedRegionCount clusters { totalCount } } } }`));
    const openDay = data.clusterEvents.nodes.find((e: any) => e.kind === 'OPEN_DAY' && e.startDate?.iso === '2024-04-20');
    expect(openDay).toMatchObject({ title: 'Единый день открытых дверей', reportedClusterCount: 370, reportedRegionCount: 79, clusters: { totalCount: 0 } });
  });

  it('an event lists its organisations, and the organisation lists the event', async () => {
    const event = await node(AGREEMENTS, `... on ClusterEvent { kind organizations { id } parent { kind } }`);
    expect(event).toEqual({ kind: 'AGREEMENT_SIGNING', organizations: [{ id: IRPO }], parent: { kind: 'MEETING' } });
    const irpo = await node(IRPO, `... on Organization { shortName clusterEvents { nodes { id } } }`);
    expect(irpo).toEqual({ shortName: 'ИРПО', clusterEvents: { nodes: [{ id: AGREEMENTS }] } });
  });
});

describe('publications and provenance', () => {
  it('a publication mentions what it is a source for, and each lists the publication back', async () => {
    const article = await node(MAIN_ARTICLE, `... on Publication { kind title lead body mentions { __typename id } }`);
    expect(article.kind).toBe('ARTICLE');
    expect(article.title).toBe('Профессионалитет: траектория развития региональных моделей');
    expect(article.body).toContain('Напомним, Байкальский образовательный форум');
    const types = new Set(article.mentions.map((m: any) => m.__typename));
    expect([...types].sort()).toEqual(['Forum', 'Organization', 'Session', 'Speaker']);
    for (const mention of article.mentions) {
      const back = await node(mention.id, `... on Node { id } ... on Forum { publications(first: 100) { nodes { id } } } ... on Session { publications(first: 100) { nodes { id } } } ... on Speaker { publications(first: 100) { nodes { id } } } ... on Organization { publications(first: 100) { nodes { id } } }`);
      expect(back.publications.nodes.map((p: any) => p.id)).toContain(MAIN_ARTICLE);
    }
  });

  it('regions and districts come from the reference data set', async () => {
    const region = await node(BURYATIA, `... on Region { publications { nodes { kind title sourceUrl } } }`);
    expect(region.publications.nodes).toEqual([{ kind: 'DATASET', title: 'Регионы России', sourceUrl: 'https://github.com/hflabs/region' }]);
  });

  it('every entity names at least one publication it comes from', async () => {
    const lists = ['forums', 'sessions', 'speakers', 'organizations', 'clusters', 'clusterEvents', 'figures', 'federalDistricts'];
    for (const list of lists) {
      const data = dataOf(await app.gql(`{ ${list}(first: 100) { totalCount nodes { id publications { totalCount } } } }`));
      expect(data[list].totalCount).toBeGreaterThan(0);
      for (const item of data[list].nodes) expect({ list, id: item.id, n: item.publications.totalCount > 0 }).toEqual({ list, id: item.id, n: true });
    }
  });

  it('every record of every type answers sources, and each source is a publication of the graph', async () => {
    const lists = ['forums', 'sessions', 'speakers', 'organizations', 'clusters', 'clusterEvents', 'figures', 'federalDistricts', 'regions', 'publications', 'quotes'];
    const publicationIds = new Set(dataOf(await app.gql(`{ publications(first: 100) { nodes { id } } }`)).publications.nodes.map((p: { id: string }) => p.id));
    for (const list of lists) {
      const data = dataOf(await app.gql(`{ ${list}(first: 100) { nodes { id sources { id kind sourceUrl } } } }`));
      for (const item of data[list].nodes) {
        expect({ list, id: item.id, sourced: item.sources.length > 0 }).toEqual({ list, id: item.id, sourced: true });
        for (const source of item.sources) expect(publicationIds.has(source.id)).toBe(true);
      }
    }
    const quote = await node(toGlobalId('Quote', 'maklina-project-analytic-session-architecture'), `... on Quote { sources { id } }`);
    expect(quote.sources).toEqual([{ id: MAIN_ARTICLE }]);
    const event = await node(toGlobalId('ClusterEvent', 'open-day-2024-04-20'), `... on ClusterEvent { sources { title publishedAt { iso } } }`);
    expect(event.sources.map((s: { title: string }) => s.title)).toEqual([
      'no-vpered.ru/news/obshestvo/2024-04-18',
      'news-pravda.com/world/2024/04/16/440175.html',
      'Единый день открытых дверей пройдет в 370 кластерах «Профессионалитета»',
    ]);
  });

  it('a figure names its subject, and the subject lists its figures', async () => {
    const data = dataOf(await app.gql(`{ figures(first: 100) { totalCount nodes { key: id metric value qualifier unit date { iso } subject { __typename id } } } }`));
    expect(data.figures.totalCount).toBe(20);
    const graduates = data.figures.nodes.find((f: any) => f.value === 137000);
    expect(graduates).toMatchObject({ qualifier: 'MORE_THAN', date: { iso: '2024' }, subject: { __typename: 'Session', id: PLENARY } });
    const plenary = await node(PLENARY, `... on Session { figures { value } }`);
    expect(plenary.figures).toEqual([{ value: 137000 }]);
  });
});
