import type { DataSource } from 'typeorm';
import { analyzeTables, dialectOf } from '../src/db/dialect';
import { DERIVED_TABLES, followWrites, rebuildAfterWritesIn } from '../src/derived-data';
import { ancestorLoop } from '../src/modules/content/content.schema';
import { WRITE_KINDS, tablesOfKinds, writeKindOf } from '../src/modules/writes/write-kinds';
import { type RecordDocument, referencesOf } from '../src/modules/writes/write-rows';
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
 * rebuilt in it too, since what loads the data set reads it at once. Once committed, the tables
 * written are analyzed: the first queries are planned on statistics of the rows loaded.
 */
export async function loadSeeds(dataSource: DataSource, dir: string): Promise<SeedSummary> {
  const set = readSeedSet(dir);
  await checkReferences(set);
  const records = [...documentsOf(set)].flatMap(([type, documents]) =>
    documents.map((document) => ({ kind: writeKindOf(type), document, previous: null, action: 'IMPORT' as const, version: 1 })),
  );
  // The initial load is where the change feed starts, not a change in it: no outbox rows.
  const events = followWrites(undefined, { outbox: false });
  await dataSource.transaction(async (manager) => {
    await events.within(manager, dialectOf(dataSource), Stage.PUBLISHED, (tx) => writeRecords(tx, inWriteOrder(records, (r) => r)));
    await rebuildAfterWritesIn(manager);
  });
  await analyzeTables(dataSource, dialectOf(dataSource), [...tablesOfKinds(WRITE_KINDS), ...DERIVED_TABLES.map((derived) => derived.table)]);
  return Object.fromEntries(Object.entries(set).map(([kind, list]) => [kind, list.length]));
}

// ---------------------------------------------------------------- references

/**
 * Every key a record names is a record of the set: the references its write kind declares
 * (referencesOf, as the import and the mutations find them), checked file by file in order, and
 * no record its own ancestor.
 */
async function checkReferences(set: SeedSet): Promise<void> {
  const keys = new Map(WRITE_KINDS.map((kind) => [kind.type, new Set((set[kind.set] as { key: string }[]).map((r) => r.key))]));
  for (const [name, file] of Object.entries(SEED_FILES) as [keyof typeof SEED_FILES, string][]) {
    const kind = WRITE_KINDS.find((k) => k.set === name)!;
    const records = set[name] as RecordDocument[];
    records.forEach((record, index) => {
      for (const { type, key, path } of referencesOf(kind, record)) {
        if (!keys.get(type)!.has(key)) {
          throw new SeedError(file, `"${record.key}" (#${index + 1})`, path.join('.'), `no ${type[0].toLowerCase()}${type.slice(1)} has the key "${key}"`);
        }
      }
    });
    if (Object.values(kind.refs).includes(kind.type)) await checkAcyclic(file, records as { key: string; parent?: string }[]);
  }
}

/** No record its own ancestor: the rule every write path checks (content.schema.ts). */
async function checkAcyclic(file: string, records: { key: string; parent?: string }[]): Promise<void> {
  const parentOf = new Map(records.map((r) => [r.key, r.parent]));
  for (const [index, record] of records.entries()) {
    const loop = await ancestorLoop(record.key, record.parent, (key) => parentOf.get(key));
    if (loop) throw new SeedError(file, `"${record.key}" (#${index + 1})`, 'parent', `the parent chain loops back on itself: ${[record.key, ...loop].join(' → ')}`);
  }
}
