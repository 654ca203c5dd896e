import { type EnumValue, defineEnum } from '../../shared/enums';
import { defineModel, field, linkEntityOf } from '../../shared/model';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Cluster: true } }

export const ClusterMemberRole = defineEnum('ClusterMemberRole', ['BASE_COLLEGE', 'COLLEGE', 'ANCHOR_ENTERPRISE', 'ENTERPRISE', 'OTHER']);
export type ClusterMemberRole = EnumValue<typeof ClusterMemberRole>;

/** A cluster: its fields, region, members and what lists, search and exports do with them (shared/model.ts). */
export const Cluster = defineModel({
  type: 'Cluster',
  table: 'cluster',
  description: 'A regional cluster of the programme: colleges joined with employer enterprises.',
  fields: {
    name: field.text({ required: true, length: 500, fold: true, filter: true, sort: true, export: true, search: { head: true } }),
    industry: field.text({ length: 300, fold: true, description: 'The industry (отрасль), e.g. "Металлургия".', filter: true, sort: true, export: true, search: { order: 1 } }),
    region: field.ref(() => Region, { edge: { reverse: 'Region.clusters' }, filter: true }),
    launchYear: field.int({ min: 1990, max: 2100, filter: true, sort: true, export: true }),
    members: field.records(
      {
        organization: field.ref(() => Organization, { required: true }),
        role: field.enum(ClusterMemberRole, 'ClusterMemberRole', { required: true }),
      },
      {
        entity: 'ClusterMember',
        entityDescription: 'An organisation in a cluster, with its role in it.',
        table: 'cluster_member',
        parent: { column: 'cluster_id', field: 'cluster' },
        description: 'Colleges and enterprises in the cluster, with their role in it.',
        primary: 'organization',
        distinct: { by: ['organization'], at: 'organization' },
        edge: { reverse: 'Organization.clusters', to: 'organization' },
      },
    ),
  },
});
export type Cluster = InstanceType<typeof Cluster>;

/** An organisation in a cluster: the link records of Cluster.members. */
export const ClusterMember = linkEntityOf(Cluster.model, 'members');
