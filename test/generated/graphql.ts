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

export type ClusterEventGroupBy =
  /** Each federal district of the event: an event in several districts counts once in each; an event in none, in the null group. */
  | 'FEDERAL_DISTRICT'
  | 'KIND'
  /** The month of startDate, "2024-04"; null for an event without a date or with a date known only to its year. */
  | 'MONTH'
  /** The event this one is a part of; null for a top-level event. */
  | 'PARENT'
  /** Each region of the event's clusters: an event counts once in each; an event with no cluster in a known region, in the null group. */
  | 'REGION'
  /** The year of startDate; null for an event without a date. */
  | 'YEAR';

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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type ClusterEventPatch = {
  city?: InputMaybe<Scalars['String']['input']>;
  clusterIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  endDate?: InputMaybe<Scalars['String']['input']>;
  federalDistrictIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind?: InputMaybe<ClusterEventKind>;
  organizationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  reportedClusterCount?: InputMaybe<Scalars['Int']['input']>;
  reportedRegionCount?: InputMaybe<Scalars['Int']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  startDate?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  venue?: InputMaybe<Scalars['String']['input']>;
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

export type ClusterGroupBy =
  /** The federal district of the cluster's region. */
  | 'FEDERAL_DISTRICT'
  /** The industry, compared as filters compare text (case-insensitive, «ё» as «е»). */
  | 'INDUSTRY'
  | 'LAUNCH_YEAR'
  | 'REGION';

/** some: at least one cluster matches; none: no cluster matches; every: all clusters match (true when there are none). */
export type ClusterListFilter = {
  every?: InputMaybe<ClusterWhere>;
  none?: InputMaybe<ClusterWhere>;
  some?: InputMaybe<ClusterWhere>;
};

/** One of Cluster.members, as the record lists it. */
export type ClusterMemberInput = {
  organizationId: Scalars['ID']['input'];
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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type ClusterPatch = {
  industry?: InputMaybe<Scalars['String']['input']>;
  launchYear?: InputMaybe<Scalars['Int']['input']>;
  members?: InputMaybe<Array<ClusterMemberInput>>;
  name?: InputMaybe<Scalars['String']['input']>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
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

/** A new ClusterEvent, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateClusterEventInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clusterIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  endDate?: InputMaybe<Scalars['String']['input']>;
  federalDistrictIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  kind: ClusterEventKind;
  organizationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  reportedClusterCount?: InputMaybe<Scalars['Int']['input']>;
  reportedRegionCount?: InputMaybe<Scalars['Int']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
  startDate?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** A new Cluster, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateClusterInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  launchYear?: InputMaybe<Scalars['Int']['input']>;
  members?: InputMaybe<Array<ClusterMemberInput>>;
  name: Scalars['String']['input'];
  regionId?: InputMaybe<Scalars['ID']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
};

/** A new FederalDistrict, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateFederalDistrictInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  sourceIds: Array<Scalars['ID']['input']>;
};

/** A new Figure, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateFigureInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  date?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  metric: Scalars['String']['input'];
  qualifier: FigureQualifier;
  sourceIds: Array<Scalars['ID']['input']>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  unit?: InputMaybe<Scalars['String']['input']>;
  value: Scalars['Float']['input'];
};

/** A new Forum, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateForumInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['Int']['input']>;
  endDate?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  organizerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  seriesTitle?: InputMaybe<Scalars['String']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
  startDate?: InputMaybe<Scalars['String']['input']>;
  theme?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** A new Organization, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateOrganizationInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  kind: OrganizationKind;
  name: Scalars['String']['input'];
  parentId?: InputMaybe<Scalars['ID']['input']>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  shortName?: InputMaybe<Scalars['String']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
};

/** A new Publication, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreatePublicationInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  kind: PublicationKind;
  lead?: InputMaybe<Scalars['String']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  publishedAt?: InputMaybe<Scalars['String']['input']>;
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};

/** A new Quote, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateQuoteInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  publicationId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
  speakerId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};

/** A new Region, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateRegionInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  federalDistrictId?: InputMaybe<Scalars['ID']['input']>;
  fullName: Scalars['String']['input'];
  isoCode: Scalars['String']['input'];
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  kind: Scalars['String']['input'];
  name: Scalars['String']['input'];
  sourceIds: Array<Scalars['ID']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** A new Session, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateSessionInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  date?: InputMaybe<Scalars['String']['input']>;
  forumId?: InputMaybe<Scalars['ID']['input']>;
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  kind: SessionKind;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  participants?: InputMaybe<Array<SessionParticipantInput>>;
  sourceIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

/** A new Speaker, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20". */
export type CreateSpeakerInput = {
  affiliations?: InputMaybe<Array<SpeakerAffiliationInput>>;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  fullName: Scalars['String']['input'];
  /** The natural key behind the global ID; derived from the title or name where absent. */
  key?: InputMaybe<Scalars['String']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
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

/** A record to delete, with the version the editor last read. */
export type DeleteInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};

/** OUT: along the relation, from the type that names it (Session.forum: session to forum). IN: against it (forum to session). */
export type EdgeDirection =
  /** `to` is the node whose field `relation` names; `from` is what the field gives. */
  | 'IN'
  /** `from` is the node whose field `relation` names; `to` is what the field gives. */
  | 'OUT';

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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type FederalDistrictPatch = {
  name?: InputMaybe<Scalars['String']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Federal districts matching every field given. AND, OR and NOT combine filters. */
export type FederalDistrictWhere = {
  AND?: InputMaybe<Array<FederalDistrictWhere>>;
  NOT?: InputMaybe<Array<FederalDistrictWhere>>;
  OR?: InputMaybe<Array<FederalDistrictWhere>>;
  id?: InputMaybe<IdFilter>;
  name?: InputMaybe<StringFilter>;
};

/** One key per element. Default: date, then metric. */
export type FigureOrderBy = {
  date?: InputMaybe<SortOrder>;
  metric?: InputMaybe<SortOrder>;
};

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type FigurePatch = {
  date?: InputMaybe<Scalars['String']['input']>;
  metric?: InputMaybe<Scalars['String']['input']>;
  qualifier?: InputMaybe<FigureQualifier>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  unit?: InputMaybe<Scalars['String']['input']>;
  value?: InputMaybe<Scalars['Float']['input']>;
};

/** How the source states the number: exactly, approximately ("около") or as a lower bound ("более"). */
export type FigureQualifier =
  | 'ABOUT'
  | 'EXACT'
  | 'MORE_THAN';

export type ForumGroupBy =
  | 'REGION'
  /** The year of startDate; null for a forum without a date. */
  | 'YEAR';

/** One key per element: orderBy: [{startDate: DESC}, {title: ASC}]. Default: startDate, then title. */
export type ForumOrderBy = {
  edition?: InputMaybe<SortOrder>;
  startDate?: InputMaybe<SortOrder>;
  title?: InputMaybe<SortOrder>;
};

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type ForumPatch = {
  city?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['Int']['input']>;
  endDate?: InputMaybe<Scalars['String']['input']>;
  organizerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  seriesTitle?: InputMaybe<Scalars['String']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  startDate?: InputMaybe<Scalars['String']['input']>;
  theme?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  venue?: InputMaybe<Scalars['String']['input']>;
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

export type ImportFormat =
  | 'JSON'
  | 'YAML';

export type ImportInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** A document in the seed files' format: a mapping from kinds (forums, sessions, ...) to lists of records, upserted by key. */
  data: Scalars['String']['input'];
  /** Validate and report what would change; write nothing. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  format: ImportFormat;
};

export type IntFilter = {
  equals?: InputMaybe<Scalars['Int']['input']>;
  gt?: InputMaybe<Scalars['Int']['input']>;
  gte?: InputMaybe<Scalars['Int']['input']>;
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  lt?: InputMaybe<Scalars['Int']['input']>;
  lte?: InputMaybe<Scalars['Int']['input']>;
};

/** A type of node of the graph. */
export type NodeKind =
  | 'CLUSTER'
  | 'CLUSTER_EVENT'
  | 'FEDERAL_DISTRICT'
  | 'FIGURE'
  | 'FORUM'
  | 'ORGANIZATION'
  | 'PUBLICATION'
  | 'QUOTE'
  | 'REGION'
  | 'SESSION'
  | 'SPEAKER';

export type OrganizationGroupBy =
  | 'KIND'
  /** The organisation this one is a unit of; null for one that is no unit. */
  | 'PARENT'
  | 'REGION';

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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type OrganizationPatch = {
  kind?: InputMaybe<OrganizationKind>;
  name?: InputMaybe<Scalars['String']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  regionId?: InputMaybe<Scalars['ID']['input']>;
  shortName?: InputMaybe<Scalars['String']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
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

export type ParticipationRole =
  | 'MODERATOR'
  | 'ORGANIZER'
  | 'SPEAKER';

export type PublicationGroupBy =
  | 'KIND'
  /** The month of publishedAt, "2024-04"; null for a publication without a date or with a date known only to its year. */
  | 'MONTH'
  /** The year of publishedAt; null for a publication without a date. */
  | 'YEAR';

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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type PublicationPatch = {
  body?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<PublicationKind>;
  lead?: InputMaybe<Scalars['String']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  publishedAt?: InputMaybe<Scalars['String']['input']>;
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
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

export type PublishInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  targets: Array<PublishTarget>;
};

export type PublishTarget = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
};

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type QuotePatch = {
  publicationId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  speakerId?: InputMaybe<Scalars['ID']['input']>;
  text?: InputMaybe<Scalars['String']['input']>;
};

/** One key per element. Default: name. */
export type RegionOrderBy = {
  isoCode?: InputMaybe<SortOrder>;
  name?: InputMaybe<SortOrder>;
};

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type RegionPatch = {
  federalDistrictId?: InputMaybe<Scalars['ID']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  isoCode?: InputMaybe<Scalars['String']['input']>;
  kind?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  timezone?: InputMaybe<Scalars['String']['input']>;
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

export type RevisionAction =
  | 'CREATE'
  | 'DELETE'
  | 'IMPORT'
  | 'PUBLISH'
  | 'UNPUBLISH'
  | 'UPDATE';

/** What a token may do; each role includes the ones before it: READER < EDITOR < PUBLISHER < ADMIN. */
export type Role =
  | 'ADMIN'
  | 'EDITOR'
  | 'PUBLISHER'
  | 'READER';

/** A kind of object that search finds. */
export type SearchableType =
  | 'CLUSTER'
  | 'CLUSTER_EVENT'
  | 'FORUM'
  | 'ORGANIZATION'
  | 'PUBLICATION'
  | 'QUOTE'
  | 'REGION'
  | 'SESSION'
  | 'SPEAKER';

export type SessionGroupBy =
  /** The forum of the session; null for a session held on its own. */
  | 'FORUM'
  | 'KIND'
  /** The month of the date, "2024-04"; null for a session without a date or with a date known only to its year. */
  | 'MONTH'
  /** The year of the date; null for a session without a date. */
  | 'YEAR';

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

/** One of Session.participants, as the record lists it. */
export type SessionParticipantInput = {
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  position?: InputMaybe<Scalars['String']['input']>;
  role: ParticipationRole;
  speakerId: Scalars['ID']['input'];
  talkTitle?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type SessionPatch = {
  date?: InputMaybe<Scalars['String']['input']>;
  forumId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<SessionKind>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  participants?: InputMaybe<Array<SessionParticipantInput>>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
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

/** One of Speaker.affiliations, as the record lists it. */
export type SpeakerAffiliationInput = {
  organizationId: Scalars['ID']['input'];
  position?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['String']['input']>;
  sourceIds: Array<Scalars['ID']['input']>;
  until?: InputMaybe<Scalars['String']['input']>;
};

export type SpeakerGroupBy =
  /** The organisation of the latest known position. */
  | 'ORGANIZATION';

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

/** Only the fields given change; an explicit null clears a field; a list given replaces the list. */
export type SpeakerPatch = {
  affiliations?: InputMaybe<Array<SpeakerAffiliationInput>>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  sourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
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

/** Which version of the records a read sees: PUBLISHED (everyone) or DRAFT, the latest edits (EDITOR and above). */
export type Stage =
  | 'DRAFT'
  | 'PUBLISHED';

/** Case-insensitive (Cyrillic and Latin; «ё» equals «е»). % and _ match themselves. */
export type StringFilter = {
  contains?: InputMaybe<Scalars['String']['input']>;
  equals?: InputMaybe<Scalars['String']['input']>;
  in?: InputMaybe<Array<Scalars['String']['input']>>;
  startsWith?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateClusterEventInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: ClusterEventPatch;
};

export type UpdateClusterInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: ClusterPatch;
};

export type UpdateFederalDistrictInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: FederalDistrictPatch;
};

export type UpdateFigureInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: FigurePatch;
};

export type UpdateForumInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: ForumPatch;
};

export type UpdateOrganizationInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: OrganizationPatch;
};

export type UpdatePublicationInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: PublicationPatch;
};

export type UpdateQuoteInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: QuotePatch;
};

export type UpdateRegionInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: RegionPatch;
};

export type UpdateSessionInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: SessionPatch;
};

export type UpdateSpeakerInput = {
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The version the editor last read; a stale one is CONFLICT and nothing is written. */
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  set: SpeakerPatch;
};

/** What is wrong with an input: the payload says it, with the path of the field, and nothing is written. */
export type UserErrorCode =
  | 'CONFLICT'
  /** A record would become its own ancestor (parent of itself, directly or through others). */
  | 'CYCLE'
  /** The same ID twice in one list input (e.g. organizerIds: [A, A]). */
  | 'DUPLICATE'
  | 'DUPLICATE_KEY'
  | 'INVALID'
  | 'IN_USE'
  | 'NOT_FOUND'
  /** A number outside its type's range, or not finite. */
  | 'OUT_OF_RANGE'
  | 'REQUIRED'
  | 'SOURCE_REQUIRED'
  | 'TOO_LONG';

/** Where a webhook delivery is. */
export type WebhookDeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Every attempt of the retry schedule failed; replayWebhookDelivery sends it again. */
  | 'FAILED'
  /** The receiver answered 410 Gone: its endpoint was disabled. */
  | 'GONE'
  /** Not delivered yet: its next attempt is due at nextAttemptAt. */
  | 'PENDING';

export type ClusterMapQueryVariables = Exact<{ [key: string]: never; }>;


export type ClusterMapQuery = { __typename?: 'Query', federalDistricts: { __typename?: 'FederalDistrictConnection', nodes: Array<{ __typename?: 'FederalDistrict', id: string, name: string, clusters: { __typename?: 'ClusterConnection', totalCount: number, nodes: Array<{ __typename?: 'Cluster', id: string, name: string, industry?: string | null, launchYear?: number | null, region?: { __typename?: 'Region', name: string, isoCode?: string | null } | null, members: Array<{ __typename?: 'ClusterMember', role: ClusterMemberRole, organization: { __typename?: 'Organization', name: string, kind: OrganizationKind } }> }> } }> } };

export type CreateForumDraftMutationVariables = Exact<{
  input: CreateForumInput;
}>;


export type CreateForumDraftMutation = { __typename?: 'Mutation', createForum: { __typename?: 'ForumPayload', forum?: { __typename?: 'Forum', id: string, title: string, version: number, stage: Stage, liveSince?: string | null } | null, userErrors: Array<{ __typename?: 'UserError', path: Array<string>, code: UserErrorCode, message: string }> } };

export type ForumPreviewQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  stage?: InputMaybe<Stage>;
}>;


export type ForumPreviewQuery = { __typename?: 'Query', node?: { __typename: 'Cluster' } | { __typename: 'ClusterEvent' } | { __typename: 'FederalDistrict' } | { __typename: 'Figure' } | { __typename: 'Forum', id: string, title: string, city?: string | null, version: number, stage: Stage, liveSince?: string | null } | { __typename: 'Organization' } | { __typename: 'Publication' } | { __typename: 'Quote' } | { __typename: 'Region' } | { __typename: 'Revision' } | { __typename: 'Session' } | { __typename: 'Speaker' } | null };

export type PublishRecordsMutationVariables = Exact<{
  targets: Array<PublishTarget> | PublishTarget;
}>;


export type PublishRecordsMutation = { __typename?: 'Mutation', publish: { __typename?: 'PublishPayload', published: Array<{ __typename?: 'Cluster', id: string } | { __typename?: 'ClusterEvent', id: string } | { __typename?: 'FederalDistrict', id: string } | { __typename?: 'Figure', id: string } | { __typename?: 'Forum', id: string } | { __typename?: 'Organization', id: string } | { __typename?: 'Publication', id: string } | { __typename?: 'Quote', id: string } | { __typename?: 'Region', id: string } | { __typename?: 'Revision', id: string } | { __typename?: 'Session', id: string } | { __typename?: 'Speaker', id: string }>, userErrors: Array<{ __typename?: 'UserError', path: Array<string>, code: UserErrorCode, message: string }> } };

export type EventCalendarQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EventCalendarQuery = { __typename?: 'Query', clusterEvents: { __typename?: 'ClusterEventConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ClusterEventEdge', cursor: string, node: { __typename?: 'ClusterEvent', id: string, title: string, kind: ClusterEventKind, city?: string | null, venue?: string | null, reportedClusterCount?: number | null, startDate?: { __typename?: 'PartialDate', iso: string, precision: DatePrecision } | null, endDate?: { __typename?: 'PartialDate', iso: string } | null, federalDistricts: Array<{ __typename?: 'FederalDistrict', name: string }>, children: { __typename?: 'ClusterEventConnection', totalCount: number } } }> } };

export type ForumPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  sessions?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ForumPageQuery = { __typename?: 'Query', node?: { __typename: 'Cluster', id: string } | { __typename: 'ClusterEvent', id: string } | { __typename: 'FederalDistrict', id: string } | { __typename: 'Figure', id: string } | { __typename: 'Forum', title: string, edition?: number | null, seriesTitle?: string | null, theme?: string | null, id: string, startDate?: { __typename?: 'PartialDate', iso: string, precision: DatePrecision } | null, region?: { __typename?: 'Region', name: string } | null, organizers: Array<{ __typename?: 'Organization', id: string, name: string }>, sessions: { __typename?: 'SessionConnection', totalCount: number, nodes: Array<{ __typename?: 'Session', id: string, title: string, kind: SessionKind, participants: Array<{ __typename?: 'Participation', role: ParticipationRole, talkTitle?: string | null, position?: string | null, speaker: { __typename?: 'Speaker', id: string, fullName: string }, organization?: { __typename?: 'Organization', name: string } | null }>, quotes: Array<{ __typename?: 'Quote', id: string, text: string }> }> } } | { __typename: 'Organization', id: string } | { __typename: 'Publication', id: string } | { __typename: 'Quote', id: string } | { __typename: 'Region', id: string } | { __typename: 'Revision', id: string } | { __typename: 'Session', id: string } | { __typename: 'Speaker', id: string } | null };


export const ClusterMapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClusterMap"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"federalDistricts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"8"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clusters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"industry"}},{"kind":"Field","name":{"kind":"Name","value":"launchYear"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isoCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClusterMapQuery, ClusterMapQueryVariables>;
export const CreateForumDraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateForumDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateForumInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createForum"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"forum"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"liveSince"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateForumDraftMutation, CreateForumDraftMutationVariables>;
export const ForumPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ForumPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"stage"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Stage"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"stage"},"value":{"kind":"Variable","name":{"kind":"Name","value":"stage"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Forum"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"liveSince"}}]}}]}}]}}]} as unknown as DocumentNode<ForumPreviewQuery, ForumPreviewQueryVariables>;
export const PublishRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishRecords"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targets"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishTarget"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publish"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"targets"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targets"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"published"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PublishRecordsMutation, PublishRecordsMutationVariables>;
export const EventCalendarDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventCalendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusterEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"startDate"},"value":{"kind":"EnumValue","value":"ASC"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"title"},"value":{"kind":"EnumValue","value":"ASC"}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"reportedClusterCount"}},{"kind":"Field","name":{"kind":"Name","value":"federalDistricts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventCalendarQuery, EventCalendarQueryVariables>;
export const ForumPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ForumPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Forum"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"edition"}},{"kind":"Field","name":{"kind":"Name","value":"seriesTitle"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"theme"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"talkTitle"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"quotes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ForumPageQuery, ForumPageQueryVariables>;