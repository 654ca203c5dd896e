import { Kind, parse } from 'graphql';

/**
 * The example operations the Playground opens with, one tab each (the first is also the initial
 * editor content). They are written against the schema the server exposes and are checked against
 * the real data set by test/playground.browser.test.ts; the README can quote them too.
 *
 * Each query starts with a comment line saying what it shows. Comments must not start a line with
 * "query"/"mutation"/"subscription": GraphiQL takes the tab title from the first such word outside
 * a comment line.
 */
export interface PlaygroundExample {
  /** The operation name; also the tab title. */
  name: string;
  query: string;
  /** Variables for the operation, shown as JSON in the variables editor. */
  variables?: Record<string, unknown>;
  /** The role its token needs; absent: anyone may run it. */
  role?: 'EDITOR';
}

/** Global ID of "VIII Байкальский образовательный форум" (base64url of "Forum:baikal-education-forum-8"); IDs are stable. */
export const EXAMPLE_FORUM_ID = 'Rm9ydW06YmFpa2FsLWVkdWNhdGlvbi1mb3J1bS04';
/** Global ID of the speaker Виктор Неумывакин (base64url of "Speaker:neumyvakin-viktor"). */
export const EXAMPLE_SPEAKER_ID = 'U3BlYWtlcjpuZXVteXZha2luLXZpa3Rvcg';
/** Global ID of a Telegram post about the VIII forum (base64url of "Publication:ref-telegram-baikal-forum-8"). */
export const EXAMPLE_PUBLICATION_ID = 'UHVibGljYXRpb246cmVmLXRlbGVncmFtLWJhaWthbC1mb3J1bS04';

export const PLAYGROUND_EXAMPLES: readonly PlaygroundExample[] = [
  {
    name: 'ForumWithSessions',
    query: `# Forums with their sessions: who spoke, in which role and organisation, and what they said.
query ForumWithSessions {
  forums(first: 5) {
    nodes {
      title
      edition
      startDate { iso precision }
      region { name }
      organizers { name }
      sessions(first: 20) {
        totalCount
        nodes {
          title
          kind
          participants {
            role
            talkTitle
            position
            speaker { fullName }
            organization { name }
          }
          quotes {
            text
            speaker { fullName }
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'EventWithClusters',
    query: `# Cluster events: a nationwide action, its per-district parts, the clusters and organisations taking part.
query EventWithClusters {
  clusterEvents(first: 20) {
    totalCount
    nodes {
      title
      kind
      startDate { iso }
      endDate { iso }
      venue
      city
      reportedClusterCount
      reportedRegionCount
      parent { title }
      children(first: 10) {
        totalCount
        nodes {
          title
          federalDistricts { name }
        }
      }
      clusters(first: 5) {
        nodes {
          name
          region { name }
        }
      }
      organizations { name }
      publications(first: 3) {
        nodes { title sourceUrl }
      }
    }
  }
}
`,
  },
  {
    name: 'SpeakerAffiliations',
    query: `# Speakers: their current organisation, the positions they held over time, their talks and quotes.
query SpeakerAffiliations {
  speakers(first: 10) {
    nodes {
      fullName
      position
      organization {
        name
        parent { name }
      }
      affiliations {
        position
        since { iso }
        until { iso }
        organization { name shortName }
      }
      participations {
        role
        talkTitle
        session {
          title
          forum { title }
        }
      }
      quotes { text }
    }
  }
}
`,
  },
  {
    name: 'ClustersByDistrict',
    query: `# Federal districts: how many regions each has, and its clusters with their member colleges and enterprises.
query ClustersByDistrict {
  federalDistricts {
    nodes {
      name
      regions(first: 100) { totalCount }
      clusters(first: 20) {
        totalCount
        nodes {
          name
          industry
          launchYear
          region { name }
          members {
            role
            organization { name }
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'Provenance',
    query: `# Provenance: the publications behind the graph and every record each of them mentions.
query Provenance {
  publications(first: 10) {
    totalCount
    nodes {
      id
      title
      kind
      publishedAt { iso precision }
      sourceUrl
      note
      mentions {
        __typename
        ... on Forum { title }
        ... on Session { title }
        ... on ClusterEvent { title }
        ... on Organization { name }
        ... on Cluster { name }
        ... on Speaker { fullName }
        ... on Figure { metric value }
      }
    }
  }
}
`,
  },
  {
    name: 'FilteredEvents',
    query: `# Filters: events of spring 2024 held in the Far East or with a part there, newest first.
query FilteredEvents {
  clusterEvents(
    first: 20
    where: {
      startDate: { gte: "2024-03", lt: "2024-06" }
      OR: [
        { federalDistricts: { some: { name: { equals: "дальневосточный" } } } }
        { title: { contains: "открытых дверей" } }
      ]
    }
    orderBy: [{ startDate: DESC }, { title: ASC }]
  ) {
    totalCount
    nodes { title kind startDate { iso } federalDistricts { name } }
  }
  speakers(where: { organization: { parent: { kind: { equals: MINISTRY } } } }) {
    nodes { fullName position sessions(where: { forum: { edition: { equals: 8 } } }) { nodes { title } } }
  }
}`,
  },
  {
    name: 'Search',
    query: `# Full-text search, aware of Russian word forms: «кадрами» also finds «кадры» and «кадров».
query Search {
  search(query: "кадрами", first: 10) {
    totalCount
    edges {
      node {
        score
        highlight
        node {
          __typename
          id
          ... on Session { title }
          ... on Publication { title }
          ... on Quote { text }
        }
      }
    }
  }
}
`,
  },
  {
    name: 'Aggregates',
    query: `# Aggregates, grouped in the database: events by kind and year with their date range; clusters by district.
query Aggregates {
  clusterEventStats(groupBy: [KIND, YEAR]) {
    key { kind year }
    count
    minStartDate { iso }
    maxStartDate { iso }
  }
  clusterStats(groupBy: [FEDERAL_DISTRICT]) {
    key { federalDistrict { name } }
    count
    minLaunchYear
    maxLaunchYear
  }
}
`,
  },
  {
    name: 'NodeById',
    query: `# Any record by its global ID (the IDs are stable): here the VIII Baikal education forum.
query NodeById($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Forum { title }
  }
}
`,
    variables: { id: EXAMPLE_FORUM_ID },
  },
  {
    name: 'Neighbors',
    query: `# Relation exploration: what lies within two relations of the speaker Виктор Неумывакин, and the edge that reached it.
query Neighbors($speaker: ID!) {
  neighbors(id: $speaker, depth: 2) {
    totalCount
    visited
    truncated
    origin { __typename id ... on Speaker { fullName } }
    nodes {
      depth
      node {
        __typename
        id
        ... on Forum { title }
        ... on Session { title }
        ... on Speaker { fullName }
        ... on Organization { name }
        ... on Publication { title }
        ... on Quote { text }
      }
      via { relation direction from { __typename id } }
    }
  }
}
`,
    variables: { speaker: EXAMPLE_SPEAKER_ID },
  },
  {
    name: 'Path',
    query: `# A shortest chain of relations from the speaker Виктор Неумывакин to a post about the VIII Baikal forum.
query Path($from: ID!, $to: ID!) {
  path(from: $from, to: $to) {
    visited
    truncated
    path {
      length
      nodes {
        __typename
        id
        ... on Speaker { fullName }
        ... on Session { title }
        ... on Forum { title }
        ... on Publication { title }
      }
      edges { relation direction }
    }
  }
}
`,
    variables: { from: EXAMPLE_SPEAKER_ID, to: EXAMPLE_PUBLICATION_ID },
  },
  {
    name: 'ForumNeighborhood',
    query: `# Everything within two relations of the VIII Baikal forum, named: press Graph to see it drawn.
query ForumNeighborhood($forum: ID!) {
  neighbors(id: $forum, depth: 2) {
    totalCount
    origin { __typename id ... on Forum { title } }
    nodes {
      depth
      node {
        __typename
        id
        ... on Forum { title }
        ... on Session { title }
        ... on Speaker { fullName }
        ... on Organization { name }
        ... on Region { name }
        ... on FederalDistrict { name }
        ... on Publication { title }
        ... on Quote { text }
      }
      via { relation direction from { id } }
    }
  }
}
`,
    variables: { forum: EXAMPLE_FORUM_ID },
  },
  {
    name: 'CreateDraft',
    query: `# Writes need a token: make one with  npm run --silent token -- create --name you --role EDITOR
# and add it under Headers below the editor: {"Authorization": "Bearer pgt_..."}.
# This makes a draft forum (readers do not see it until a PUBLISHER publishes it), with its source.
mutation CreateDraft($input: CreateForumInput!) {
  createForum(input: $input) {
    forum { id title version stage liveSince }
    userErrors { path code message }
  }
}
`,
    variables: { input: { title: 'Черновик форума из Playground', city: 'Улан-Удэ', sourceIds: [EXAMPLE_PUBLICATION_ID] } },
    role: 'EDITOR',
  },
];

/** The names of the examples' operations: operations the server knows, named in its metrics whatever clients send. */
export function exampleOperationNames(): string[] {
  return PLAYGROUND_EXAMPLES.flatMap((example) =>
    parse(example.query).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
  );
}
