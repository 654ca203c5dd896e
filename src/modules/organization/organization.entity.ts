import { type EnumValue, defineEnum } from '../../shared/enums';
import { type ModelTarget, defineModel, field } from '../../shared/model';
import { Region } from '../region/region.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Organization: true } }

export const OrganizationKind = defineEnum('OrganizationKind', ['MINISTRY', 'DEPARTMENT', 'INSTITUTE', 'COLLEGE', 'ENTERPRISE', 'OTHER'], {
  values: {
    DEPARTMENT: 'A department, centre or other unit of a larger organisation.',
    COLLEGE: 'A college, technical school or other vocational (СПО) institution.',
  },
});
export type OrganizationKind = EnumValue<typeof OrganizationKind>;

/** An organisation: its fields, references and what lists, search and exports do with them (shared/model.ts). */
export const Organization = defineModel({
  type: 'Organization',
  table: 'organization',
  fields: {
    name: field.text({ required: true, length: 500, fold: true, filter: true, sort: true, export: true, search: { head: true } }),
    shortName: field.text({ length: 200, fold: true, filter: true, export: true, search: { head: true } }),
    kind: field.enum(OrganizationKind, 'OrganizationKind', { required: true, filter: true, sort: true, export: true }),
    parent: field.ref((): ModelTarget => Organization, {
      description: 'The organisation this one is a unit of (a department of a ministry).',
      edge: { reverse: 'Organization.units' },
      filter: 'The organisation this one is a unit of.',
    }),
    region: field.ref(() => Region, { edge: { reverse: 'Region.organizations' }, filter: true }),
  },
});
export type Organization = InstanceType<typeof Organization>;
