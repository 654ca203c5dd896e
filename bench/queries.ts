import { createHash } from 'node:crypto';
import { toGlobalId } from '../src/shared/global-id';
import { syntheticKey } from './synthetic';

/** One query of the benchmark mix: a fixed body, the same at every scale. */
export interface BenchQuery {
  name: string;
  /** What it stands for, in a few words (for the table). */
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Sent as a trusted document (`{"documentId": "sha256:…"}`), registered before the run, instead of its text. */
  trusted?: boolean;
}

/** The server's own floor: no resolver, no SQL. */
export const TYPENAME: BenchQuery = { name: 'typename', title: '`{ __typename }` (the floor)', query: '{ __typename }' };

/** The forum every run opens: the first synthetic forum, there at every scale. */
export const BENCH_FORUM_ID = toGlobalId('Forum', syntheticKey('forum', 0));

/** The forum page: a node, its sessions, their participants, speakers, organisations, quotes. */
const FORUM_PAGE: BenchQuery = {
  name: 'forum-page',
  title: 'forum page: 20 sessions → participants → speaker → organisation, quotes',
  query: `query ForumPage($id: ID!) {
  node(id: $id) {
    id
    ... on Forum {
      title edition startDate { iso precision } city venue
      region { name federalDistrict { name } }
      organizers { name }
      sessions(first: 20) {
        totalCount
        nodes {
          id title kind
          participants { role talkTitle position speaker { id fullName organization { name } } organization { name } }
          quotes { text }
        }
      }
    }
  }
}`,
  variables: { id: BENCH_FORUM_ID },
};

/** The forum page as a frontend ships it: a trusted document, registered before the run and sent by its ID alone. */
export const TRUSTED_FORUM_PAGE: BenchQuery = { ...FORUM_PAGE, name: 'forum-page-trusted', title: 'forum page as a trusted document (`documentId` only)', trusted: true };

/** The mix of issue 5: what frontend pages and analysts ask, at the sizes they ask for. */
export const BENCH_QUERIES: readonly BenchQuery[] = [
  FORUM_PAGE,
  {
    name: 'calendar',
    title: 'event calendar: 50 events in a date range by date, 5 clusters each with regions',
    query: `query Calendar {
  clusterEvents(first: 50, where: { startDate: { gte: "2024-03-01", lt: "2024-07-01" } }, orderBy: [{ startDate: ASC }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id title kind startDate { iso } endDate { iso } city
      clusters(first: 5) { totalCount nodes { id name region { name } } }
    }
  }
}`,
  },
  {
    name: 'cluster-map',
    title: 'cluster map: 100 clusters of a district with region, industry, members',
    query: `query ClusterMap {
  clusters(first: 100, where: { region: { federalDistrict: { name: { equals: "Центральный" } } } }) {
    totalCount
    nodes {
      id name industry launchYear
      region { name isoCode }
      members { role organization { id name kind } }
    }
  }
}`,
  },
  {
    name: 'search',
    title: 'search "кадры": first 20 hits with highlights',
    query: `query Search {
  search(query: "кадры", first: 20) {
    totalCount
    edges { cursor node { score highlight node { __typename id } } }
  }
}`,
  },
  {
    name: 'aggregate',
    title: 'aggregate: events by federal district and month',
    query: `query EventsByDistrictAndMonth {
  clusterEventStats(groupBy: [FEDERAL_DISTRICT, MONTH]) {
    key { federalDistrict { name } month }
    count
    minStartDate { iso }
    maxStartDate { iso }
  }
}`,
  },
  {
    name: 'nested-list',
    title: 'big nested list: 50 forums × 10 sessions, titles and kinds',
    query: `query ForumsAndSessions {
  forums(first: 50) {
    nodes { id title sessions(first: 10) { nodes { id title kind } } }
  }
}`,
  },
];

/** The SHA-256 (hex) of a query's text: its key in a persisted-documents manifest. */
export const documentHash = (query: BenchQuery): string => createHash('sha256').update(query.query).digest('hex');

/** The JSON body a client POSTs for `query`: its text, or its document ID when it is trusted. */
export function requestBody(query: BenchQuery): string {
  const variables = query.variables ?? {};
  return JSON.stringify(query.trusted ? { documentId: `sha256:${documentHash(query)}`, variables } : { query: query.query, variables });
}
