import type { z } from 'zod';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import type { NodeType } from '../../shared/global-id';
import type { Model, OwnedList } from '../../shared/model';
import { CATALOG, type CatalogEntry, type ContentSet, setNameOf } from '../catalog';
import { SUBJECT_TYPES, type SubjectKind } from '../figure/figure.entity';

/*
 * What the write side knows of each entity type, derived from its model: its record is a record
 * of the seed format, so a mutation, an import and the seed files are validated by the same
 * schema and become rows by the same mapping (the model's toRows). The GraphQL inputs
 * (CreateXInput, XPatch) are derived from the schema's fields (write-inputs.ts).
 */

export interface WriteKind {
  type: NodeType;
  entity: EntityClass;
  model: Model;
  /** Where its records go in a ContentSet. */
  set: keyof ContentSet;
  /** Its record, as imports and mutations write it; every kind but Publication names its sources. */
  schema: z.AnyZodObject;
  /** The record's fields that hold keys of other records, and their type (`region` → Region). */
  refs: Readonly<Record<string, NodeType>>;
  /** Lists of link records (a session's participants), with their own reference fields. */
  nested: Readonly<Record<string, Readonly<Record<string, NodeType>>>>;
  /** The entity whose rows hold each list of link records (what their texts must fit). */
  links: Readonly<Record<string, EntityClass>>;
  /** The lists its records own: written and removed with them. */
  owned: readonly OwnedList[];
}

/** The subject kinds of a figure by node type. */
export const SUBJECT_KIND_OF = Object.fromEntries(Object.entries(SUBJECT_TYPES).map(([kind, type]) => [type, kind])) as Readonly<Partial<Record<NodeType, SubjectKind>>>;

/** The write kind of a catalogued type: its record schema, references and owned lists are its model's. */
function writeKind({ model: entity }: CatalogEntry): WriteKind {
  const { model } = entity;
  return {
    type: entity.nodeType,
    entity,
    model,
    set: setNameOf(entity.nodeType) as keyof ContentSet,
    schema: model.writeSchema(),
    refs: model.refs(),
    nested: model.nested(),
    links: Object.fromEntries(model.owned.filter((owned) => owned.records).map((owned) => [owned.field, owned.entity])),
    owned: model.owned,
  };
}

/** Every written type, in the catalog's order (write-records.ts orders them for writing: WRITE_ORDER, each after what it refers to). */
export const WRITE_KINDS: readonly WriteKind[] = (CATALOG as readonly CatalogEntry[]).map(writeKind);

const BY_TYPE = new Map(WRITE_KINDS.map((kind) => [kind.type, kind]));

/** The write kind of `type`. */
export function writeKindOf(type: NodeType): WriteKind {
  return BY_TYPE.get(type)!;
}

/** The tables the records of `kinds` are written to: each kind's own, its owned lists', and the publications' mentions (every record's sources). */
export function tablesOfKinds(kinds: Iterable<WriteKind>): string[] {
  const tables = new Set<string>();
  for (const kind of kinds) {
    tables.add(tableOf(kind.entity));
    for (const owned of kind.owned) tables.add(owned.table);
  }
  return [...tables, 'publication_mention'];
}

/** `records` by kind, in the order each kind first appears, each kind's in their order. */
export function byKind<T extends { kind: WriteKind }>(records: readonly T[]): Map<WriteKind, T[]> {
  const out = new Map<WriteKind, T[]>();
  for (const record of records) (out.get(record.kind) ?? out.set(record.kind, []).get(record.kind)!).push(record);
  return out;
}
