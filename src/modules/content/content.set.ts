import type {
  ClusterEventSeed,
  ClusterSeed,
  FederalDistrictSeed,
  FigureSeed,
  ForumSeed,
  OrganizationSeed,
  PublicationSeed,
  QuoteSeed,
  SessionSeed,
  SpeakerSeed,
} from './content.schema';

/** A region row of the reference data (regions/region.csv, DaData.ru, CC BY-SA 4.0). */
export interface RegionSeed {
  key: string;
  name: string;
  fullName: string;
  kind: string;
  isoCode: string;
  timezone: string | null;
  federalDistrictName: string | null;
}

/** Records of every kind in the seed format: the real data set, an import, or one mutation's record. */
export interface ContentSet {
  federalDistricts: FederalDistrictSeed[];
  regions: RegionSeed[];
  publications: PublicationSeed[];
  organizations: OrganizationSeed[];
  speakers: SpeakerSeed[];
  forums: ForumSeed[];
  sessions: SessionSeed[];
  quotes: QuoteSeed[];
  clusters: ClusterSeed[];
  clusterEvents: ClusterEventSeed[];
  figures: FigureSeed[];
}

/** A set with no record of any kind. */
export function emptySet(): ContentSet {
  return { federalDistricts: [], regions: [], publications: [], organizations: [], speakers: [], forums: [], sessions: [], quotes: [], clusters: [], clusterEvents: [], figures: [] };
}
