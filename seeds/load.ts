import { type EntityManager, In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { ClusterEvent, ClusterEventCluster, ClusterEventFederalDistrict, ClusterEventOrganization } from '../src/modules/cluster-event/cluster-event.entity';
import { Cluster, ClusterMember } from '../src/modules/cluster/cluster.entity';
import { Figure } from '../src/modules/figure/figure.entity';
import { Forum, ForumOrganizer } from '../src/modules/forum/forum.entity';
import { Organization } from '../src/modules/organization/organization.entity';
import { Publication, PublicationMention } from '../src/modules/publication/publication.entity';
import { Quote } from '../src/modules/publication/quote.entity';
import { FederalDistrict, Region } from '../src/modules/region/region.entity';
import { Participation, Session } from '../src/modules/session/session.entity';
import { reindex } from '../src/modules/search/search.indexer';
import { refreshRollups } from '../src/modules/stats/stats.rollup';
import { refreshSearchTop } from '../src/modules/search/search.top';
import { Affiliation, Speaker } from '../src/modules/speaker/speaker.entity';
import type { NodeType } from '../src/shared/global-id';
import { PartialDate } from '../src/shared/partial-date';
import { foldText } from '../src/shared/text';
import { SEED_FILES, SeedError, type SeedSet, readSeedSet } from './read';

/** How many records of each kind a load wrote. */
export type SeedSummary = Record<string, number>;

/**
 * Loads the real data set from `dir` into the database in one transaction: all or nothing.
 * Records are upserted by key, and each seeded record's links are replaced, so loading the same
 * files twice changes nothing. Every file is read and every reference checked before anything is
 * written; a bad file throws SeedError and the database stays as it was.
 */
export async function loadSeeds(dataSource: DataSource, dir: string): Promise<SeedSummary> {
  const set = readSeedSet(dir);
  checkReferences(set);
  const rows = toRows(set);
  await dataSource.transaction(async (manager) => {
    for (const [entity, list] of rows.nodes) await upsert(manager, entity, list);
    for (const link of rows.links) {
      if (link.parentKeys.length > 0) {
        await manager.delete(link.entity, { [link.parentProperty]: In(link.parentKeys) });
      }
      await insert(manager, link.entity, link.rows);
    }
    const written = rows.nodes.map(([entity, list]) => [(entity as { nodeType?: NodeType }).nodeType, list.map((r) => r.key as string)]);
    await reindex(manager, Object.fromEntries(written.filter(([type]) => type !== undefined)));
    await refreshRollups(manager);
    await refreshSearchTop(manager);
  });
  return Object.fromEntries(Object.entries(set).map(([kind, list]) => [kind, list.length]));
}

const CHUNK = 200;

async function upsert(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, list: ObjectLiteral[]) {
  for (let i = 0; i < list.length; i += CHUNK) {
    await manager.upsert(entity, list.slice(i, i + CHUNK), { conflictPaths: ['key'], skipUpdateIfNoValuesChanged: true });
  }
}

async function insert(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, list: ObjectLiteral[]) {
  for (let i = 0; i < list.length; i += CHUNK) await manager.insert(entity, list.slice(i, i + CHUNK));
}

// ---------------------------------------------------------------- references

function checkReferences(set: SeedSet): void {
  const keys = {
    publication: new Set(set.publications.map((r) => r.key)),
    organization: new Set(set.organizations.map((r) => r.key)),
    speaker: new Set(set.speakers.map((r) => r.key)),
    forum: new Set(set.forums.map((r) => r.key)),
    session: new Set(set.sessions.map((r) => r.key)),
    cluster: new Set(set.clusters.map((r) => r.key)),
    clusterEvent: new Set(set.clusterEvents.map((r) => r.key)),
    region: new Set(set.regions.map((r) => r.key)),
    federalDistrict: new Set(set.federalDistricts.map((r) => r.key)),
  };
  type Kind = keyof typeof keys;
  const check = (file: string, record: { key: string }, index: number, field: string, kind: Kind, value: string | undefined) => {
    if (value !== undefined && !keys[kind].has(value)) {
      throw new SeedError(file, `"${record.key}" (#${index + 1})`, field, `no ${kind} has the key "${value}"`);
    }
  };
  const checkAll = (file: string, record: { key: string }, index: number, field: string, kind: Kind, values: string[]) =>
    values.forEach((value, i) => check(file, record, index, `${field}.${i}`, kind, value));
  const sources = (file: string, record: { key: string; sources: string[] }, index: number) =>
    checkAll(file, record, index, 'sources', 'publication', record.sources);

  const districtNames = new Set(set.federalDistricts.map((d) => d.name));
  set.regions.forEach((region) => {
    if (region.federalDistrictName && !districtNames.has(region.federalDistrictName)) {
      throw new SeedError('regions/region.csv', region.key, 'federal_district', `no federal district is named "${region.federalDistrictName}" in ${SEED_FILES.federalDistricts}`);
    }
  });
  set.organizations.forEach((r, i) => {
    check(SEED_FILES.organizations, r, i, 'parent', 'organization', r.parent);
    check(SEED_FILES.organizations, r, i, 'region', 'region', r.region);
    sources(SEED_FILES.organizations, r, i);
  });
  set.speakers.forEach((r, i) => {
    r.affiliations.forEach((a, j) => {
      check(SEED_FILES.speakers, r, i, `affiliations.${j}.organization`, 'organization', a.organization);
      checkAll(SEED_FILES.speakers, r, i, `affiliations.${j}.sources`, 'publication', a.sources);
    });
    sources(SEED_FILES.speakers, r, i);
  });
  set.forums.forEach((r, i) => {
    check(SEED_FILES.forums, r, i, 'region', 'region', r.region);
    checkAll(SEED_FILES.forums, r, i, 'organizers', 'organization', r.organizers);
    sources(SEED_FILES.forums, r, i);
  });
  set.sessions.forEach((r, i) => {
    check(SEED_FILES.sessions, r, i, 'forum', 'forum', r.forum);
    check(SEED_FILES.sessions, r, i, 'parent', 'session', r.parent);
    r.participants.forEach((p, j) => {
      check(SEED_FILES.sessions, r, i, `participants.${j}.speaker`, 'speaker', p.speaker);
      check(SEED_FILES.sessions, r, i, `participants.${j}.organization`, 'organization', p.organization);
    });
    sources(SEED_FILES.sessions, r, i);
  });
  set.quotes.forEach((r, i) => {
    check(SEED_FILES.quotes, r, i, 'speaker', 'speaker', r.speaker);
    check(SEED_FILES.quotes, r, i, 'session', 'session', r.session);
    check(SEED_FILES.quotes, r, i, 'publication', 'publication', r.publication);
  });
  set.clusters.forEach((r, i) => {
    check(SEED_FILES.clusters, r, i, 'region', 'region', r.region);
    r.members.forEach((m, j) => check(SEED_FILES.clusters, r, i, `members.${j}.organization`, 'organization', m.organization));
    sources(SEED_FILES.clusters, r, i);
  });
  set.clusterEvents.forEach((r, i) => {
    check(SEED_FILES.clusterEvents, r, i, 'parent', 'clusterEvent', r.parent);
    checkAll(SEED_FILES.clusterEvents, r, i, 'clusters', 'cluster', r.clusters);
    checkAll(SEED_FILES.clusterEvents, r, i, 'organizations', 'organization', r.organizations);
    checkAll(SEED_FILES.clusterEvents, r, i, 'federalDistricts', 'federalDistrict', r.federalDistricts);
    sources(SEED_FILES.clusterEvents, r, i);
  });
  set.figures.forEach((r, i) => {
    if (r.subject) check(SEED_FILES.figures, r, i, 'subject.key', r.subject.kind, r.subject.key);
    sources(SEED_FILES.figures, r, i);
  });
  checkAcyclic(SEED_FILES.organizations, set.organizations);
  checkAcyclic(SEED_FILES.sessions, set.sessions);
  checkAcyclic(SEED_FILES.clusterEvents, set.clusterEvents);
}

function checkAcyclic(file: string, records: { key: string; parent?: string }[]): void {
  const parentOf = new Map(records.map((r) => [r.key, r.parent]));
  records.forEach((record, index) => {
    const seen = new Set<string>([record.key]);
    for (let at = record.parent; at !== undefined; at = parentOf.get(at)) {
      if (seen.has(at)) throw new SeedError(file, `"${record.key}" (#${index + 1})`, 'parent', 'the parent chain loops back on itself');
      seen.add(at);
    }
  });
}

// ---------------------------------------------------------------- rows

interface LinkRows {
  entity: EntityTarget<ObjectLiteral>;
  parentProperty: string;
  parentKeys: string[];
  rows: ObjectLiteral[];
}

/** Parents before children, so foreign keys hold on every insert. */
function parentsFirst<T extends { key: string; parent?: string }>(records: T[]): T[] {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (record: T) => {
    if (done.has(record.key)) return;
    done.add(record.key);
    if (record.parent) visit(byKey.get(record.parent)!);
    out.push(record);
  };
  records.forEach(visit);
  return out;
}

const from = (iso: string | undefined) => (iso ? PartialDate.firstDay(iso) : null);

function toRows(set: SeedSet): { nodes: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][]; links: LinkRows[] } {
  const districtKeyByName = new Map(set.federalDistricts.map((d) => [d.name, d.key]));
  const mentions: ObjectLiteral[] = [];
  const cite = (nodeType: NodeType, record: { key: string; sources: string[] }) =>
    [...new Set(record.sources)].forEach((publicationKey) =>
      mentions.push({ publicationKey, nodeType, nodeKey: record.key, ordinal: mentions.length }),
    );

  const federalDistricts = set.federalDistricts.map((d) => ({ key: d.key, name: d.name, nameFold: foldText(d.name) }));
  const regions = set.regions.map((r) => ({
    key: r.key,
    name: r.name,
    nameFold: foldText(r.name),
    fullName: r.fullName,
    kind: r.kind,
    isoCode: r.isoCode,
    isoCodeFold: foldText(r.isoCode),
    timezone: r.timezone,
    federalDistrictKey: r.federalDistrictName ? districtKeyByName.get(r.federalDistrictName)! : null,
  }));
  const dataset = set.publications.find((p) => p.kind === 'DATASET');
  if (dataset) {
    for (const d of set.federalDistricts) cite('FederalDistrict', { key: d.key, sources: [dataset.key] });
    for (const r of set.regions) cite('Region', { key: r.key, sources: [dataset.key] });
  }
  const publications = set.publications.map((p) => ({
    key: p.key,
    kind: p.kind,
    title: p.title,
    titleFold: foldText(p.title),
    lead: p.lead ?? null,
    body: p.body ?? null,
    publishedAtIso: p.publishedAt ?? null,
    publishedAtFrom: from(p.publishedAt),
    sourceUrl: p.sourceUrl ?? null,
    note: p.note ?? null,
  }));
  const organizations = parentsFirst(set.organizations).map((o) => {
    cite('Organization', o);
    return {
      key: o.key,
      name: o.name,
      nameFold: foldText(o.name),
      shortName: o.shortName ?? null,
      shortNameFold: foldText(o.shortName),
      kind: o.kind,
      parentKey: o.parent ?? null,
      regionKey: o.region ?? null,
    };
  });
  const affiliations: ObjectLiteral[] = [];
  const speakers = set.speakers.map((s) => {
    cite('Speaker', { key: s.key, sources: [...s.sources, ...s.affiliations.flatMap((a) => a.sources)] });
    s.affiliations.forEach((a, ordinal) =>
      affiliations.push({
        key: `${s.key}/${ordinal + 1}`,
        speakerKey: s.key,
        organizationKey: a.organization,
        position: a.position ?? null,
        sinceIso: a.since ?? null,
        sinceFrom: from(a.since),
        untilIso: a.until ?? null,
        untilFrom: from(a.until),
        ordinal,
      }),
    );
    const latest = s.affiliations.at(-1);
    return {
      key: s.key,
      fullName: s.fullName,
      fullNameFold: foldText(s.fullName),
      position: latest?.position ?? null,
      positionFold: foldText(latest?.position),
      organizationKey: latest?.organization ?? null,
    };
  });
  const forumOrganizers: ObjectLiteral[] = [];
  const forums = set.forums.map((f) => {
    cite('Forum', f);
    f.organizers.forEach((organizationKey, ordinal) => forumOrganizers.push({ forumKey: f.key, organizationKey, ordinal }));
    return {
      key: f.key,
      title: f.title,
      titleFold: foldText(f.title),
      edition: f.edition ?? null,
      seriesTitle: f.seriesTitle ?? null,
      startDateIso: f.startDate ?? null,
      startDateFrom: from(f.startDate),
      endDateIso: f.endDate ?? null,
      endDateFrom: from(f.endDate),
      city: f.city ?? null,
      cityFold: foldText(f.city),
      venue: f.venue ?? null,
      regionKey: f.region ?? null,
      theme: f.theme ?? null,
    };
  });
  const participations: ObjectLiteral[] = [];
  const sessions = parentsFirst(set.sessions).map((s) => {
    cite('Session', s);
    s.participants.forEach((p, ordinal) =>
      participations.push({
        key: `${s.key}/${p.speaker}/${p.role.toLowerCase()}`,
        sessionKey: s.key,
        speakerKey: p.speaker,
        role: p.role,
        talkTitle: p.talkTitle ?? null,
        position: p.position ?? null,
        organizationKey: p.organization ?? null,
        ordinal,
      }),
    );
    return {
      key: s.key,
      title: s.title,
      titleFold: foldText(s.title),
      kind: s.kind,
      forumKey: s.forum ?? null,
      parentKey: s.parent ?? null,
      dateIso: s.date ?? null,
      dateFrom: from(s.date),
    };
  });
  const quotes = set.quotes.map((q, ordinal) => ({
    key: q.key,
    text: q.text,
    speakerKey: q.speaker,
    sessionKey: q.session ?? null,
    publicationKey: q.publication ?? null,
    ordinal,
  }));
  const members: ObjectLiteral[] = [];
  const clusters = set.clusters.map((c) => {
    cite('Cluster', c);
    c.members.forEach((m, ordinal) => members.push({ clusterKey: c.key, organizationKey: m.organization, role: m.role, ordinal }));
    return {
      key: c.key,
      name: c.name,
      nameFold: foldText(c.name),
      industry: c.industry ?? null,
      industryFold: foldText(c.industry),
      regionKey: c.region ?? null,
      launchYear: c.launchYear ?? null,
    };
  });
  const eventClusters: ObjectLiteral[] = [];
  const eventOrganizations: ObjectLiteral[] = [];
  const eventDistricts: ObjectLiteral[] = [];
  const clusterEvents = parentsFirst(set.clusterEvents).map((e) => {
    cite('ClusterEvent', e);
    e.clusters.forEach((clusterKey, ordinal) => eventClusters.push({ eventKey: e.key, clusterKey, ordinal }));
    e.organizations.forEach((organizationKey, ordinal) => eventOrganizations.push({ eventKey: e.key, organizationKey, ordinal }));
    e.federalDistricts.forEach((federalDistrictKey, ordinal) => eventDistricts.push({ eventKey: e.key, federalDistrictKey, ordinal }));
    return {
      key: e.key,
      title: e.title,
      titleFold: foldText(e.title),
      kind: e.kind,
      startDateIso: e.startDate ?? null,
      startDateFrom: from(e.startDate),
      endDateIso: e.endDate ?? null,
      endDateFrom: from(e.endDate),
      venue: e.venue ?? null,
      venueFold: foldText(e.venue),
      city: e.city ?? null,
      description: e.description ?? null,
      parentKey: e.parent ?? null,
      reportedClusterCount: e.reportedClusterCount ?? null,
      reportedRegionCount: e.reportedRegionCount ?? null,
    };
  });
  const subjectType: Record<string, NodeType> = {
    forum: 'Forum',
    session: 'Session',
    clusterEvent: 'ClusterEvent',
    organization: 'Organization',
    cluster: 'Cluster',
  };
  const figures = set.figures.map((f) => {
    cite('Figure', f);
    return {
      key: f.key,
      metric: f.metric,
      value: f.value,
      qualifier: f.qualifier,
      unit: f.unit ?? null,
      dateIso: f.date ?? null,
      dateFrom: from(f.date),
      subjectType: f.subject ? subjectType[f.subject.kind] : null,
      subjectKey: f.subject?.key ?? null,
    };
  });

  const keysOf = (list: { key: string }[]) => list.map((r) => r.key);
  return {
    nodes: [
      [FederalDistrict, federalDistricts],
      [Region, regions],
      [Publication, publications],
      [Organization, organizations],
      [Speaker, speakers],
      [Affiliation, affiliations],
      [Forum, forums],
      [Session, sessions],
      [Participation, participations],
      [Quote, quotes],
      [Cluster, clusters],
      [ClusterEvent, clusterEvents],
      [Figure, figures],
    ],
    links: [
      { entity: PublicationMention, parentProperty: 'publicationKey', parentKeys: keysOf(publications), rows: mentions },
      { entity: ForumOrganizer, parentProperty: 'forumKey', parentKeys: keysOf(forums), rows: forumOrganizers },
      { entity: ClusterMember, parentProperty: 'clusterKey', parentKeys: keysOf(clusters), rows: members },
      { entity: ClusterEventCluster, parentProperty: 'eventKey', parentKeys: keysOf(clusterEvents), rows: eventClusters },
      { entity: ClusterEventOrganization, parentProperty: 'eventKey', parentKeys: keysOf(clusterEvents), rows: eventOrganizations },
      { entity: ClusterEventFederalDistrict, parentProperty: 'eventKey', parentKeys: keysOf(clusterEvents), rows: eventDistricts },
    ],
  };
}
