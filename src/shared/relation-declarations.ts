import type { ClassType } from 'type-graphql';
import type { EntityClass } from './entity-table';
import type { NodeType } from './global-id';
import { type DeclaredListing, listingOf } from './listing';
import type { ListSource } from './list-query';
import { type FieldSpec, modelOf, nullableField } from './model';
import type { ThroughList, Via as Reverse } from './model-fields';
import { type ThroughLink, linkRecordsOf, throughLinkOf } from './model-records';

/*
 * The declarations of a type's relations (shared/resolvers.ts makes their fields, loaders and
 * what the compiler inlines): the builder a resolver module declares them with, and the
 * relations its model declares by its references, link tables and link records.
 */

export interface FieldOptions {
  description?: string;
  nullable?: boolean;
}

/**
 * A relation the graph walks (`neighbors`, `path`) cross, walked OUT from the parent: declared on
 * the field named after it, with the field of the other side that walks it IN (`null` where the
 * schema has none). A plain list of link records (a cluster's members) names, in `to`, the
 * link's relation that reaches the walked node, and whether one pair can repeat (`distinct`).
 */
export interface EdgeOptions {
  edge?: { reverse: string | null; to?: readonly [entity: EntityClass, key: string]; distinct?: boolean };
}

/** Where an edge of the graph is held: a column of the source's table, a link table, or (type, key) columns. */
export type EdgeHolder =
  | { kind: 'column'; table: string; column: string }
  | { kind: 'link'; table: string; sourceKey: string; targetKey: string; distinct: boolean }
  | { kind: 'polymorphic'; table: string; sourceKey: string; typeColumn: string; key: string };

/** A relation of the graph, derived from the declaration of the field that reads it OUT. */
export interface EdgeDeclaration {
  /** `Type.field` of the field that reads it OUT, e.g. `Session.forum`. */
  name: string;
  /** The field that walks it IN, e.g. `Forum.sessions` (`X.` where any node type answers it); null where there is none. */
  reverse: string | null;
  source: NodeType;
  /** The target type, or null for a polymorphic relation. */
  target: NodeType | null;
  holder: EdgeHolder;
}

/** Where a relation's rows come from: FROM (the rows aliased `t`) and the parent's key column. */
export interface RelationSource {
  from: string;
  parent: string;
  where?: ListSource['where'];
}

/** A relation's rows by structure: the related table's own column, or a link table. */
export type Via =
  | { kind: 'back'; column: string; order?: string; where?: ListSource['where'] }
  | { kind: 'through'; link: string; parentKey: string; targetKey: string; distinct: boolean; order?: string };

export type Source = RelationSource | Via;
export type PlainSource = (RelationSource & { order: string }) | Via;

/** One declared relation of a parent. */
export type RelationDeclaration =
  | { kind: 'one'; entity: EntityClass; foreignKey: string; options: FieldOptions & EdgeOptions }
  | { kind: 'list'; entity: EntityClass; source: PlainSource; options: FieldOptions & EdgeOptions }
  | { kind: 'connection'; listing: DeclaredListing<object>; source: Source; filters: boolean; options: FieldOptions & EdgeOptions };

/** The relation declarations of a parent of type P (a to-one relation names a key property of P). */
export const relation = {
  one: <P>(entity: EntityClass, foreignKey: keyof P & string, options: FieldOptions & EdgeOptions = {}): RelationDeclaration => ({ kind: 'one', entity, foreignKey, options }),
  list: (entity: EntityClass, source: PlainSource, options: FieldOptions & EdgeOptions = {}): RelationDeclaration => ({ kind: 'list', entity, source, options }),
  /** A nested connection of `listing`; `filters` gives it the listing's `where` and `orderBy`. */
  connection: (listing: DeclaredListing<object>, source: Source, options: FieldOptions & EdgeOptions & { filters?: boolean } = {}): RelationDeclaration => {
    const { filters = false, ...rest } = options;
    return { kind: 'connection', listing, source, filters, options: rest };
  },
  /** The records whose link records (`via.list` of `via.model`) name the parent by `via.to`, each once: the reverse of a `records` field's list. */
  via: (via: Reverse, options: Omit<ThroughList, 'to' | 'filter'> = {}): RelationDeclaration => throughRelation(throughLinkOf({ via })(), options),
  /** The related table's rows whose `column` holds the parent's key. */
  back: (column: string, options: { order?: string; where?: ListSource['where'] } = {}): Via => ({ kind: 'back', column, ...options }),
  /** The related table's rows reached through table `link`, whose `parentKey` holds the parent's key and `targetKey` theirs. */
  through: (link: string, parentKey: string, targetKey: string, options: { order?: string; distinct?: boolean } = {}): Via => ({
    kind: 'through',
    link,
    parentKey,
    targetKey,
    distinct: options.distinct ?? false,
    order: options.order,
  }),
};

export type RelationBuilder<P> = Omit<typeof relation, 'one'> & {
  one: (entity: EntityClass, foreignKey: keyof P & string, options?: FieldOptions & EdgeOptions) => RelationDeclaration;
};

/** The FROM and parent key of `source`, whose related rows are of `table`. */
export function sourceOf(source: Source, table: string): RelationSource & { order?: string } {
  if (!('kind' in source)) return source;
  if (source.kind === 'back') return { from: `${table} t`, parent: `t.${source.column}`, where: source.where, order: source.order };
  const { link, parentKey, targetKey, distinct } = source;
  const rows = distinct ? `(SELECT DISTINCT ${parentKey}, ${targetKey} FROM ${link})` : link;
  return { from: `${rows} x JOIN ${table} t ON t.id = x.${targetKey}`, parent: `x.${parentKey}`, order: source.order };
}

/** The relation of a reference field `name` of a model or of its link records. */
function referenceRelation(name: string, spec: FieldSpec & { kind: 'ref' }): RelationDeclaration {
  const options = { ...(spec.description ? { description: spec.description } : {}), ...(spec.edge ? { edge: spec.edge } : {}) };
  return relation.one<Record<string, unknown>>(spec.target(), `${name}Key`, { nullable: nullableField(spec), ...options });
}

/**
 * The relations `parent`'s model declares by its references: a reference `region` reads the
 * record whose key is `regionKey`; a list of keys reads its link table in the record's order, a
 * list of link records their table in theirs.
 */
export function modelRelations(parent: ClassType): Record<string, RelationDeclaration> {
  const model = modelOf(parent);
  if (!model) return {};
  return Object.fromEntries(
    (Object.entries(model.spec.fields) as [string, FieldSpec][]).flatMap(([name, spec]): [string, RelationDeclaration][] => {
      const described = spec.description ? { description: spec.description } : {};
      if (spec.kind === 'ref') return [[name, referenceRelation(name, spec)]];
      if (spec.kind === 'keys') {
        const options = { ...described, ...(spec.edge ? { edge: spec.edge } : {}) };
        return [[name, relation.list(spec.target(), relation.through(spec.link.table, spec.link.parent, spec.link.target, { order: 'x.ordinal' }), options)]];
      }
      if (spec.kind === 'records') {
        const lists = Object.entries(spec.lists ?? {}).map(([list, declared]): [string, RelationDeclaration] => [list, throughRelation(throughLinkOf({ records: spec, list: declared })(), declared)]);
        const entity = model.owned.find((owned) => owned.field === name)!.entity;
        const to = spec.edge && spec.fields[spec.edge.to];
        if (spec.edge && to?.kind !== 'ref') throw new Error(`${parent.name}.${name}: its edge goes to a reference of its link records; ${spec.edge.to} is not one`);
        const edge = spec.edge && to?.kind === 'ref' ? { edge: { reverse: spec.edge.reverse, to: [to.target(), `${spec.edge.to}Key`] as const, distinct: spec.edge.distinct } } : {};
        const order = spec.key ? 't.ordinal, t.id' : 't.ordinal';
        return [[name, relation.list(entity, relation.back(spec.parent.column, { order }), { ...described, ...edge })], ...lists];
      }
      return [];
    }),
  );
}

/** A connection of the records reached through a link table, each once. */
function throughRelation(link: ThroughLink, list: Omit<ThroughList, 'to' | 'filter'>): RelationDeclaration {
  const options = { ...(list.description ? { description: list.description } : {}), ...(list.edge ? { edge: list.edge } : {}), filters: list.filters ?? false };
  return relation.connection(listingOf(link.target()), relation.through(link.table, link.from, link.to, { distinct: true }), options);
}

/** The relations of a link record: its parent, and each of its references. */
export function linkRelations(entity: ClassType): Record<string, RelationDeclaration> {
  const link = linkRecordsOf(entity);
  if (!link) return {};
  const { parent, spec } = link;
  return {
    [spec.parent.field]: relation.one<Record<string, unknown>>(parent(), `${spec.parent.field}Key`),
    ...Object.fromEntries(Object.entries(spec.fields).flatMap(([name, nested]) => (nested.kind === 'ref' ? [[name, referenceRelation(name, nested)]] : []))),
  };
}
