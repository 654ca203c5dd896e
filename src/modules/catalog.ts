import type { EntityClass } from '../shared/entity-table';
import { invariant } from '../shared/errors';
import { NODE_TYPES, type NodeType } from '../shared/global-id';
import type { DeclaredListing, NodeEntity } from '../shared/listing';
import { modelOf } from '../shared/model';
import { CLUSTER_EVENT_LISTING } from './cluster-event/cluster-event.types';
import { ClusterMember } from './cluster/cluster.entity';
import { CLUSTER_LISTING } from './cluster/cluster.types';
import type { ContentSet } from './content/content.set';
import { SUBJECT_TYPES } from './figure/figure.entity';
import { FIGURE_LISTING } from './figure/figure.types';
import { ORGANIZATION_LISTING } from './organization/organization.types';
import { FORUM_LISTING, SESSION_LISTING, SPEAKER_LISTING } from './programme/programme.listings';
import { PUBLICATION_LISTING, QUOTE_LISTING } from './publication/publication.types';
import { FEDERAL_DISTRICT_LISTING, REGION_LISTING } from './region/region.types';
import { Participation } from './session/session.entity';
import { Affiliation } from './speaker/speaker.entity';

/*
 * The one list of the content's entity types. Every per-type registry is derived from it: the
 * entity of each node type (NODE_ENTITIES), the TypeORM entities (entities.ts), the types search
 * indexes and their SearchableType, the write kinds and the order records are written in, the
 * exported lists, and the types that answer `publications` or `figures`. Adding an
 * entity type is a line here (and its resolver class in schema.ts).
 */

export interface CatalogEntry {
  /** Its listing: the entity, its node type, what lists sort, filter, search and export by. */
  listing: DeclaredListing<object>;
  /** Where its records go in a seed-format ContentSet. */
  set: keyof ContentSet;
  /** The entities of its link records that its model does not declare (a session's participants). */
  links?: readonly EntityClass[];
  /** Its records answer `publications`: what they come from and who mentions them (absent: true). */
  cited?: boolean;
}

/** Every entity type; the order rows are written in is derived from their references (WRITE_ORDER, write-records.ts). */
export const CATALOG: readonly CatalogEntry[] = [
  { listing: FEDERAL_DISTRICT_LISTING, set: 'federalDistricts' },
  { listing: REGION_LISTING, set: 'regions' },
  { listing: PUBLICATION_LISTING, set: 'publications', cited: false },
  { listing: ORGANIZATION_LISTING, set: 'organizations' },
  { listing: SPEAKER_LISTING, set: 'speakers', links: [Affiliation] },
  { listing: FORUM_LISTING, set: 'forums' },
  { listing: SESSION_LISTING, set: 'sessions', links: [Participation] },
  { listing: QUOTE_LISTING, set: 'quotes', cited: false },
  { listing: CLUSTER_LISTING, set: 'clusters', links: [ClusterMember] },
  { listing: CLUSTER_EVENT_LISTING, set: 'clusterEvents' },
  { listing: FIGURE_LISTING, set: 'figures' },
];

/** The entity class of an entry. */
export const entityOf = (entry: CatalogEntry): NodeEntity => entry.listing.entity as NodeEntity;

/** The entity class behind each node type of a global ID. */
export const NODE_ENTITIES: Readonly<Record<NodeType, EntityClass>> = nodeEntities();

function nodeEntities(): Record<NodeType, EntityClass> {
  const byType = new Map(CATALOG.map((entry) => [entry.listing.nodeType, entityOf(entry)]));
  invariant(byType.size === CATALOG.length, 'the catalog lists a node type twice');
  const entries = NODE_TYPES.map((type): [NodeType, EntityClass] => {
    const entity = byType.get(type);
    invariant(entity, `the node type ${type} has no entry in the catalog`);
    return [type, entity];
  });
  return Object.fromEntries(entries) as Record<NodeType, EntityClass>;
}

/** Each entry's entity and the entities of its link records (its model's link tables first). */
export function entitiesOf(entry: CatalogEntry): EntityClass[] {
  return [entityOf(entry), ...(modelOf(entityOf(entry))?.linkEntities ?? []), ...(entry.links ?? [])];
}

/** The types search indexes: those whose listing declares search fields. */
export const SEARCHED = CATALOG.map((entry) => entry.listing).filter((listing) => (listing.searchFields?.length ?? 0) > 0);

/** The types whose records answer `publications`. */
export const CITED: readonly NodeEntity[] = CATALOG.filter((entry) => entry.cited !== false).map(entityOf);

/** The types a figure may be about (its model's subject kinds). */
export const FIGURE_SUBJECTS: readonly NodeEntity[] = Object.values(SUBJECT_TYPES).map((type) => NODE_ENTITIES[type] as NodeEntity);
