import { ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { z } from 'zod';
import type { EntityClass } from './entity-table';
import { declareField, rowOf } from './model-columns';
import type { AnyRecordsField, FieldSpec, KeysField, ModelTarget, RefField, ThroughList, Via } from './model-fields';
import { columnOfField, keyProperty } from './model-fields';
import { date, distinct, enumOf, int, key as keyRule, keys as keysRule, number, sources as sourcesRule, text as textRule } from './record-fields';

/*
 * What a model's fields are as records (the rule that validates each) and the entities of the
 * lists a record owns: a link table of keys (a forum's organizers) or link records with fields of
 * their own (a session's participants), each a TypeORM entity and, for link records, a GraphQL
 * object type whose references are relation fields (shared/resolvers.ts, linkRelations).
 */

/** The rule that validates a field's value in a record. */
export function recordRule(spec: FieldSpec): z.ZodTypeAny {
  const optional = (rule: z.ZodTypeAny) => (spec.required ? rule : rule.optional());
  switch (spec.kind) {
    case 'text':
      return optional(spec.format ? textRule.pipe(spec.format) : textRule);
    case 'int':
      return optional(int(spec.min, spec.max));
    case 'float':
      return optional(number(false, spec.min, spec.max));
    case 'enum':
      return optional(enumOf(spec.values));
    case 'date':
      return optional(date);
    case 'ref':
      return optional(spec.target().keyFormat ?? keyRule);
    case 'keys':
      return keysRule().default([]);
    case 'record':
      return optional(spec.rule);
    case 'records': {
      const element = z
        .object({
          ...Object.fromEntries(Object.entries(spec.fields).map(([name, nested]) => [name, recordRule(nested)])),
          ...(spec.sourced ? { sources: sourcesRule } : {}),
        })
        .strict();
      const { distinct: unique } = spec;
      const identity = (record: Record<string, unknown>) => (unique!.by.length === 1 ? record[unique!.by[0]] : unique!.by.map((name) => record[name]));
      return (unique ? z.array(element).superRefine(distinct(identity, unique.at)) : z.array(element)).default([]);
    }
  }
}

/** A link table's entity: the parent's key, the target's key and the order in the record's list. */
export function linkEntity(parent: () => EntityClass, spec: KeysField): EntityClass {
  const { link } = spec;
  const Link = class {};
  Object.defineProperty(Link, 'name', { value: link.entity });
  for (const [column, target] of [[link.parent, parent], [link.target, spec.target]] as const) {
    const property = keyProperty(column);
    PrimaryColumn('varchar', { name: column, length: 100 })(Link.prototype, property);
    ManyToOne(target)(Link.prototype, property.replace(/Key$/, ''));
    JoinColumn({ name: column })(Link.prototype, property.replace(/Key$/, ''));
  }
  Column('integer', { name: 'ordinal' })(Link.prototype, 'ordinal');
  Entity(link.table)(Link);
  return Link;
}

/** What a link record's entity knows of its list: the parent's entity and the list's declaration. */
export interface LinkRecordsOf {
  parent: () => EntityClass;
  spec: AnyRecordsField;
}

/**
 * The entity of a list of link records: its key (or the parent's key and its `primary`
 * reference), the parent's key and relation, a column and a GraphQL field for each of its fields,
 * and its order in the list.
 */
export function linkRecordsEntity(parent: () => EntityClass, spec: AnyRecordsField): EntityClass & { readonly linkRecords: LinkRecordsOf } {
  const Link = class {};
  Object.defineProperty(Link, 'name', { value: spec.entity });
  const proto = Link.prototype as object;
  const { column, field } = spec.parent;
  if (spec.key) PrimaryColumn('varchar', { name: 'id', length: spec.key.length })(proto, 'key');
  (spec.key ? Column('varchar', { name: column, length: 100 }) : PrimaryColumn('varchar', { name: column, length: 100 }))(proto, `${field}Key`);
  ManyToOne(parent)(proto, field);
  JoinColumn({ name: column })(proto, field);
  for (const [name, nested] of Object.entries(spec.fields)) declareField(proto, name, nested, name === spec.primary);
  Column('integer', { name: 'ordinal' })(proto, 'ordinal');
  ObjectType(spec.entity, { description: spec.entityDescription })(Link);
  Entity(spec.table)(Link);
  return Object.assign(Link, { linkRecords: { parent, spec } });
}

/** The link-record list a link record's entity holds, where it is one. */
export function linkRecordsOf(entity: object): LinkRecordsOf | undefined {
  return (entity as { linkRecords?: LinkRecordsOf }).linkRecords;
}

/** The rows of the link records `list` of the record `parentKey`, in their order. */
export function linkRecordRows(parentKey: string, spec: AnyRecordsField, list: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return list.map((record, ordinal) => {
    const row: Record<string, unknown> = spec.key ? { key: spec.key.of(parentKey, record as never, ordinal) } : {};
    row[`${spec.parent.field}Key`] = parentKey;
    for (const [name, nested] of Object.entries(spec.fields)) rowOf(name, nested, record[name], row);
    row.ordinal = ordinal;
    return row;
  });
}

/**
 * A list through a link table: the table, the column of the key it starts from, the column of
 * the keys it reaches and their model. Found lazily: a `via` field names its link records' model.
 */
export interface ThroughLink {
  table: string;
  from: string;
  to: string;
  target: () => ModelTarget;
}

/** The link a list goes through: a list of keys, a list of a `records` field's `lists`, or the reverse of one (`via`). */
export function throughLinkOf(spec: KeysField | { records: AnyRecordsField; list: ThroughList } | { via: Via }): () => ThroughLink {
  if ('records' in spec) {
    const { records, list } = spec;
    return () => ({ table: records.table, from: records.parent.column, to: columnOfField(list.to, records.fields[list.to]), target: referenceOf(records, list.to).target });
  }
  if ('via' in spec) {
    const { via } = spec;
    return () => {
      const owner = via.model();
      const records = (owner as unknown as { model: { spec: { fields: Record<string, FieldSpec> } } }).model.spec.fields[via.list];
      if (records?.kind !== 'records') throw new Error(`${owner.nodeType}.${via.list} is not a list of link records`);
      return { table: records.table, from: columnOfField(via.to, referenceOf(records, via.to)), to: records.parent.column, target: () => owner };
    };
  }
  return () => ({ table: spec.link.table, from: spec.link.parent, to: spec.link.target, target: spec.target });
}

function referenceOf(records: AnyRecordsField, name: string): RefField {
  const reference = records.fields[name];
  if (reference?.kind !== 'ref') throw new Error(`${records.entity}.${name} is not a reference`);
  return reference;
}
