import type { BenchQuery } from './queries';
import { syntheticKey } from './synthetic';

/**
 * The mix in PostGraphile v5's names (amber preset, the connection filter plugin, index
 * behaviours off: see peer-postgraphile.ts), each asking for the same rows as the query of our
 * mix of the same name: same order, same page sizes, the same fields where PostGraphile has them.
 * Many-to-many goes through the link table's connection (amber has no many-to-many fields);
 * a date is its text column (ours is an object `{ iso precision }`); ids are each server's global IDs.
 *
 * Left out, for PostGraphile has no equivalent without further plugins: `search` (our ranked,
 * highlighted full-text search), `aggregate` (grouping: @graphile/pg-aggregates, not part of
 * amber) and `forum-page-trusted` (trusted documents: not in grafserv's defaults).
 */
export const PEER_QUERIES: Readonly<Record<string, BenchQuery>> = {
  typename: { name: 'typename', title: '`{ __typename }` (the floor)', query: '{ __typename }' },
  'forum-page': {
    name: 'forum-page',
    title: 'forum page: 20 sessions → participants → speaker → organisation, quotes',
    query: `query ForumPage($rowId: String!) {
  forumByRowId(rowId: $rowId) {
    id title edition startDate city venue
    regionByRegionId { name federalDistrictByFederalDistrictId { name } }
    forumOrganizersByForumId(orderBy: [ORDINAL_ASC]) { nodes { organizationByOrganizationId { name } } }
    sessionsByForumId(first: 20, orderBy: [DATE_FROM_ASC, TITLE_FOLD_ASC, ROW_ID_ASC]) {
      totalCount
      nodes {
        id title kind
        participationsBySessionId(orderBy: [ORDINAL_ASC]) {
          nodes {
            role talkTitle position
            speakerBySpeakerId { id fullName organizationByOrganizationId { name } }
            organizationByOrganizationId { name }
          }
        }
        quotesBySessionId(orderBy: [ORDINAL_ASC, ROW_ID_ASC]) { nodes { text } }
      }
    }
  }
}`,
    variables: { rowId: syntheticKey('forum', 0) },
  },
  calendar: {
    name: 'calendar',
    title: 'event calendar: 50 events in a date range by date, 5 clusters each with regions',
    query: `query Calendar {
  allClusterEvents(first: 50, filter: { startDateFrom: { greaterThanOrEqualTo: "2024-03-01", lessThan: "2024-07-01" } }, orderBy: [START_DATE_FROM_ASC, ROW_ID_ASC]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id title kind startDate endDate city
      clusterEventClustersByEventId(first: 5, orderBy: [ORDINAL_ASC]) {
        totalCount
        nodes { clusterByClusterId { id name regionByRegionId { name } } }
      }
    }
  }
}`,
  },
  'cluster-map': {
    name: 'cluster-map',
    title: 'cluster map: 100 clusters of a district with region, industry, members',
    query: `query ClusterMap {
  allClusters(first: 100, filter: { regionByRegionId: { federalDistrictByFederalDistrictId: { name: { equalTo: "Центральный" } } } }, orderBy: [NAME_FOLD_ASC, ROW_ID_ASC]) {
    totalCount
    nodes {
      id name industry launchYear
      regionByRegionId { name isoCode }
      clusterMembersByClusterId(orderBy: [ORDINAL_ASC]) { nodes { role organizationByOrganizationId { id name kind } } }
    }
  }
}`,
  },
  'nested-list': {
    name: 'nested-list',
    title: 'big nested list: 50 forums × 10 sessions, titles and kinds',
    query: `query ForumsAndSessions {
  allForums(first: 50, orderBy: [START_DATE_FROM_ASC, TITLE_FOLD_ASC, ROW_ID_ASC]) {
    nodes { id title sessionsByForumId(first: 10, orderBy: [DATE_FROM_ASC, TITLE_FOLD_ASC, ROW_ID_ASC]) { nodes { id title kind } } }
  }
}`,
  },
};

/** Keys whose values differ by server for the same row: global IDs, cursors, our dates' precision. */
const SERVER_SPECIFIC = new Set(['id', 'endCursor', 'cursor', 'precision']);

/**
 * The leaf values of an answer (`data` only), sorted: two servers returning the same rows give
 * the same list, whatever their field names, nesting or order within a row's lists.
 */
export function answerValues(text: string): string[] {
  const values: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (SERVER_SPECIFIC.has(key)) return;
    if (Array.isArray(value)) value.forEach((item) => walk(item, key));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (value !== null) values.push(String(value));
  };
  walk((JSON.parse(text) as { data?: unknown }).data, 'data');
  return values.sort();
}
