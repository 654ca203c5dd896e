import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

/** A position that a speaker held in an organisation, over a period where known. */
export type Affiliation = {
  __typename?: 'Affiliation';
  organization: Organization;
  position?: Maybe<Scalars['String']['output']>;
  since?: Maybe<PartialDate>;
  speaker: Speaker;
  until?: Maybe<PartialDate>;
};

/** A regional cluster of the programme: colleges joined with employer enterprises. */
export type Cluster = Node & {
  __typename?: 'Cluster';
  events: ClusterEventConnection;
  /** Figures the sources report about this record. */
  figures: Array<Figure>;
  id: Scalars['ID']['output'];
  /** The industry (отрасль), e.g. "Металлургия". */
  industry?: Maybe<Scalars['String']['output']>;
  launchYear?: Maybe<Scalars['Int']['output']>;
  /** Colleges and enterprises in the cluster, with their role in it. */
  members: Array<ClusterMember>;
  name: Scalars['String']['output'];
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  region?: Maybe<Region>;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
};


/** A regional cluster of the programme: colleges joined with employer enterprises. */
export type ClusterEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClusterEventOrderBy>>;
  where?: InputMaybe<ClusterEventWhere>;
};


/** A regional cluster of the programme: colleges joined with employer enterprises. */
export type ClusterPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ClusterConnection = {
  __typename?: 'ClusterConnection';
  edges: Array<ClusterEdge>;
  nodes: Array<Cluster>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type ClusterEdge = {
  __typename?: 'ClusterEdge';
  cursor: Scalars['String']['output'];
  node: Cluster;
};

/** An event of the programme and its clusters: an open day, a championship, a signing. */
export type ClusterEvent = Node & {
  __typename?: 'ClusterEvent';
  children: ClusterEventConnection;
  city?: Maybe<Scalars['String']['output']>;
  /** Clusters linked to the event in this graph. */
  clusters: ClusterConnection;
  /** What the source says of the event beyond its title. */
  description?: Maybe<Scalars['String']['output']>;
  endDate?: Maybe<PartialDate>;
  federalDistricts: Array<FederalDistrict>;
  /** Figures the sources report about this record. */
  figures: Array<Figure>;
  id: Scalars['ID']['output'];
  kind: ClusterEventKind;
  organizations: Array<Organization>;
  /** The event this one is a part of: one nationwide action fans out into per-cluster or per-district parts. */
  parent?: Maybe<ClusterEvent>;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  /** The number of clusters the source reports (370 for the nationwide open day), even where fewer are linked. */
  reportedClusterCount?: Maybe<Scalars['Int']['output']>;
  /** The number of regions the source reports (79 for the open day of 20 April 2024). */
  reportedRegionCount?: Maybe<Scalars['Int']['output']>;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  startDate?: Maybe<PartialDate>;
  title: Scalars['String']['output'];
  venue?: Maybe<Scalars['String']['output']>;
};


/** An event of the programme and its clusters: an open day, a championship, a signing. */
export type ClusterEventChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An event of the programme and its clusters: an open day, a championship, a signing. */
export type ClusterEventClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** An event of the programme and its clusters: an open day, a championship, a signing. */
export type ClusterEventPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ClusterEventConnection = {
  __typename?: 'ClusterEventConnection';
  edges: Array<ClusterEventEdge>;
  nodes: Array<ClusterEvent>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type ClusterEventEdge = {
  __typename?: 'ClusterEventEdge';
  cursor: Scalars['String']['output'];
  node: ClusterEvent;
};

export type ClusterEventKind =
  | 'AGREEMENT_SIGNING'
  | 'CHAMPIONSHIP'
  /** The demonstration exam, or sessions on organising it. */
  | 'DEMO_EXAM'
  /** A working meeting of the programme. */
  | 'MEETING'
  | 'OPEN_DAY'
  | 'OTHER';

export type ClusterEventKindFilter = {
  equals?: InputMaybe<ClusterEventKind>;
  in?: InputMaybe<Array<ClusterEventKind>>;
};

/** One key per element. Default: startDate, then title. */
export type ClusterEventOrderBy = {
  kind?: InputMaybe<SortOrder>;
  startDate?: InputMaybe<SortOrder>;
  title?: InputMaybe<SortOrder>;
};

/** Events matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps events matching neither. */
export type ClusterEventWhere = {
  AND?: InputMaybe<Array<ClusterEventWhere>>;
  NOT?: InputMaybe<Array<ClusterEventWhere>>;
  OR?: InputMaybe<Array<ClusterEventWhere>>;
  clusters?: InputMaybe<ClusterListFilter>;
  federalDistricts?: InputMaybe<FederalDistrictListFilter>;
  id?: InputMaybe<IdFilter>;
  kind?: InputMaybe<ClusterEventKindFilter>;
  startDate?: InputMaybe<DateFilter>;
  title?: InputMaybe<StringFilter>;
  venue?: InputMaybe<StringFilter>;
};

/** some: at least one cluster matches; none: no cluster matches; every: all clusters match (true when there are none). */
export type ClusterListFilter = {
  every?: InputMaybe<ClusterWhere>;
  none?: InputMaybe<ClusterWhere>;
  some?: InputMaybe<ClusterWhere>;
};

/** An organisation in a cluster, with its role in it. */
export type ClusterMember = {
  __typename?: 'ClusterMember';
  cluster: Cluster;
  organization: Organization;
  role: ClusterMemberRole;
};

export type ClusterMemberRole =
  | 'ANCHOR_ENTERPRISE'
  | 'BASE_COLLEGE'
  | 'COLLEGE'
  | 'ENTERPRISE'
  | 'OTHER';

/** One key per element. Default: name. */
export type ClusterOrderBy = {
  industry?: InputMaybe<SortOrder>;
  launchYear?: InputMaybe<SortOrder>;
  name?: InputMaybe<SortOrder>;
};

/** Clusters matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps clusters matching neither. */
export type ClusterWhere = {
  AND?: InputMaybe<Array<ClusterWhere>>;
  NOT?: InputMaybe<Array<ClusterWhere>>;
  OR?: InputMaybe<Array<ClusterWhere>>;
  id?: InputMaybe<IdFilter>;
  industry?: InputMaybe<StringFilter>;
  launchYear?: InputMaybe<IntFilter>;
  name?: InputMaybe<StringFilter>;
  region?: InputMaybe<RegionWhere>;
};

/** Compares partial dates by their first day: {gte: "2024-04"} keeps April 2024 and later. Values are "2024", "2024-04" or "2024-04-20". A date known only to a month counts as its first day: {lt: "2024-04-15"} keeps "2024-04". Rows without the date never match. */
export type DateFilter = {
  equals?: InputMaybe<Scalars['String']['input']>;
  gt?: InputMaybe<Scalars['String']['input']>;
  gte?: InputMaybe<Scalars['String']['input']>;
  lt?: InputMaybe<Scalars['String']['input']>;
  lte?: InputMaybe<Scalars['String']['input']>;
};

export type DatePrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** One of the eight federal districts of Russia. */
export type FederalDistrict = Node & {
  __typename?: 'FederalDistrict';
  /** Events held in the district. */
  clusterEvents: ClusterEventConnection;
  /** Clusters in the regions of the district. */
  clusters: ClusterConnection;
  id: Scalars['ID']['output'];
  /** E.g. "Дальневосточный". */
  name: Scalars['String']['output'];
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  regions: RegionConnection;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
};


/** One of the eight federal districts of Russia. */
export type FederalDistrictClusterEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** One of the eight federal districts of Russia. */
export type FederalDistrictClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** One of the eight federal districts of Russia. */
export type FederalDistrictPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** One of the eight federal districts of Russia. */
export type FederalDistrictRegionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type FederalDistrictConnection = {
  __typename?: 'FederalDistrictConnection';
  edges: Array<FederalDistrictEdge>;
  nodes: Array<FederalDistrict>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type FederalDistrictEdge = {
  __typename?: 'FederalDistrictEdge';
  cursor: Scalars['String']['output'];
  node: FederalDistrict;
};

/** some: at least one district matches; none: no district matches; every: all districts match (true when there are none). */
export type FederalDistrictListFilter = {
  every?: InputMaybe<FederalDistrictWhere>;
  none?: InputMaybe<FederalDistrictWhere>;
  some?: InputMaybe<FederalDistrictWhere>;
};

/** One key per element. Default: name. */
export type FederalDistrictOrderBy = {
  name?: InputMaybe<SortOrder>;
};

/** Federal districts matching every field given. AND, OR and NOT combine filters. */
export type FederalDistrictWhere = {
  AND?: InputMaybe<Array<FederalDistrictWhere>>;
  NOT?: InputMaybe<Array<FederalDistrictWhere>>;
  OR?: InputMaybe<Array<FederalDistrictWhere>>;
  id?: InputMaybe<IdFilter>;
  name?: InputMaybe<StringFilter>;
};

/** A number the sources report about the programme, e.g. 506 clusters in August 2025. */
export type Figure = Node & {
  __typename?: 'Figure';
  /** The date the figure is for, or was reported. */
  date?: Maybe<PartialDate>;
  id: Scalars['ID']['output'];
  /** What is counted, in Russian, e.g. "Кластеров в проекте". */
  metric: Scalars['String']['output'];
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  qualifier: FigureQualifier;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  /** The record the figure is about, where there is one. */
  subject?: Maybe<Node>;
  unit?: Maybe<Scalars['String']['output']>;
  value: Scalars['Float']['output'];
};


/** A number the sources report about the programme, e.g. 506 clusters in August 2025. */
export type FigurePublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type FigureConnection = {
  __typename?: 'FigureConnection';
  edges: Array<FigureEdge>;
  nodes: Array<Figure>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type FigureEdge = {
  __typename?: 'FigureEdge';
  cursor: Scalars['String']['output'];
  node: Figure;
};

/** One key per element. Default: date, then metric. */
export type FigureOrderBy = {
  date?: InputMaybe<SortOrder>;
  metric?: InputMaybe<SortOrder>;
};

/** How the source states the number: exactly, approximately ("около") or as a lower bound ("более"). */
export type FigureQualifier =
  | 'ABOUT'
  | 'EXACT'
  | 'MORE_THAN';

/** A forum: one edition of a series, or a one-off event with sessions. */
export type Forum = Node & {
  __typename?: 'Forum';
  city?: Maybe<Scalars['String']['output']>;
  /** The edition's number in its series (8 for the VIII forum), where the source gives one. */
  edition?: Maybe<Scalars['Int']['output']>;
  endDate?: Maybe<PartialDate>;
  /** Figures the sources report about this record. */
  figures: Array<Figure>;
  id: Scalars['ID']['output'];
  /** Who organised the forum, or under whose aegis it was held. */
  organizers: Array<Organization>;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  /** The region it was held in, where the source says. */
  region?: Maybe<Region>;
  /** The series' name without the edition, e.g. "Байкальский образовательный форум". */
  seriesTitle?: Maybe<Scalars['String']['output']>;
  sessions: SessionConnection;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  /** Everyone who took part in any of its sessions, each once. */
  speakers: SpeakerConnection;
  startDate?: Maybe<PartialDate>;
  theme?: Maybe<Scalars['String']['output']>;
  /** E.g. "VIII Байкальский образовательный форум". */
  title: Scalars['String']['output'];
  /** Where it was held, where the source says, e.g. "ВДНХ". */
  venue?: Maybe<Scalars['String']['output']>;
};


/** A forum: one edition of a series, or a one-off event with sessions. */
export type ForumPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A forum: one edition of a series, or a one-off event with sessions. */
export type ForumSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SessionOrderBy>>;
  where?: InputMaybe<SessionWhere>;
};


/** A forum: one edition of a series, or a one-off event with sessions. */
export type ForumSpeakersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ForumConnection = {
  __typename?: 'ForumConnection';
  edges: Array<ForumEdge>;
  nodes: Array<Forum>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type ForumEdge = {
  __typename?: 'ForumEdge';
  cursor: Scalars['String']['output'];
  node: Forum;
};

/** One key per element: orderBy: [{startDate: DESC}, {title: ASC}]. Default: startDate, then title. */
export type ForumOrderBy = {
  edition?: InputMaybe<SortOrder>;
  startDate?: InputMaybe<SortOrder>;
  title?: InputMaybe<SortOrder>;
};

/** Forums matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps forums matching neither. */
export type ForumWhere = {
  AND?: InputMaybe<Array<ForumWhere>>;
  NOT?: InputMaybe<Array<ForumWhere>>;
  OR?: InputMaybe<Array<ForumWhere>>;
  city?: InputMaybe<StringFilter>;
  edition?: InputMaybe<IntFilter>;
  id?: InputMaybe<IdFilter>;
  /** The region the forum was held in. */
  region?: InputMaybe<RegionWhere>;
  sessions?: InputMaybe<SessionListFilter>;
  startDate?: InputMaybe<DateFilter>;
  title?: InputMaybe<StringFilter>;
};

/** Global IDs of the filtered type. */
export type IdFilter = {
  equals?: InputMaybe<Scalars['ID']['input']>;
  in?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type IntFilter = {
  equals?: InputMaybe<Scalars['Int']['input']>;
  gt?: InputMaybe<Scalars['Int']['input']>;
  gte?: InputMaybe<Scalars['Int']['input']>;
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  lt?: InputMaybe<Scalars['Int']['input']>;
  lte?: InputMaybe<Scalars['Int']['input']>;
};

export type Node = {
  /** Global, opaque and stable: the same on every load and database. */
  id: Scalars['ID']['output'];
};

export type Organization = Node & {
  __typename?: 'Organization';
  /** Positions held here. */
  affiliations: Array<Affiliation>;
  /** Events it took part in. */
  clusterEvents: ClusterEventConnection;
  /** Clusters it is a member of. */
  clusters: ClusterConnection;
  /** Figures the sources report about this record. */
  figures: Array<Figure>;
  id: Scalars['ID']['output'];
  kind: OrganizationKind;
  name: Scalars['String']['output'];
  /** Forums it organised (or lent its aegis to). */
  organizedForums: ForumConnection;
  /** The organisation this one is a unit of (a department of a ministry). */
  parent?: Maybe<Organization>;
  /** Session participations in which a speaker represented this organisation. */
  participations: Array<Participation>;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  region?: Maybe<Region>;
  shortName?: Maybe<Scalars['String']['output']>;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  /** People who held a position here, at any time. */
  speakers: SpeakerConnection;
  /** Its units, by name. */
  units: Array<Organization>;
};


export type OrganizationClusterEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationOrganizedForumsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationSpeakersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  edges: Array<OrganizationEdge>;
  nodes: Array<Organization>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  cursor: Scalars['String']['output'];
  node: Organization;
};

export type OrganizationKind =
  /** A college, technical school or other vocational (СПО) institution. */
  | 'COLLEGE'
  /** A department, centre or other unit of a larger organisation. */
  | 'DEPARTMENT'
  | 'ENTERPRISE'
  | 'INSTITUTE'
  | 'MINISTRY'
  | 'OTHER';

export type OrganizationKindFilter = {
  equals?: InputMaybe<OrganizationKind>;
  in?: InputMaybe<Array<OrganizationKind>>;
};

/** One key per element. Default: name. */
export type OrganizationOrderBy = {
  kind?: InputMaybe<SortOrder>;
  name?: InputMaybe<SortOrder>;
};

/** Organisations matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps organisations matching neither. */
export type OrganizationWhere = {
  AND?: InputMaybe<Array<OrganizationWhere>>;
  NOT?: InputMaybe<Array<OrganizationWhere>>;
  OR?: InputMaybe<Array<OrganizationWhere>>;
  id?: InputMaybe<IdFilter>;
  kind?: InputMaybe<OrganizationKindFilter>;
  name?: InputMaybe<StringFilter>;
  /** The organisation this one is a unit of. */
  parent?: InputMaybe<OrganizationWhere>;
  region?: InputMaybe<RegionWhere>;
  shortName?: InputMaybe<StringFilter>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A date known to a given precision: the source may name only a year or a month. */
export type PartialDate = {
  __typename?: 'PartialDate';
  day?: Maybe<Scalars['Int']['output']>;
  /** ISO 8601 at the known precision: "2024", "2024-04" or "2024-04-20". */
  iso: Scalars['String']['output'];
  month?: Maybe<Scalars['Int']['output']>;
  precision: DatePrecision;
  year: Scalars['Int']['output'];
};

/** A speaker's part in a session, with the position and organisation they held at that time. */
export type Participation = {
  __typename?: 'Participation';
  /** The organisation as stated at the time of the session. */
  organization?: Maybe<Organization>;
  /** The position as stated at the time of the session. */
  position?: Maybe<Scalars['String']['output']>;
  role: ParticipationRole;
  session: Session;
  speaker: Speaker;
  /** The title of the talk or report, where there was one. */
  talkTitle?: Maybe<Scalars['String']['output']>;
};

export type ParticipationRole =
  | 'MODERATOR'
  | 'ORGANIZER'
  | 'SPEAKER';

/** A news item or an outside source: every fact of the graph names the publications it comes from. */
export type Publication = Node & {
  __typename?: 'Publication';
  body?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: PublicationKind;
  lead?: Maybe<Scalars['String']['output']>;
  /** Everything the publication is about, and is a source for: forums, sessions, speakers, organisations, clusters, events. */
  mentions: Array<Node>;
  /** What the source supports, or how its date was established. */
  note?: Maybe<Scalars['String']['output']>;
  publishedAt?: Maybe<PartialDate>;
  quotes: Array<Quote>;
  sourceUrl?: Maybe<Scalars['String']['output']>;
  /** Provenance: a publication is its own source. */
  sources: Array<Publication>;
  title: Scalars['String']['output'];
};

export type PublicationConnection = {
  __typename?: 'PublicationConnection';
  edges: Array<PublicationEdge>;
  nodes: Array<Publication>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type PublicationEdge = {
  __typename?: 'PublicationEdge';
  cursor: Scalars['String']['output'];
  node: Publication;
};

export type PublicationKind =
  /** A news article held in full. */
  | 'ARTICLE'
  /** A reference data set (e.g. the regions of Russia). */
  | 'DATASET'
  /** An outside source cited for a fact; only its citation is held. */
  | 'REFERENCE'
  /** A short news item held in full. */
  | 'TEASER';

/** One key per element. Default: publishedAt descending (newest first, undated last), then title. */
export type PublicationOrderBy = {
  publishedAt?: InputMaybe<SortOrder>;
  title?: InputMaybe<SortOrder>;
};

/** Publications matching every field given. AND, OR and NOT combine filters. */
export type PublicationWhere = {
  AND?: InputMaybe<Array<PublicationWhere>>;
  NOT?: InputMaybe<Array<PublicationWhere>>;
  OR?: InputMaybe<Array<PublicationWhere>>;
  id?: InputMaybe<IdFilter>;
  publishedAt?: InputMaybe<DateFilter>;
  title?: InputMaybe<StringFilter>;
};

export type Query = {
  __typename?: 'Query';
  /** Events, by default in date order (undated last), then title. */
  clusterEvents: ClusterEventConnection;
  /** Clusters, by default by name. */
  clusters: ClusterConnection;
  /** Federal districts, by default by name. */
  federalDistricts: FederalDistrictConnection;
  /** Programme figures (counts of clusters, graduates, ...), by default by date. */
  figures: FigureConnection;
  /** Forums, by default in order of their start date (undated last), then title. */
  forums: ForumConnection;
  /** The object with this global ID, or null when there is none. */
  node?: Maybe<Node>;
  /** The objects with these global IDs, in order; null where there is none (at most 100 IDs). */
  nodes: Array<Maybe<Node>>;
  /** Organisations, by default by name. */
  organizations: OrganizationConnection;
  /** Publications, by default newest first (undated last), then title. */
  publications: PublicationConnection;
  /** Quotes, in a stable order (by ID). */
  quotes: QuoteConnection;
  /** Regions, by default by name. */
  regions: RegionConnection;
  /** Sessions, by default by date (undated last), then title. */
  sessions: SessionConnection;
  /** Speakers, by default by full name. */
  speakers: SpeakerConnection;
};


export type QueryClusterEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClusterEventOrderBy>>;
  where?: InputMaybe<ClusterEventWhere>;
};


export type QueryClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClusterOrderBy>>;
  where?: InputMaybe<ClusterWhere>;
};


export type QueryFederalDistrictsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<FederalDistrictOrderBy>>;
  where?: InputMaybe<FederalDistrictWhere>;
};


export type QueryFiguresArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<FigureOrderBy>>;
};


export type QueryForumsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ForumOrderBy>>;
  where?: InputMaybe<ForumWhere>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<OrganizationOrderBy>>;
  where?: InputMaybe<OrganizationWhere>;
};


export type QueryPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<PublicationOrderBy>>;
  where?: InputMaybe<PublicationWhere>;
};


export type QueryQuotesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRegionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<RegionOrderBy>>;
  where?: InputMaybe<RegionWhere>;
};


export type QuerySessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SessionOrderBy>>;
  where?: InputMaybe<SessionWhere>;
};


export type QuerySpeakersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SpeakerOrderBy>>;
  where?: InputMaybe<SpeakerWhere>;
};

/** Words a speaker said, as a publication quotes them. */
export type Quote = Node & {
  __typename?: 'Quote';
  id: Scalars['ID']['output'];
  publication?: Maybe<Publication>;
  session?: Maybe<Session>;
  /** Provenance: the publication that quotes it. */
  sources: Array<Publication>;
  speaker: Speaker;
  text: Scalars['String']['output'];
};

export type QuoteConnection = {
  __typename?: 'QuoteConnection';
  edges: Array<QuoteEdge>;
  nodes: Array<Quote>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type QuoteEdge = {
  __typename?: 'QuoteEdge';
  cursor: Scalars['String']['output'];
  node: Quote;
};

/** A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0). */
export type Region = Node & {
  __typename?: 'Region';
  clusters: ClusterConnection;
  federalDistrict?: Maybe<FederalDistrict>;
  /** Forums held in the region. */
  forums: ForumConnection;
  /** E.g. "Респ Бурятия". */
  fullName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** ISO 3166-2 code where the reference data has one, e.g. "RU-BU". */
  isoCode?: Maybe<Scalars['String']['output']>;
  /** The kind of subject as the reference data abbreviates it: "Респ", "обл", "край", ... */
  kind?: Maybe<Scalars['String']['output']>;
  /** E.g. "Бурятия". */
  name: Scalars['String']['output'];
  organizations: OrganizationConnection;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  /** UTC offset, e.g. "UTC+8". */
  timezone?: Maybe<Scalars['String']['output']>;
};


/** A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0). */
export type RegionClustersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0). */
export type RegionForumsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0). */
export type RegionOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0). */
export type RegionPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type RegionConnection = {
  __typename?: 'RegionConnection';
  edges: Array<RegionEdge>;
  nodes: Array<Region>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type RegionEdge = {
  __typename?: 'RegionEdge';
  cursor: Scalars['String']['output'];
  node: Region;
};

/** One key per element. Default: name. */
export type RegionOrderBy = {
  isoCode?: InputMaybe<SortOrder>;
  name?: InputMaybe<SortOrder>;
};

/** Regions matching every field given. AND, OR and NOT combine filters; a region without a district passes NOT [{federalDistrict: ...}]. */
export type RegionWhere = {
  AND?: InputMaybe<Array<RegionWhere>>;
  NOT?: InputMaybe<Array<RegionWhere>>;
  OR?: InputMaybe<Array<RegionWhere>>;
  federalDistrict?: InputMaybe<FederalDistrictWhere>;
  id?: InputMaybe<IdFilter>;
  isoCode?: InputMaybe<StringFilter>;
  name?: InputMaybe<StringFilter>;
};

/** A session of a forum (or held on its own). */
export type Session = Node & {
  __typename?: 'Session';
  /** The parts of this session. */
  children: SessionConnection;
  date?: Maybe<PartialDate>;
  /** Figures the sources report about this record. */
  figures: Array<Figure>;
  /** Null for a session held outside any forum. */
  forum?: Maybe<Forum>;
  id: Scalars['ID']['output'];
  kind: SessionKind;
  /** The session this one is part of, where it is a part. */
  parent?: Maybe<Session>;
  /** Who took part, in the order the source lists them. */
  participants: Array<Participation>;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  quotes: Array<Quote>;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
  /** Everyone who took part, each once. */
  speakers: SpeakerConnection;
  title: Scalars['String']['output'];
};


/** A session of a forum (or held on its own). */
export type SessionChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A session of a forum (or held on its own). */
export type SessionPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A session of a forum (or held on its own). */
export type SessionSpeakersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type SessionConnection = {
  __typename?: 'SessionConnection';
  edges: Array<SessionEdge>;
  nodes: Array<Session>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type SessionEdge = {
  __typename?: 'SessionEdge';
  cursor: Scalars['String']['output'];
  node: Session;
};

export type SessionKind =
  | 'DISCUSSION'
  | 'OTHER'
  | 'PLENARY'
  | 'PROJECT_SESSION'
  | 'STRATEGIC_SESSION';

export type SessionKindFilter = {
  equals?: InputMaybe<SessionKind>;
  in?: InputMaybe<Array<SessionKind>>;
};

/** some: at least one session matches; none: no session matches; every: all sessions match (true when there are none). */
export type SessionListFilter = {
  every?: InputMaybe<SessionWhere>;
  none?: InputMaybe<SessionWhere>;
  some?: InputMaybe<SessionWhere>;
};

/** One key per element. Default: date, then title. */
export type SessionOrderBy = {
  date?: InputMaybe<SortOrder>;
  kind?: InputMaybe<SortOrder>;
  title?: InputMaybe<SortOrder>;
};

/** Sessions matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps sessions matching neither. */
export type SessionWhere = {
  AND?: InputMaybe<Array<SessionWhere>>;
  NOT?: InputMaybe<Array<SessionWhere>>;
  OR?: InputMaybe<Array<SessionWhere>>;
  date?: InputMaybe<DateFilter>;
  /** The session's forum matches; a session without a forum never does. */
  forum?: InputMaybe<ForumWhere>;
  id?: InputMaybe<IdFilter>;
  kind?: InputMaybe<SessionKindFilter>;
  speakers?: InputMaybe<SpeakerListFilter>;
  title?: InputMaybe<StringFilter>;
};

export type SortOrder =
  | 'ASC'
  | 'DESC';

/** A person who spoke at, moderated or organised a session. */
export type Speaker = Node & {
  __typename?: 'Speaker';
  /** Positions held, oldest first. */
  affiliations: Array<Affiliation>;
  /** Forums at whose sessions the speaker took part. */
  forums: ForumConnection;
  /** As the source writes it, e.g. "Виктор Неумывакин". */
  fullName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The organisation of the latest known position: the most specific unit known. */
  organization?: Maybe<Organization>;
  participations: Array<Participation>;
  /** The latest known position, e.g. "директор Департамента ...". */
  position?: Maybe<Scalars['String']['output']>;
  /** The publications this record comes from (and that mention it), newest first. */
  publications: PublicationConnection;
  quotes: Array<Quote>;
  sessions: SessionConnection;
  /** Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it). */
  sources: Array<Publication>;
};


/** A person who spoke at, moderated or organised a session. */
export type SpeakerForumsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A person who spoke at, moderated or organised a session. */
export type SpeakerPublicationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A person who spoke at, moderated or organised a session. */
export type SpeakerSessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<SessionOrderBy>>;
  where?: InputMaybe<SessionWhere>;
};

export type SpeakerConnection = {
  __typename?: 'SpeakerConnection';
  edges: Array<SpeakerEdge>;
  nodes: Array<Speaker>;
  pageInfo: PageInfo;
  /** All rows of the list, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type SpeakerEdge = {
  __typename?: 'SpeakerEdge';
  cursor: Scalars['String']['output'];
  node: Speaker;
};

/** some: at least one speaker matches; none: no speaker matches; every: all speakers match (true when there are none). */
export type SpeakerListFilter = {
  every?: InputMaybe<SpeakerWhere>;
  none?: InputMaybe<SpeakerWhere>;
  some?: InputMaybe<SpeakerWhere>;
};

/** One key per element. Default: fullName. */
export type SpeakerOrderBy = {
  fullName?: InputMaybe<SortOrder>;
};

/** Speakers matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps speakers matching neither. */
export type SpeakerWhere = {
  AND?: InputMaybe<Array<SpeakerWhere>>;
  NOT?: InputMaybe<Array<SpeakerWhere>>;
  OR?: InputMaybe<Array<SpeakerWhere>>;
  fullName?: InputMaybe<StringFilter>;
  id?: InputMaybe<IdFilter>;
  /** The organisation of the latest known position. */
  organization?: InputMaybe<OrganizationWhere>;
  /** The latest known position. */
  position?: InputMaybe<StringFilter>;
  sessions?: InputMaybe<SessionListFilter>;
};

/** Case-insensitive (Cyrillic and Latin; «ё» equals «е»). % and _ match themselves. */
export type StringFilter = {
  contains?: InputMaybe<Scalars['String']['input']>;
  equals?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

export type ClusterMapQueryVariables = Exact<{ [key: string]: never; }>;


export type ClusterMapQuery = { __typename?: 'Query', federalDistricts: { __typename?: 'FederalDistrictConnection', nodes: Array<{ __typename?: 'FederalDistrict', id: string, name: string, clusters: { __typename?: 'ClusterConnection', totalCount: number, nodes: Array<{ __typename?: 'Cluster', id: string, name: string, industry?: string | null, launchYear?: number | null, region?: { __typename?: 'Region', name: string, isoCode?: string | null } | null, members: Array<{ __typename?: 'ClusterMember', role: ClusterMemberRole, organization: { __typename?: 'Organization', name: string, kind: OrganizationKind } }> }> } }> } };

export type EventCalendarQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EventCalendarQuery = { __typename?: 'Query', clusterEvents: { __typename?: 'ClusterEventConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ClusterEventEdge', cursor: string, node: { __typename?: 'ClusterEvent', id: string, title: string, kind: ClusterEventKind, city?: string | null, venue?: string | null, reportedClusterCount?: number | null, startDate?: { __typename?: 'PartialDate', iso: string, precision: DatePrecision } | null, endDate?: { __typename?: 'PartialDate', iso: string } | null, federalDistricts: Array<{ __typename?: 'FederalDistrict', name: string }>, children: { __typename?: 'ClusterEventConnection', totalCount: number } } }> } };

export type ForumPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  sessions?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ForumPageQuery = { __typename?: 'Query', node?: { __typename: 'Cluster', id: string } | { __typename: 'ClusterEvent', id: string } | { __typename: 'FederalDistrict', id: string } | { __typename: 'Figure', id: string } | { __typename: 'Forum', title: string, edition?: number | null, seriesTitle?: string | null, theme?: string | null, id: string, startDate?: { __typename?: 'PartialDate', iso: string, precision: DatePrecision } | null, region?: { __typename?: 'Region', name: string } | null, organizers: Array<{ __typename?: 'Organization', id: string, name: string }>, sessions: { __typename?: 'SessionConnection', totalCount: number, nodes: Array<{ __typename?: 'Session', id: string, title: string, kind: SessionKind, participants: Array<{ __typename?: 'Participation', role: ParticipationRole, talkTitle?: string | null, position?: string | null, speaker: { __typename?: 'Speaker', id: string, fullName: string }, organization?: { __typename?: 'Organization', name: string } | null }>, quotes: Array<{ __typename?: 'Quote', id: string, text: string }> }> } } | { __typename: 'Organization', id: string } | { __typename: 'Publication', id: string } | { __typename: 'Quote', id: string } | { __typename: 'Region', id: string } | { __typename: 'Session', id: string } | { __typename: 'Speaker', id: string } | null };


export const ClusterMapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClusterMap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"federalDistricts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"launchYear"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isoCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClusterMapQuery, ClusterMapQueryVariables>;
export const EventCalendarDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventCalendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"startDate"},"value":{"kind":"EnumValue","value":"ASC"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"title"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"reportedClusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"federalDistricts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventCalendarQuery, EventCalendarQueryVariables>;
export const ForumPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ForumPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Forum"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"edition"}},{"kind":"Field","name":{"kind":"Name","value":"seriesTitle"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"talkTitle"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quotes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ForumPageQuery, ForumPageQueryVariables>;