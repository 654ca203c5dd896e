import { defineModel, field } from '../../shared/model';
import { regionKey } from '../../shared/record-fields';

/** Its node types, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { FederalDistrict: true; Region: true } }

/**
 * A federal district: reference data (shared/model.ts). Its seed record leaves its source to the
 * loader (the data set); imports and mutations name it.
 */
export const FederalDistrict = defineModel({
  type: 'FederalDistrict',
  table: 'federal_district',
  description: 'One of the eight federal districts of Russia.',
  sourced: 'written',
  fields: {
    name: field.text({ required: true, length: 200, fold: true, description: 'E.g. "Дальневосточный".', filter: true, sort: true, export: true }),
  },
});
export type FederalDistrict = InstanceType<typeof FederalDistrict>;

/**
 * A region: reference data (the seed's regions/region.csv names its district by name,
 * seeds/read.ts). Its keys are ISO 3166-2 codes ("RU-BU"), not slugs: what a reference to a
 * region must look like.
 */
export const Region = defineModel({
  type: 'Region',
  table: 'region',
  description: 'A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0).',
  sourced: 'written',
  keyFormat: regionKey,
  fields: {
    name: field.text({ required: true, length: 200, fold: true, description: 'E.g. "Бурятия".', filter: true, sort: true, export: true, search: { head: true } }),
    fullName: field.text({ required: 'record', length: 300, description: 'E.g. "Респ Бурятия".', export: true, search: { head: true } }),
    kind: field.text({ required: 'record', length: 50, description: 'The kind of subject as the reference data abbreviates it: "Респ", "обл", "край", ...', export: true }),
    isoCode: field.text({ required: 'record', length: 20, fold: true, description: 'ISO 3166-2 code where the reference data has one, e.g. "RU-BU".', filter: true, sort: true, export: true }),
    timezone: field.text({ length: 20, description: 'UTC offset, e.g. "UTC+8".', export: true }),
    federalDistrict: field.ref(() => FederalDistrict, { edge: { reverse: 'FederalDistrict.regions' }, filter: true }),
  },
});
export type Region = InstanceType<typeof Region>;
