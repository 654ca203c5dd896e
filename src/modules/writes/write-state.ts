import type { EntityManager } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { tableOf } from '../../shared/entity-table';
import type { NodeType } from '../../shared/global-id';
import type { ContentSet } from '../catalog';
import { WRITE_KINDS } from './write-kinds';
import type { RecordDocument } from './write-rows';
import { initialStates, stageOrigin } from './record-state';
import { inDraft } from './stage';

/**
 * The editable documents of the records of `set`, by type: the seed records, with the sources the
 * seed files leave to the loader: a quote's is its publication, reference data's its data set.
 */
export function documentsOf(set: ContentSet): Map<NodeType, RecordDocument[]> {
  const dataset = set.publications.find((p) => p.kind === 'DATASET')?.key;
  const sources = dataset ? [dataset] : [];
  const out = new Map<NodeType, RecordDocument[]>();
  for (const kind of WRITE_KINDS) {
    const records = set[kind.set] as unknown as RecordDocument[];
    out.set(
      kind.type,
      records.map((record): RecordDocument => {
        if (kind.type === 'Quote') return { ...record, sources: typeof record.publication === 'string' ? [record.publication] : [] };
        if (kind.model.spec.sourced === 'written') return { ...record, sources };
        return record;
      }),
    );
  }
  return out;
}

/**
 * The first state of records that entered both stages at once (the real data set, loaded as
 * published): version 1, published, live since the published stage's origin (now, the first
 * time), their documents in the drafts (`documents`, where known), and an IMPORT revision by
 * `actor`. Runs on the published connection, which sees the drafts as `draft.`.
 */
export async function recordInitialState(manager: EntityManager, dialect: Dialect, documents: ReadonlyMap<NodeType, readonly RecordDocument[]>, actor: string): Promise<void> {
  const now = new Date().toISOString();
  const origin = await stageOrigin(manager, dialect, now);
  const run = (sql: string, params: unknown[] = []) => manager.query(dialect.placeholders(sql), params);
  for (const kind of WRITE_KINDS) {
    await initialStates(manager, dialect, kind.type, documents.get(kind.type) ?? [], origin);
    await run(`INSERT INTO ${inDraft('revision')} (node_type, node_id, action, version, actor, at, changes) SELECT ?, id, 'IMPORT', 1, ?, ?, '{}' FROM ${inDraft(tableOf(kind.entity))}`, [kind.type, actor, now]);
  }
}
