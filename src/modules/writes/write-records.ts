import type { WriteAction, WriteTx } from './write-events';
import { invariant } from '../../shared/errors';
import { WRITE_KINDS, type WriteKind, writeKindOf } from './write-kinds';
import { type RecordDocument, writeRowsOf } from './write-rows';

/*
 * The one path by which records are written: the seed loader, the import and the mutations hand
 * a set of records to writeRecords, which writes their rows and emits their events (what follows
 * the rows, the search documents first, subscribes to those).
 */

/** A record to write, and what its event says. */
export interface RecordWrite {
  kind: WriteKind;
  document: RecordDocument;
  /** The document the stage holds the rows of (only the tables whose rows differ are rewritten); null where it holds none, or they are not known. */
  previous: RecordDocument | null;
  action: WriteAction;
  /** The record's version after the write. */
  version: number;
}

/**
 * Writes the rows of `records` into the stage `tx` works on, in their order (see inWriteOrder),
 * and emits each one's event. Each run of consecutive records of one kind is written at once
 * (writeRowsOf: a few statements per table, however many records), so a mutation's one record
 * and a load's thousands take the same path.
 */
export async function writeRecords(tx: WriteTx, records: readonly RecordWrite[]): Promise<void> {
  for (const run of runsOfKind(records)) {
    await writeRowsOf(tx.manager, tx.dialect, run[0].kind, run);
    for (const { kind, document, previous, action, version } of run) tx.emit({ type: kind.type, key: document.key, action, version, before: previous, after: document });
  }
}

/** `records` cut into runs of consecutive records of one kind, each key once in a run (an upsert may not touch a row twice). */
export function runsOfKind(records: readonly RecordWrite[]): RecordWrite[][] {
  const runs: RecordWrite[][] = [];
  let keys = new Set<string>();
  for (const record of records) {
    const last = runs.at(-1);
    if (last && last[0].kind === record.kind && !keys.has(record.document.key)) last.push(record);
    else {
      runs.push([record]);
      keys = new Set();
    }
    keys.add(record.document.key);
  }
  return runs;
}

/**
 * The kinds in an order their rows can be written in: each after the kinds its records refer to
 * (a region names its district and, as its sources, publications), otherwise as WRITE_KINDS
 * declares them.
 */
export const WRITE_ORDER: readonly WriteKind[] = (() => {
  const out: WriteKind[] = [];
  const visit = (kind: WriteKind, path: readonly WriteKind[]) => {
    if (out.includes(kind)) return;
    invariant(!path.includes(kind), `the write kinds refer to each other in a loop: ${[...path, kind].map((k) => k.type).join(' → ')}`);
    const named = [...Object.values(kind.refs), ...Object.values(kind.nested).flatMap((refs) => Object.values(refs))];
    for (const type of new Set(named)) if (type !== kind.type) visit(writeKindOf(type), [...path, kind]);
    out.push(kind);
  };
  for (const kind of WRITE_KINDS) visit(kind, []);
  return out;
})();

/** `items` in the order their rows can be written in: kinds in WRITE_ORDER, and within a kind parents before children. */
export function inWriteOrder<T>(items: readonly T[], recordOf: (item: T) => { kind: WriteKind; document: RecordDocument }): T[] {
  return WRITE_ORDER.flatMap((kind) => {
    const ofKind = items.filter((item) => recordOf(item).kind === kind);
    const byKey = new Map(ofKind.map((item) => [recordOf(item).document.key, item]));
    const keyed = ofKind.map((item) => ({ key: recordOf(item).document.key, parent: recordOf(item).document.parent as string | undefined }));
    return parentsFirst(keyed).map((record) => byKey.get(record.key)!);
  });
}

/** Parents before children, so foreign keys hold on every insert. */
export function parentsFirst<T extends { key: string; parent?: string }>(records: T[]): T[] {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (record: T) => {
    if (done.has(record.key)) return;
    done.add(record.key);
    // A parent outside the set (a partial write) is in the database already.
    const parent = record.parent === undefined ? undefined : byKey.get(record.parent);
    if (parent) visit(parent);
    out.push(record);
  };
  records.forEach(visit);
  return out;
}
