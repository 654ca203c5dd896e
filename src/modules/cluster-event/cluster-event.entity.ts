import { type EnumValue, defineEnum } from '../../shared/enums';
import { type ModelTarget, defineModel, field, linkEntityOf } from '../../shared/model';
import { Cluster } from '../cluster/cluster.entity';
import { Organization } from '../organization/organization.entity';
import { FederalDistrict } from '../region/region.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { ClusterEvent: true } }

export const ClusterEventKind = defineEnum('ClusterEventKind', ['OPEN_DAY', 'AGREEMENT_SIGNING', 'DEMO_EXAM', 'CHAMPIONSHIP', 'MEETING', 'OTHER'], {
  values: {
    DEMO_EXAM: 'The demonstration exam, or sessions on organising it.',
    MEETING: 'A working meeting of the programme.',
  },
});
export type ClusterEventKind = EnumValue<typeof ClusterEventKind>;

/**
 * The counts an event may report: hundreds of clusters and some eighty regions in the data. The
 * bound keeps clusterEventStats' sumReportedClusterCount (an Int) in range over 20,000 events.
 */
export const REPORTED_COUNT_MAX = { clusters: 100_000, regions: 1_000 } as const;

/** The link table of a list of keys of an event: the event's key, the target's, the order. */
const eventLink = (entity: string, table: string, target: string) => ({ entity, table, parent: 'event_id', target });

/** An event: its fields, references and what lists, search and exports do with them (shared/model.ts). */
export const ClusterEvent = defineModel({
  type: 'ClusterEvent',
  table: 'cluster_event',
  description: 'An event of the programme and its clusters: an open day, a championship, a signing.',
  fields: {
    title: field.text({ required: true, length: 1000, fold: true, filter: true, sort: true, export: true, search: { head: true } }),
    kind: field.enum(ClusterEventKind, 'ClusterEventKind', { required: true, filter: true, sort: true, export: true }),
    startDate: field.date({ filter: true, sort: true, export: true }),
    endDate: field.date({ export: true }),
    city: field.text({ length: 200, export: true, search: { order: 2 } }),
    venue: field.text({ length: 500, fold: true, filter: true, export: true, search: { order: 1 } }),
    description: field.text({ description: 'What the source says of the event beyond its title.', export: true, search: { order: 3 } }),
    reportedClusterCount: field.int({
      min: 0,
      max: REPORTED_COUNT_MAX.clusters,
      description: 'The number of clusters the source reports (370 for the nationwide open day), even where fewer are linked.',
      export: true,
    }),
    reportedRegionCount: field.int({ min: 0, max: REPORTED_COUNT_MAX.regions, description: 'The number of regions the source reports (79 for the open day of 20 April 2024).', export: true }),
    parent: field.ref((): ModelTarget => ClusterEvent, {
      description: 'The event this one is a part of: one nationwide action fans out into per-cluster or per-district parts.',
      edge: { reverse: 'ClusterEvent.children' },
    }),
    // Read as a connection (cluster-event.resolver.ts), which replaces the model's plain list.
    clusters: field.keys(() => Cluster, { link: eventLink('ClusterEventCluster', 'cluster_event_cluster', 'cluster_id'), filter: true }),
    organizations: field.keys(() => Organization, {
      link: eventLink('ClusterEventOrganization', 'cluster_event_organization', 'organization_id'),
      edge: { reverse: 'Organization.clusterEvents' },
    }),
    federalDistricts: field.keys(() => FederalDistrict, {
      link: eventLink('ClusterEventFederalDistrict', 'cluster_event_federal_district', 'federal_district_id'),
      edge: { reverse: 'FederalDistrict.clusterEvents' },
      filter: true,
    }),
  },
});
export type ClusterEvent = InstanceType<typeof ClusterEvent>;

/** The link tables of ClusterEvent.clusters, .organizations and .federalDistricts. */
export const ClusterEventCluster = linkEntityOf(ClusterEvent.model, 'clusters');
export const ClusterEventOrganization = linkEntityOf(ClusterEvent.model, 'organizations');
export const ClusterEventFederalDistrict = linkEntityOf(ClusterEvent.model, 'federalDistricts');
