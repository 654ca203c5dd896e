import { invariant } from '../shared/errors';
import type { NodeType } from '../shared/global-id';
import type { DeclaredListing, NodeEntity } from '../shared/listing';
import type { RelationResolvers } from '../shared/resolvers';
import { type Fields, type ModelClass, type RecordOfModel, modelOfType } from '../shared/model';
import { ClusterEvent } from './cluster-event/cluster-event.entity';
import { CLUSTER_EVENT_LISTING } from './cluster-event/cluster-event.types';
import { Cluster } from './cluster/cluster.entity';
import { CLUSTER_LISTING } from './cluster/cluster.types';
import { Figure, SUBJECT_TYPES } from './figure/figure.entity';
import { FIGURE_LISTING } from './figure/figure.types';
import { Forum } from './forum/forum.entity';
import { Organization } from './organization/organization.entity';
import { ORGANIZATION_LISTING } from './organization/organization.types';
import { FORUM_LISTING, SESSION_LISTING, SPEAKER_LISTING } from './programme/programme.listings';
import { Publication } from './publication/publication.entity';
import { PUBLICATION_LISTING, QUOTE_LISTING } from './publication/publication.types';
import { Quote } from './publication/quote.entity';
import { FederalDistrict, Region } from './region/region.entity';
import { FEDERAL_DISTRICT_LISTING, REGION_LISTING } from './region/region.types';
import { Session } from './session/session.entity';
import { Speaker } from './speaker/speaker.entity';
import { ClusterEventResolver } from './cluster-event/cluster-event.resolver';
import { ClusterResolver } from './cluster/cluster.resolver';
import { FigureResolvers } from './figure/figure.resolver';
import { ForumResolver } from './forum/forum.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { PublicationResolvers, QuoteResolvers } from './publication/publication.resolver';
import { FederalDistrictResolver, RegionResolver } from './region/region.resolver';
import { SessionResolver } from './session/session.resolver';
import { SpeakerResolver } from './speaker/speaker.resolver';

/*
 * The one list of the content's entity types. Every per-type registry is derived from it: the
 * node types (NODE_TYPES, NodeKind), the resolver classes (schema.ts), the graph's edges and the
 * order walks prefer them in (graph.edges.ts), the TypeORM entities (entities.ts), the types
 * search indexes and their SearchableType, the write kinds and the order records are written in,
 * the shape of a set of records (ContentSet) and the seed files, the exported lists, and the types
 * that answer `publications` or `figures`. Adding an entity type is its domain folder and a line
 * here. Each node type's model is found by `modelOfType` (shared/model.ts).
 */

export interface CatalogEntry {
  /** Its model (shared/model.ts). */
  model: ModelClass<Fields>;
  /** Its listing: what lists sort, filter, search and export by. */
  listing: DeclaredListing<object>;
  /** Its resolver classes (its top-level list, its relations, its own fields': buildSchema, schema.ts) and the graph edges they read. */
  relations: RelationResolvers;
}

/**
 * Every entity type, in the order graph walks prefer their edges (where several reach a node at
 * the same depth, the earliest is the one reported): structure first, provenance (quotes,
 * mentions, figures) last. The order rows are written in is derived from their references
 * (WRITE_ORDER, write-records.ts).
 */
export const CATALOG = [
  { model: Session, listing: SESSION_LISTING, relations: SessionResolver },
  { model: Speaker, listing: SPEAKER_LISTING, relations: SpeakerResolver },
  { model: Organization, listing: ORGANIZATION_LISTING, relations: OrganizationResolver },
  { model: Forum, listing: FORUM_LISTING, relations: ForumResolver },
  { model: Cluster, listing: CLUSTER_LISTING, relations: ClusterResolver },
  { model: ClusterEvent, listing: CLUSTER_EVENT_LISTING, relations: ClusterEventResolver },
  { model: Region, listing: REGION_LISTING, relations: RegionResolver },
  { model: FederalDistrict, listing: FEDERAL_DISTRICT_LISTING, relations: FederalDistrictResolver },
  { model: Quote, listing: QUOTE_LISTING, relations: QuoteResolvers },
  { model: Publication, listing: PUBLICATION_LISTING, relations: PublicationResolvers },
  { model: Figure, listing: FIGURE_LISTING, relations: FigureResolvers },
] as const satisfies readonly CatalogEntry[];

for (const entry of CATALOG as readonly CatalogEntry[]) invariant(entry.listing.entity === entry.model, `the catalog lists ${entry.model.nodeType} with the listing of ${entry.listing.nodeType}`);

type Catalogued = (typeof CATALOG)[number]['model'];

/**
 * Every node type a model declares is in the catalog: a model left out of it is a compile error
 * here, naming its type.
 */
const everyTypeCatalogued: [Exclude<NodeType, Catalogued['nodeType']>] extends [never] ? true : { notInTheCatalog: Exclude<NodeType, Catalogued['nodeType']> } = true;
void everyTypeCatalogued;

/** The node types, in the catalog's order. */
export const NODE_TYPES: readonly NodeType[] = CATALOG.map((entry) => entry.model.nodeType);
invariant(new Set(NODE_TYPES).size === NODE_TYPES.length, 'the catalog lists a node type twice');

/** The name of a type's records in a ContentSet: `ClusterEvent` → `clusterEvents`. */
export type SetName<T extends string> = `${Uncapitalize<T>}s`;
export const setNameOf = <T extends NodeType>(type: T) => `${type[0].toLowerCase()}${type.slice(1)}s` as SetName<T>;

/** Records of every type, as the seed files, an import or one mutation give them. */
export type ContentSet = { [M in Catalogued as SetName<M['nodeType']>]: RecordOfModel<M>[] };

/** A set with no record of any type. */
export function emptySet(): ContentSet {
  return Object.fromEntries(CATALOG.map((entry) => [setNameOf(entry.model.nodeType), []])) as unknown as ContentSet;
}

/** The entity class of an entry. */
export const entityOf = (entry: CatalogEntry): NodeEntity => entry.model as unknown as NodeEntity;

/** The types search indexes: those whose listing declares search fields. */
export const SEARCHED = CATALOG.map((entry) => entry.listing as DeclaredListing<object>).filter((listing) => (listing.searchFields?.length ?? 0) > 0);

/** The types whose records answer `publications`. */
export const CITED: readonly NodeEntity[] = (CATALOG as readonly CatalogEntry[]).filter((entry) => entry.model.model.spec.cited !== false).map(entityOf);

/** The types a figure may be about (its model's subject kinds). */
export const FIGURE_SUBJECTS: readonly NodeEntity[] = Object.values(SUBJECT_TYPES).map((type) => modelOfType(type) as unknown as NodeEntity);
