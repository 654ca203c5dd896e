import type { EntityManager } from 'typeorm';
import type { Database } from '../src/db/data-source';
import { analyzeTables } from '../src/db/dialect';
import { DERIVED_TABLES, rebuildDerivedData } from '../src/derived-data';
import { PartialDate } from '../src/shared/partial-date';
import { projectPath } from '../src/shared/paths';
import { foldText } from '../src/shared/text';
import { readSeedSet } from '../seeds/read';
import { Random } from './random';
import { CITIES, FIRST_NAMES, INDUSTRIES, LAST_NAMES, POSITIONS, WORDS } from './vocabulary';
import { Progress, TableWriter } from './writer';

/** How many records of each kind scale 1 has (the programme scale); scale N has N times as many. */
export const SCALE_1 = {
  organizations: 3000,
  clusters: 506,
  forums: 200,
  sessions: 4000,
  speakers: 5000,
  participations: 20000,
  clusterEvents: 30000,
  publications: 20000,
  quotes: 10000,
  /** Nationwide events, each fanned out into per-cluster children (counted in clusterEvents). */
  nationwideEvents: 100,
} as const;

export type SyntheticCounts = { [K in keyof typeof SCALE_1]: number };

/** The counts at `scale`: every kind at least 1, a forum has 20 sessions and a session 5 participants at any scale. */
export function syntheticCounts(scale: number): SyntheticCounts {
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  const forums = n(SCALE_1.forums);
  const sessions = forums * (SCALE_1.sessions / SCALE_1.forums);
  return {
    organizations: Math.max(12, n(SCALE_1.organizations)),
    clusters: n(SCALE_1.clusters),
    forums,
    sessions,
    speakers: Math.max(10, n(SCALE_1.speakers)),
    participations: sessions * (SCALE_1.participations / SCALE_1.sessions),
    clusterEvents: n(SCALE_1.clusterEvents),
    publications: n(SCALE_1.publications),
    quotes: n(SCALE_1.quotes),
    nationwideEvents: n(SCALE_1.nationwideEvents),
  };
}

/** The key of the synthetic DATASET publication every generated record names as its source. */
export const SYNTHETIC_DATASET_KEY = 'synthetic-dataset';
/** Keys of generated records: `synthetic-<kind>-<n>`, so the first forum is always there. */
export const syntheticKey = (kind: string, i: number) => `synthetic-${kind}-${i}`;

export interface GenerateOptions {
  scale: number;
  seed?: number;
  /** Draw a progress bar on stderr (default: on). */
  progress?: boolean;
}

const from = (iso: string | null) => (iso ? PartialDate.firstDay(iso) : null);
const pad = (n: number) => String(n).padStart(2, '0');

/** A date from 2022 to 2026: mostly a day; some only a month or a year, a few unknown. */
function randomDate(random: Random, exact = false): string | null {
  const year = random.int(2022, 2026);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  if (exact) return `${year}-${pad(month)}-${pad(day)}`;
  const roll = random.next();
  if (roll < 0.01) return null;
  if (roll < 0.03) return String(year);
  if (roll < 0.08) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The day `days` after a full date. */
function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Fills `database` with a synthetic programme at `scale`, deterministic for `seed`: in one
 * transaction, with multi-row INSERTs, through the schema the migrations made; then rebuilds
 * the search index, and analyzes every table written. The real regions and federal districts (and their DaData publication) are
 * written first unless the database has them already. Every other record's key starts with
 * `synthetic-`, its name says «синтетический», and it names the DATASET publication
 * `synthetic-dataset` as its source.
 */
export async function generateSynthetic(database: Database, options: GenerateOptions): Promise<SyntheticCounts> {
  const counts = syntheticCounts(options.scale);
  const seed = options.seed ?? 1;
  const estimate =
    counts.organizations + counts.clusters * 7 + counts.forums * 3 + counts.sessions + counts.speakers * 2 +
    counts.participations + counts.clusterEvents * 3 + counts.publications * 3 + counts.quotes + counts.speakers * 8;
  const progress = new Progress(estimate, options.progress !== false);
  const { dataSource } = database;
  const written = new Set<string>();
  await dataSource.transaction(async (manager) => {
    await writeAll(manager, database.dialect, counts, seed, options.scale, progress, written);
  });
  progress.phase = 'search index';
  progress.draw(true);
  await rebuildDerivedData(database, { all: true });
  // The planner's statistics of the rows just written, not of the empty tables the migrations made.
  await analyzeTables(dataSource, database.dialect, [...written, ...DERIVED_TABLES.map((derived) => derived.table)]);
  progress.add(counts.speakers * 8);
  progress.finish(`synthetic data at scale ${options.scale} (seed ${seed}) written`);
  return counts;
}

async function writeAll(
  manager: EntityManager,
  dialect: Database['dialect'],
  counts: SyntheticCounts,
  seed: number,
  scale: number,
  progress: Progress,
  written: Set<string>,
): Promise<void> {
  const random = new Random(seed);
  const table = (name: string, columns: string[], dependsOn: TableWriter[] = []) => {
    written.add(name);
    return new TableWriter(manager, dialect, name, columns, (n) => progress.add(n), dependsOn);
  };
  const publication = table('publication', ['id', 'kind', 'title', 'title_fold', 'lead', 'body', 'published_at', 'published_at_from', 'source_url', 'note']);
  const mention = table('publication_mention', ['publication_id', 'node_type', 'node_id', 'ordinal'], [publication]);
  let mentionOrdinal = 0;
  const cite = (publicationKey: string, nodeType: string, nodeId: string) => mention.add([publicationKey, nodeType, nodeId, mentionOrdinal++]);

  // ---- regions and districts: the real reference data, unless already there
  progress.phase = 'regions';
  const seeds = readSeedSet(projectPath('seeds'));
  const existing: { n: number | string }[] = await manager.query('SELECT COUNT(*) AS n FROM federal_district');
  if (Number(existing[0].n) === 0) {
    const dataset = seeds.publications.find((p) => p.kind === 'DATASET');
    const districts = table('federal_district', ['id', 'name', 'name_fold']);
    for (const d of seeds.federalDistricts) await districts.add([d.key, d.name, foldText(d.name)]);
    await districts.flush();
    const regions = table('region', ['id', 'name', 'name_fold', 'full_name', 'kind', 'iso_code', 'iso_code_fold', 'timezone', 'federal_district_id']);
    for (const r of seeds.regions) {
      await regions.add([r.key, r.name, foldText(r.name), r.fullName, r.kind, r.isoCode, foldText(r.isoCode), r.timezone ?? null, r.federalDistrict ?? null]);
    }
    await regions.flush();
    if (dataset) {
      await publication.add([dataset.key, dataset.kind, dataset.title, foldText(dataset.title), dataset.lead ?? null, dataset.body ?? null,
        dataset.publishedAt ?? null, from(dataset.publishedAt ?? null), dataset.sourceUrl ?? null, dataset.note ?? null]);
      await publication.flush();
      for (const d of seeds.federalDistricts) await cite(dataset.key, 'FederalDistrict', d.key);
      for (const r of seeds.regions) await cite(dataset.key, 'Region', r.key);
    }
  }
  const regionList = seeds.regions.map((r) => ({ key: r.key, name: r.name, district: r.federalDistrict ?? null }));
  const regionByKey = new Map(regionList.map((r) => [r.key, r]));

  // ---- the synthetic dataset every record cites
  const title = `Синтетический набор данных для нагрузочных тестов (synthetic: true), масштаб ${scale}`;
  await publication.add([SYNTHETIC_DATASET_KEY, 'DATASET', title, foldText(title), 'Сгенерированные записи: не реальные люди, организации и события.', null,
    null, null, null, `synthetic: true; scale ${scale}; seed ${seed}`]);
  await publication.flush();
  const source = (nodeType: string, key: string) => cite(SYNTHETIC_DATASET_KEY, nodeType, key);

  // ---- organisations: ministries first, so departments can name them as parents
  progress.phase = 'organisations';
  const organization = table('organization', ['id', 'name', 'name_fold', 'short_name', 'short_name_fold', 'kind', 'parent_id', 'region_id']);
  const colleges: string[] = [];
  const enterprises: string[] = [];
  const orgNames: string[] = [];
  const ministries: string[] = [];
  const orgKeys: string[] = [];
  for (let i = 0; i < counts.organizations; i++) {
    const key = syntheticKey('organization', i);
    const region = random.pick(regionList);
    const roll = random.next();
    const kind = i < Math.max(1, Math.round(counts.organizations * 0.01)) ? 'MINISTRY'
      : roll < 0.04 ? 'DEPARTMENT' : roll < 0.09 ? 'INSTITUTE' : roll < 0.6 ? 'COLLEGE' : roll < 0.95 ? 'ENTERPRISE' : 'OTHER';
    const name =
      kind === 'MINISTRY' ? `Синтетическое министерство образования № ${i} (${region.name})`
      : kind === 'DEPARTMENT' ? `Синтетический департамент ${random.words(WORDS, 2)} № ${i}`
      : kind === 'INSTITUTE' ? `Синтетический институт развития ${random.words(WORDS, 1)} № ${i}`
      : kind === 'COLLEGE' ? `Синтетический колледж № ${i} (${region.name})`
      : kind === 'ENTERPRISE' ? `Синтетическое предприятие «${random.pick(INDUSTRIES)}» № ${i}`
      : `Синтетическая организация № ${i}`;
    const shortName = random.chance(0.3) ? `СО-${i}` : null;
    const parent = kind === 'DEPARTMENT' && ministries.length > 0 ? random.pick(ministries) : null;
    await organization.add([key, name, foldText(name), shortName, foldText(shortName), kind, parent, region.key]);
    if (kind === 'MINISTRY') ministries.push(key);
    if (kind === 'COLLEGE') colleges.push(key);
    if (kind === 'ENTERPRISE') enterprises.push(key);
    orgKeys.push(key);
    orgNames.push(name);
  }
  await organization.flush();
  if (colleges.length === 0) colleges.push(orgKeys[orgKeys.length - 1]);
  if (enterprises.length === 0) enterprises.push(orgKeys[orgKeys.length - 2]);
  for (const key of orgKeys) await source('Organization', key);

  // ---- speakers and their affiliations
  progress.phase = 'speakers';
  const speaker = table('speaker', ['id', 'full_name', 'full_name_fold', 'position', 'position_fold', 'organization_id']);
  const affiliation = table('affiliation', ['id', 'speaker_id', 'organization_id', 'position', 'since', 'since_from', 'until', 'until_from', 'ordinal'], [speaker]);
  const speakers: { key: string; position: string; organization: string }[] = [];
  for (let i = 0; i < counts.speakers; i++) {
    const key = syntheticKey('speaker', i);
    const fullName = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)} (синтетический докладчик ${i})`;
    const org = random.next();
    const organizationKey = org < 0.5 ? random.pick(colleges) : org < 0.85 ? random.pick(enterprises) : random.pick(orgKeys);
    const position = `${random.pick(POSITIONS)}, ${random.words(WORDS, 2)}`;
    const since = randomDate(random, true)!.slice(0, 7);
    await speaker.add([key, fullName, foldText(fullName), position, foldText(position), organizationKey]);
    await affiliation.add([`${key}/1`, key, organizationKey, position, since, from(since), null, null, 0]);
    speakers.push({ key, position, organization: organizationKey });
  }
  await speaker.flush();
  await affiliation.flush();
  for (const s of speakers) await source('Speaker', s.key);

  // ---- forums, their organisers, sessions and participations
  progress.phase = 'forums and sessions';
  const forum = table('forum', ['id', 'title', 'title_fold', 'edition', 'series_title', 'start_date', 'start_date_from', 'end_date', 'end_date_from', 'city', 'city_fold', 'venue', 'region_id', 'theme']);
  const organizer = table('forum_organizer', ['forum_id', 'organization_id', 'ordinal'], [forum]);
  const forums: { key: string; date: string | null }[] = [];
  for (let i = 0; i < counts.forums; i++) {
    const key = syntheticKey('forum', i);
    const region = random.pick(regionList);
    const series = `Синтетический форум «${random.words(WORDS, 2)}»`;
    const edition = (i % 12) + 1;
    const forumTitle = `${series} ${edition} (синтетический, № ${i})`;
    const start = randomDate(random);
    const end = start && start.length === 10 ? addDays(start, random.int(0, 2)) : null;
    const city = random.pick(CITIES);
    await forum.add([key, forumTitle, foldText(forumTitle), edition, series, start, from(start), end, from(end), city, foldText(city),
      `Синтетическая площадка ${i}`, region.key, random.words(WORDS, 12)]);
    for (const [ordinal, org] of random.sample(orgKeys, 2).entries()) await organizer.add([key, org, ordinal]);
    forums.push({ key, date: start });
  }
  await forum.flush();
  await organizer.flush();
  for (const f of forums) await source('Forum', f.key);

  const session = table('session', ['id', 'title', 'title_fold', 'kind', 'forum_id', 'parent_id', 'date', 'date_from']);
  const participation = table('participation', ['id', 'session_id', 'speaker_id', 'role', 'talk_title', 'position', 'organization_id', 'ordinal'], [session]);
  const sessionKinds = ['STRATEGIC_SESSION', 'PROJECT_SESSION', 'PLENARY', 'DISCUSSION', 'OTHER'];
  const perForum = counts.sessions / counts.forums;
  const perSession = counts.participations / counts.sessions;
  const sessions: { key: string; speakers: string[] }[] = [];
  for (let i = 0; i < counts.sessions; i++) {
    const key = syntheticKey('session', i);
    const parentForum = forums[Math.floor(i / perForum)];
    const sessionTitle = `Синтетическая сессия: ${random.words(WORDS, 5)}`;
    await session.add([key, sessionTitle, foldText(sessionTitle), random.pick(sessionKinds), parentForum.key, null, parentForum.date, from(parentForum.date)]);
    const chosen = random.sample(speakers, perSession);
    for (const [ordinal, s] of chosen.entries()) {
      const role = ordinal === 0 ? 'MODERATOR' : 'SPEAKER';
      const talk = role === 'SPEAKER' ? `Доклад: ${random.words(WORDS, 6)}` : null;
      await participation.add([`${key}/${s.key}/${role.toLowerCase()}`, key, s.key, role, talk, s.position, s.organization, ordinal]);
    }
    sessions.push({ key, speakers: chosen.map((s) => s.key) });
  }
  await session.flush();
  await participation.flush();
  for (const s of sessions) await source('Session', s.key);

  // ---- clusters and their members
  progress.phase = 'clusters';
  const cluster = table('cluster', ['id', 'name', 'name_fold', 'industry', 'industry_fold', 'region_id', 'launch_year']);
  const member = table('cluster_member', ['cluster_id', 'organization_id', 'role', 'ordinal'], [cluster]);
  const clusters: { key: string; name: string; region: string }[] = [];
  for (let i = 0; i < counts.clusters; i++) {
    const key = syntheticKey('cluster', i);
    const region = random.pick(regionList);
    const industry = random.pick(INDUSTRIES);
    const name = `Синтетический кластер «${industry}» № ${i} (${region.name})`;
    await cluster.add([key, name, foldText(name), industry, foldText(industry), region.key, random.int(2022, 2025)]);
    const members = [...random.sample(colleges, 3).map((o, j) => [o, j === 0 ? 'BASE_COLLEGE' : 'COLLEGE']),
      ...random.sample(enterprises, 3).map((o, j) => [o, j === 0 ? 'ANCHOR_ENTERPRISE' : 'ENTERPRISE'])];
    const seen = new Set<string>();
    for (const [org, role] of members) {
      if (seen.has(org)) continue;
      seen.add(org);
      await member.add([key, org, role, seen.size - 1]);
    }
    clusters.push({ key, name, region: region.key });
  }
  await cluster.flush();
  await member.flush();
  for (const c of clusters) await source('Cluster', c.key);

  // ---- cluster events: nationwide ones fanned out into per-cluster children, then single events
  progress.phase = 'cluster events';
  const event = table('cluster_event', ['id', 'title', 'title_fold', 'kind', 'start_date', 'start_date_from', 'end_date', 'end_date_from', 'venue', 'venue_fold', 'city', 'description', 'parent_id', 'reported_cluster_count', 'reported_region_count']);
  const eventCluster = table('cluster_event_cluster', ['event_id', 'cluster_id', 'ordinal'], [event]);
  const eventOrganization = table('cluster_event_organization', ['event_id', 'organization_id', 'ordinal'], [event]);
  const eventDistrict = table('cluster_event_federal_district', ['event_id', 'federal_district_id', 'ordinal'], [event]);
  const eventKeys: string[] = [];
  const allDistricts = seeds.federalDistricts.map((d) => d.key);
  const nationwideKinds = ['OPEN_DAY', 'DEMO_EXAM', 'CHAMPIONSHIP'];
  const eventKinds = ['OPEN_DAY', 'AGREEMENT_SIGNING', 'DEMO_EXAM', 'CHAMPIONSHIP', 'MEETING', 'OTHER'];
  const childrenPer = Math.min(clusters.length, 150, Math.max(1, Math.floor((counts.clusterEvents - counts.nationwideEvents) / (2 * counts.nationwideEvents))));
  let e = 0;
  const addEvent = async (row: { title: string; kind: string; start: string | null; parent: string | null; clusterCount: number | null; regionCount: number | null; city: string | null }) => {
    const key = syntheticKey('event', e++);
    const end = row.start && row.start.length === 10 && random.chance(0.3) ? addDays(row.start, random.int(1, 3)) : null;
    const venue = random.chance(0.5) ? `Синтетическая площадка ${e}` : null;
    await event.add([key, row.title, foldText(row.title), row.kind, row.start, from(row.start), end, from(end), venue, foldText(venue), row.city,
      random.chance(0.6) ? random.words(WORDS, 15) : null, row.parent, row.clusterCount, row.regionCount]);
    eventKeys.push(key);
    return key;
  };
  for (let n = 0; n < counts.nationwideEvents && e < counts.clusterEvents; n++) {
    const kind = random.pick(nationwideKinds);
    const start = randomDate(random, true);
    const parts = random.sample(clusters, Math.min(childrenPer, counts.clusterEvents - e - 1));
    const regions = new Set(parts.map((c) => c.region));
    const parentTitle = `Синтетическая всероссийская акция «${random.words(WORDS, 3)}» № ${n}`;
    const parent = await addEvent({ title: parentTitle, kind, start, parent: null, clusterCount: parts.length, regionCount: regions.size, city: null });
    for (const [ordinal, d] of allDistricts.entries()) await eventDistrict.add([parent, d, ordinal]);
    for (const part of parts) {
      const child = await addEvent({ title: `${parentTitle}: ${part.name}`, kind, start, parent, clusterCount: null, regionCount: null, city: random.pick(CITIES) });
      await eventCluster.add([child, part.key, 0]);
      const district = regionByKey.get(part.region)?.district;
      if (district) await eventDistrict.add([child, district, 0]);
    }
  }
  while (e < counts.clusterEvents) {
    const linked = random.sample(clusters, random.int(1, 3));
    const key = await addEvent({ title: `Синтетическое событие: ${random.words(WORDS, 4)}`, kind: random.pick(eventKinds), start: randomDate(random), parent: null, clusterCount: null, regionCount: null, city: random.pick(CITIES) });
    const districts = new Set<string>();
    for (const [ordinal, c] of linked.entries()) {
      await eventCluster.add([key, c.key, ordinal]);
      const district = regionByKey.get(c.region)?.district;
      if (district) districts.add(district);
    }
    for (const [ordinal, d] of [...districts].entries()) await eventDistrict.add([key, d, ordinal]);
    for (const [ordinal, org] of random.sample(orgKeys, random.int(0, 2)).entries()) await eventOrganization.add([key, org, ordinal]);
  }
  for (const writer of [event, eventCluster, eventOrganization, eventDistrict]) await writer.flush();
  for (const key of eventKeys) await source('ClusterEvent', key);

  // ---- publications, what they mention, and the quotes they carry
  progress.phase = 'publications';
  const mentionable: [string, readonly string[]][] = [
    ['Forum', forums.map((f) => f.key)],
    ['Session', sessions.map((s) => s.key)],
    ['Speaker', speakers.map((s) => s.key)],
    ['Organization', orgKeys],
    ['Cluster', clusters.map((c) => c.key)],
    ['ClusterEvent', eventKeys],
  ];
  const publicationKeys: string[] = [];
  for (let i = 0; i < counts.publications; i++) {
    const key = syntheticKey('publication', i);
    const article = random.chance(0.7);
    const pubTitle = `${random.words(WORDS, 7)} (синтетическая публикация № ${i})`;
    const published = randomDate(random);
    await publication.add([key, article ? 'ARTICLE' : 'TEASER', pubTitle, foldText(pubTitle), random.words(WORDS, 15),
      article ? random.words(WORDS, 40) : null, published, from(published), `https://example.org/synthetic/${i}`, 'synthetic: true']);
    const mentioned = new Set<string>();
    for (let m = random.int(1, 3); m > 0; m--) {
      const [nodeType, keys] = random.pick(mentionable);
      const node = random.pick(keys);
      if (mentioned.has(`${nodeType}:${node}`)) continue;
      mentioned.add(`${nodeType}:${node}`);
      await cite(key, nodeType, node);
    }
    publicationKeys.push(key);
  }
  await publication.flush();
  await mention.flush();

  const quote = table('quote', ['id', 'text', 'speaker_id', 'session_id', 'publication_id', 'ordinal']);
  for (let i = 0; i < counts.quotes; i++) {
    const s = random.pick(sessions);
    await quote.add([syntheticKey('quote', i), `«${random.words(WORDS, 20)}»`, random.pick(s.speakers), s.key, random.pick(publicationKeys), i]);
  }
  await quote.flush();
}
