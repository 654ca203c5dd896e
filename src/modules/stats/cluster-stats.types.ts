import { Int } from 'type-graphql';
import { CLUSTER_LISTING } from '../cluster/cluster.types';
import { FederalDistrict, Region } from '../region/region.entity';
import { defineStats, key, measure } from './stats.define';

const REGION = key.related('region', Region, 'name_fold');

export const CLUSTER_STATS = defineStats('Cluster', {
  noun: ['cluster', 'clusters'],
  listing: CLUSTER_LISTING,
  keys: {
    INDUSTRY: key.column('industry', () => String, {
      fold: true,
      description: 'The industry as written (the first spelling by code point, where spellings differ in case).',
      groupBy: 'The industry, compared as filters compare text (case-insensitive, «ё» as «е»).',
    }),
    REGION,
    FEDERAL_DISTRICT: key.related('federalDistrict', FederalDistrict, 'name_fold', {
      expr: 'j_region.federal_district_id',
      joins: REGION.sql.joins,
      groupBy: "The federal district of the cluster's region.",
    }),
    LAUNCH_YEAR: key.column('launchYear', () => Int),
  },
  measures: measure.range('launchYear'),
});
