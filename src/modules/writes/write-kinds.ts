import type { z } from 'zod';
import type { EntityClass } from '../../shared/entity-table';
import type { Fields, ModelClass } from '../../shared/model';
import type { NodeType } from '../../shared/global-id';
import { ClusterEvent } from '../cluster-event/cluster-event.entity';
import { Cluster, ClusterMember } from '../cluster/cluster.entity';
import {
  clusterSchema,
  sessionSchema,
  speakerSchema,
} from '../content/content.schema';
import type { ContentSet } from '../content/content.set';
import { Figure, SUBJECT_TYPES, type SubjectKind } from '../figure/figure.entity';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Publication } from '../publication/publication.entity';
import { Quote } from '../publication/quote.entity';
import { FederalDistrict, Region } from '../region/region.entity';
import { Participation, Session } from '../session/session.entity';
import { Affiliation, Speaker } from '../speaker/speaker.entity';

/*
 * What the write side knows of each entity type, declared once: its record is a record of the
 * seed format (content.schema.ts), so a mutation, an import and the seed files are validated by
 * the same schema and become rows by the same mapping (content.rows.ts). The GraphQL inputs
 * (CreateXInput, XPatch) are derived from the schema's fields (write-inputs.ts).
 */

/** A record's link rows that it owns: written with it, removed with it. */
interface Owned {
  table: string;
  column: string;
}

export interface WriteKind {
  type: NodeType;
  entity: EntityClass;
  /** Where its records go in a ContentSet. */
  set: keyof ContentSet;
  /** Its record, as the seed files and imports write it; every kind but Publication names its sources. */
  schema: z.AnyZodObject;
  /** The record's fields that hold keys of other records, and their type (`region` → Region). */
  refs: Readonly<Record<string, NodeType>>;
  /** Lists of link records (a session's participants), with their own reference fields. */
  nested: Readonly<Record<string, Readonly<Record<string, NodeType>>>>;
  /** The entity whose rows hold each list of link records (what their texts must fit). */
  links?: Readonly<Record<string, EntityClass>>;
  owned: readonly Owned[];
}

/** The subject kinds of a figure by node type. */
export const SUBJECT_KIND_OF = Object.fromEntries(Object.entries(SUBJECT_TYPES).map(([kind, type]) => [type, kind])) as Readonly<Partial<Record<NodeType, SubjectKind>>>;

/** The write kind of a modelled entity: its record schema, references and link tables are its model's. */
function modelKind(entity: ModelClass<Fields>, set: keyof ContentSet): WriteKind {
  const { model } = entity;
  return { type: entity.nodeType, entity, set, schema: model.writeSchema(), refs: model.refs(), nested: {}, owned: model.owned };
}

/** Every written type (write-records.ts orders them for writing: WRITE_ORDER, each after what it refers to). */
export const WRITE_KINDS: readonly WriteKind[] = [
  modelKind(FederalDistrict, 'federalDistricts'),
  modelKind(Region, 'regions'),
  modelKind(Publication, 'publications'),
  modelKind(Organization, 'organizations'),
  {
    type: 'Speaker',
    entity: Speaker,
    set: 'speakers',
    schema: speakerSchema,
    refs: { sources: 'Publication' },
    nested: { affiliations: { organization: 'Organization', sources: 'Publication' } },
    links: { affiliations: Affiliation },
    owned: [{ table: 'affiliation', column: 'speaker_id' }],
  },
  modelKind(Forum, 'forums'),
  {
    type: 'Session',
    entity: Session,
    set: 'sessions',
    schema: sessionSchema,
    refs: { forum: 'Forum', parent: 'Session', sources: 'Publication' },
    nested: { participants: { speaker: 'Speaker', organization: 'Organization' } },
    links: { participants: Participation },
    owned: [{ table: 'participation', column: 'session_id' }],
  },
  modelKind(Quote, 'quotes'),
  {
    type: 'Cluster',
    entity: Cluster,
    set: 'clusters',
    schema: clusterSchema,
    refs: { region: 'Region', sources: 'Publication' },
    nested: { members: { organization: 'Organization' } },
    links: { members: ClusterMember },
    owned: [{ table: 'cluster_member', column: 'cluster_id' }],
  },
  modelKind(ClusterEvent, 'clusterEvents'),
  modelKind(Figure, 'figures'),
];

const BY_TYPE = new Map(WRITE_KINDS.map((kind) => [kind.type, kind]));

/** The write kind of `type`. */
export function writeKindOf(type: NodeType): WriteKind {
  return BY_TYPE.get(type)!;
}
