import yaml from 'js-yaml';
import type { Database } from '../../db/data-source';
import { analyzeTables } from '../../db/dialect';
import type { NodeType } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import { UserError } from './write-inputs';
import { WRITE_KINDS, type WriteKind, byKind, tablesOfKinds, writeKindOf } from './write-kinds';
import { type RecordDocument, referencesOf } from './write-rows';
import { type RecordWrite, inWriteOrder, writeRecords } from './write-records';
import { type RevisionChange, type WriteScope, addRevisions, diff, serialized, writeWithEvents } from './write-core';
import { type DraftState, existingKeys, firstVersionsOf, saveDraftStates, statesOf } from './record-state';
import { toGlobalId } from '../../shared/global-id';
import { checkRecord, cycleErrors, firstPerField, hasParent, storedParent, userErrorCodeOf } from './write-validate';

/*
 * Import: records of the seed format, of one kind or several, upserted by key as drafts in one
 * transaction, all or nothing, validated as the seed loader validates a file (every message
 * names the file, the record and the field). The real data set is the first import.
 */

/** An import writing at least this many records is a bulk load: the tables it wrote are analyzed after it commits. */
export const ANALYZE_AFTER_RECORDS = 100;

/**
 * Fresh planner statistics of what an import of `types` wrote into `database` (the drafts', or
 * the published stage's after --publish): the records' tables, their state, revisions, outbox
 * rows and search documents. Behind every write of either stage (`queue`, the published
 * database: on SQLite a statement on a connection with a write's transaction open would join it).
 */
export function analyzeImported(database: Database, queue: Database, types: Iterable<NodeType>): Promise<void> {
  const tables = [...tablesOfKinds([...new Set(types)].map(writeKindOf)), 'record_state', 'revision', 'change_outbox', 'search_document', 'search_index'];
  return serialized(queue, () => analyzeTables(database.dataSource, database.dialect, tables));
}

/** How many records an import reads the states of and writes at a time (its progress is reported after each). */
const IMPORT_SLICE = 1_000;

/** The kinds a document may hold, by the names of the seed files' kinds (`forums`, `clusterEvents`, ...). */
const KIND_NAMES = new Map(WRITE_KINDS.map((kind) => [kind.set as string, kind]));

/** One source of records: a file's name (or `input.data`) and its text. */
export interface ImportSource {
  name: string;
  format: 'YAML' | 'JSON';
  text: string;
}

export interface ImportCount {
  type: NodeType;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  dryRun: boolean;
  counts: ImportCount[];
  userErrors: UserError[];
  /** The records written, at their new versions (for --publish). */
  written: { id: string; expectedVersion: number }[];
}

interface Parsed {
  kind: WriteKind;
  record: RecordDocument;
  label: string;
  path: string[];
}

/** A failure the payload reports: nothing was written. */
class ImportRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super('import refused');
  }
}

function recordLabel(raw: unknown, index: number): string {
  const key = raw && typeof raw === 'object' && 'key' in raw ? (raw as { key: unknown }).key : undefined;
  return typeof key === 'string' ? `"${key}" (#${index + 1})` : `#${index + 1}`;
}

/**
 * Parses and validates `sources`: a document is a list of records of the kind its name says
 * (`forums.yaml`), or a mapping from kind names to lists. User errors at `path` otherwise.
 */
export function parseImport(sources: readonly ImportSource[], path: readonly string[]): Parsed[] {
  const errors: UserError[] = [];
  const out: Parsed[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    let data: unknown;
    try {
      data = source.format === 'JSON' ? JSON.parse(source.text) : yaml.load(source.text, { schema: yaml.CORE_SCHEMA, filename: source.name });
    } catch (error) {
      errors.push(UserError.of(path, 'INVALID', `${source.name}: not valid ${source.format}: ${(error as Error).message}`));
      continue;
    }
    const base = source.name.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json)$/i, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const lists: [string, unknown][] = Array.isArray(data) ? [[base, data]] : data && typeof data === 'object' ? Object.entries(data) : [];
    if (lists.length === 0 && data != null) errors.push(UserError.of(path, 'INVALID', `${source.name}: expected a list of records, or a mapping from kinds (${[...KIND_NAMES.keys()].join(', ')}) to lists`));
    for (const [name, list] of lists) {
      const kind = KIND_NAMES.get(name);
      const at = [...path, name];
      if (!kind) {
        errors.push(UserError.of(at, 'INVALID', `${source.name}: expected records of ${[...KIND_NAMES.keys()].join(', ')}; received "${name}"`));
        continue;
      }
      if (!Array.isArray(list)) {
        errors.push(UserError.of(at, 'INVALID', `${source.name}: ${name}: expected a list of records`));
        continue;
      }
      list.forEach((raw, index) => {
        const label = recordLabel(raw, index);
        const parsed = checkRecord(kind, raw);
        if (!parsed.success) {
          for (const issue of firstPerField(parsed.error.issues).slice(0, 5)) {
            const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.');
            const detail = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
            const code = issue.code === 'unrecognized_keys' ? 'INVALID' : userErrorCodeOf(issue);
            errors.push(UserError.of([...at, String(index), ...(field ? field.split('.') : [])], code, `${source.name}: ${name} record ${label}${field ? `, field "${field}"` : ''}: ${detail}`));
          }
          return;
        }
        const record = parsed.data as RecordDocument;
        const id = `${kind.type}:${record.key}`;
        if (seen.has(id)) {
          errors.push(UserError.of([...at, String(index), 'key'], 'DUPLICATE_KEY', `${source.name}: ${name} record ${label}, field "key": the key "${record.key}" is given twice`));
          return;
        }
        seen.add(id);
        out.push({ kind, record, label, path: [...at, String(index)] });
      });
    }
  }
  if (errors.length > 0) throw new ImportRefused(errors);
  return out;
}

/**
 * Upserts `sources`' records as drafts, all or none; with `dryRun`, counts what would be created,
 * updated or left unchanged and writes nothing. `written` is what to publish (the CLI's --publish).
 */
export async function importRecords(
  scope: WriteScope,
  sources: readonly ImportSource[],
  options: { dryRun: boolean; path?: readonly string[]; onProgress?: (done: number, total: number) => void },
): Promise<ImportResult> {
  const path = options.path ?? ['input', 'data'];
  let records: Parsed[];
  try {
    records = inWriteOrder(parseImport(sources, path), (r) => ({ kind: r.kind, document: r.record }));
  } catch (error) {
    if (error instanceof ImportRefused) return { dryRun: options.dryRun, counts: [], userErrors: error.userErrors, written: [] };
    throw error;
  }
  const { draft } = scope;
  const counts = new Map<NodeType, ImportCount>(WRITE_KINDS.map((k) => [k.type, { type: k.type, created: 0, updated: 0, unchanged: 0 }]));
  const written: { id: string; expectedVersion: number }[] = [];
  const dialect = draft.dialect;
  const DRY = new ImportRefused([]);
  try {
    await serialized(scope.published, () =>
      writeWithEvents(scope, Stage.DRAFT, async (tx) => {
        const { manager } = tx;
        const inImport = new Set(records.map((r) => `${r.kind.type}:${r.record.key}`));
        const errors: UserError[] = [];
        // The references outside the import, read a type at a time.
        const outside = records.flatMap(({ kind, record, label, path: at }) => referencesOf(kind, record).filter((ref) => !inImport.has(`${ref.type}:${ref.key}`)).map((ref) => ({ kind, label, at, ref })));
        const stored = new Map<NodeType, Set<string>>();
        for (const type of new Set(outside.map(({ ref }) => ref.type))) stored.set(type, await existingKeys(manager, dialect, type, outside.filter(({ ref }) => ref.type === type).map(({ ref }) => ref.key)));
        for (const { kind, label, at, ref } of outside) {
          if (stored.get(ref.type)!.has(ref.key)) continue;
          errors.push(UserError.of([...at, ...ref.path.map(String)], 'NOT_FOUND', `${kind.set} record ${label}, field "${ref.path.join('.')}": no ${ref.type} has the key "${ref.key}" (${toGlobalId(ref.type, ref.key)})`));
        }
        const parents = new Map(records.filter((r) => hasParent(r.kind)).map((r) => [`${r.kind.type}:${r.record.key}`, r.record.parent as string | undefined]));
        for (const { kind, record, label, path: at } of records) {
          if (!hasParent(kind)) continue;
          const parentOf = (key: string) => (parents.has(`${kind.type}:${key}`) ? parents.get(`${kind.type}:${key}`) : storedParent(manager, dialect, kind, key));
          for (const error of await cycleErrors(kind, record, parentOf, [...at, 'parent'])) errors.push(UserError.of(error.path, error.code, `${kind.set} record ${label}, field "parent": ${error.message}`));
        }
        if (errors.length > 0) throw new ImportRefused(errors.slice(0, 50));
        const now = new Date().toISOString();
        // A slice at a time: its states read, then its records written, each table at once (writeRecords).
        for (let start = 0; start < records.length; start += IMPORT_SLICE) {
          const slice = records.slice(start, start + IMPORT_SLICE);
          const writes: RecordWrite[] = [];
          const states: DraftState[] = [];
          const revisions: RevisionChange[] = [];
          for (const [kind, ofKind] of byKind(slice)) {
            const keys = ofKind.map((r) => r.record.key);
            const stored = await statesOf(manager, dialect, kind.type, keys);
            const first = await firstVersionsOf(manager, dialect, kind.type, keys.filter((key) => !stored.has(key)));
            for (const { record } of ofKind) {
              const state = stored.get(record.key) ?? null;
              const count = counts.get(kind.type)!;
              const before = state?.document ?? null;
              if (before && JSON.stringify(before) === JSON.stringify(record)) {
                count.unchanged += 1;
                continue;
              }
              const version = state ? state.version + 1 : first.get(record.key)!;
              if (state) count.updated += 1;
              else count.created += 1;
              written.push({ id: toGlobalId(kind.type, record.key), expectedVersion: version });
              writes.push({ kind, document: record, previous: before, action: 'IMPORT', version });
              states.push({ type: kind.type, key: record.key, version, document: record, created: !state });
              revisions.push({ type: kind.type, key: record.key, action: 'IMPORT', version, changes: diff(before, record) });
            }
          }
          if (!options.dryRun) {
            await writeRecords(tx, writes);
            await saveDraftStates(manager, dialect, states);
            await addRevisions(manager, dialect, scope, revisions, now);
          }
          options.onProgress?.(start + slice.length, records.length);
        }
        if (options.dryRun) throw DRY;
      }),
    );
  } catch (error) {
    if (error === DRY) return { dryRun: true, counts: [...counts.values()].filter((c) => c.created + c.updated + c.unchanged > 0), userErrors: [], written };
    if (error instanceof ImportRefused) return { dryRun: options.dryRun, counts: [], userErrors: error.userErrors, written: [] };
    throw error;
  }
  const imported = [...counts.values()].filter((c) => c.created + c.updated + c.unchanged > 0);
  if (written.length >= ANALYZE_AFTER_RECORDS) await analyzeImported(draft, scope.published, imported.map((c) => c.type));
  return { dryRun: false, counts: imported, userErrors: [], written };
}
