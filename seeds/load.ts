import type { DataSource } from 'typeorm';
import { dialectOf } from '../src/db/dialect';
import { followWrites, rebuildAfterWritesIn } from '../src/derived-data';
import { ancestorLoop } from '../src/modules/content/content.schema';
import { writeKindOf } from '../src/modules/writes/write-kinds';
import { inWriteOrder, writeRecords } from '../src/modules/writes/write-records';
import { documentsOf } from '../src/modules/writes/write-state';
import { Stage } from '../src/shared/stage';
import { SEED_FILES, SeedError, type SeedSet, readSeedSet } from './read';

/** How many records of each kind a load wrote. */
export type SeedSummary = Record<string, number>;

/**
 * Loads the real data set from `dir` into the database in one transaction: all or nothing.
 * Records are upserted by key, and each seeded record's links are replaced, so loading the same
 * files twice changes nothing. Every file is read and every reference checked before anything is
 * written; a bad file throws SeedError and the database stays as it was.
 *
 * The records are written as the import and the mutations write them (writeRecords: the
 * documents the drafts keep of them, documentsOf), as version 1 of the published stage; their
 * search documents follow their events in the transaction, and the summaries and top lists are
 * rebuilt in it too, since what loads the data set reads it at once.
 */
export async function loadSeeds(dataSource: DataSource, dir: string): Promise<SeedSummary> {
  const set = readSeedSet(dir);
  await checkReferences(set);
  const records = [...documentsOf(set)].flatMap(([type, documents]) =>
    documents.map((document) => ({ kind: writeKindOf(type), document, previous: null, action: 'IMPORT' as const, version: 1 })),
  );
  const events = followWrites();
  await dataSource.transaction(async (manager) => {
    await events.within(manager, dialectOf(dataSource), Stage.PUBLISHED, (tx) => writeRecords(tx, inWriteOrder(records, (r) => r)));
    await rebuildAfterWritesIn(manager);
  });
  return Object.fromEntries(Object.entries(set).map(([kind, list]) => [kind, list.length]));
}

// ---------------------------------------------------------------- references

async function checkReferences(set: SeedSet): Promise<void> {
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
  await checkAcyclic(SEED_FILES.organizations, set.organizations);
  await checkAcyclic(SEED_FILES.sessions, set.sessions);
  await checkAcyclic(SEED_FILES.clusterEvents, set.clusterEvents);
}

/** No record its own ancestor: the rule every write path checks (content.schema.ts). */
async function checkAcyclic(file: string, records: { key: string; parent?: string }[]): Promise<void> {
  const parentOf = new Map(records.map((r) => [r.key, r.parent]));
  for (const [index, record] of records.entries()) {
    const loop = await ancestorLoop(record.key, record.parent, (key) => parentOf.get(key));
    if (loop) throw new SeedError(file, `"${record.key}" (#${index + 1})`, 'parent', `the parent chain loops back on itself: ${[record.key, ...loop].join(' → ')}`);
  }
}
