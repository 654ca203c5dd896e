import { z } from 'zod';
import { PartialDate } from '../../shared/partial-date';
import { ClusterEventKind } from '../cluster-event/cluster-event.entity';
import { ClusterMemberRole } from '../cluster/cluster.entity';
import { FigureQualifier } from '../figure/figure.entity';
import { OrganizationKind } from '../organization/organization.entity';
import { PublicationKind } from '../publication/publication.entity';
import { ParticipationRole, SessionKind } from '../session/session.entity';

/** The shapes of the seed records (see seeds/README.md). Unknown fields are errors. */

const key = z
  .string({ invalid_type_error: 'expected a key (a lower-case slug)' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a key: lower-case latin letters, digits and single hyphens');
const regionKey = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{2,3}$/, 'expected a region key: an ISO 3166-2 code like "RU-BU"');
const text = z.string({ invalid_type_error: 'expected a string' }).trim().min(1, 'expected a non-empty string');
const date = z
  .string({ invalid_type_error: 'expected a quoted date string like "2024", "2024-04" or "2024-04-20"' })
  .refine((value) => PartialDate.parse(value) !== null, (value) => ({
    message: `expected a date like "2024", "2024-04" or "2024-04-20"; received "${value}"`,
  }));
const int = z.number({ invalid_type_error: 'expected an integer' }).int('expected an integer');
const sources = z.array(key).min(1, 'expected at least one publication key');
/** A value of a GraphQL enum (defineEnum): the schema keeps the enum, so inputs made from it use the same type. */
const enumOf = <T extends Record<string, string>>(values: T) =>
  z.nativeEnum(values, {
    errorMap: (issue, ctx) => ({
      message:
        issue.code === 'invalid_enum_value'
          ? `expected one of ${Object.values(values).join(', ')}; received ${JSON.stringify(issue.received)}`
          : ctx.defaultError,
    }),
  });

export const federalDistrictSchema = z.object({ key, name: text }).strict();

export const publicationSchema = z
  .object({
    key,
    kind: enumOf(PublicationKind),
    title: text,
    lead: text.optional(),
    body: text.optional(),
    publishedAt: date.optional(),
    sourceUrl: z.string().url('expected an absolute URL').optional(),
    note: text.optional(),
  })
  .strict();

export const organizationSchema = z
  .object({
    key,
    name: text,
    shortName: text.optional(),
    kind: enumOf(OrganizationKind),
    parent: key.optional(),
    region: regionKey.optional(),
    sources,
  })
  .strict();

export const speakerSchema = z
  .object({
    key,
    fullName: text,
    affiliations: z
      .array(
        z
          .object({
            organization: key,
            position: text.optional(),
            since: date.optional(),
            until: date.optional(),
            sources,
          })
          .strict(),
      )
      .default([]),
    sources,
  })
  .strict();

export const forumSchema = z
  .object({
    key,
    title: text,
    edition: int.positive().optional(),
    seriesTitle: text.optional(),
    startDate: date.optional(),
    endDate: date.optional(),
    city: text.optional(),
    venue: text.optional(),
    region: regionKey.optional(),
    theme: text.optional(),
    organizers: z.array(key).default([]),
    sources,
  })
  .strict();

export const sessionSchema = z
  .object({
    key,
    title: text,
    kind: enumOf(SessionKind),
    forum: key.optional(),
    parent: key.optional(),
    date: date.optional(),
    participants: z
      .array(
        z
          .object({
            speaker: key,
            role: enumOf(ParticipationRole),
            talkTitle: text.optional(),
            position: text.optional(),
            organization: key.optional(),
          })
          .strict(),
      )
      .default([]),
    sources,
  })
  .strict();

export const quoteSchema = z
  .object({ key, text, speaker: key, session: key.optional(), publication: key.optional() })
  .strict();

export const clusterSchema = z
  .object({
    key,
    name: text,
    industry: text.optional(),
    region: regionKey.optional(),
    launchYear: int.min(1990).max(2100).optional(),
    members: z
      .array(
        z
          .object({
            organization: key,
            role: enumOf(ClusterMemberRole),
          })
          .strict(),
      )
      .default([]),
    sources,
  })
  .strict();

export const clusterEventSchema = z
  .object({
    key,
    title: text,
    kind: enumOf(ClusterEventKind),
    startDate: date.optional(),
    endDate: date.optional(),
    venue: text.optional(),
    city: text.optional(),
    description: text.optional(),
    parent: key.optional(),
    reportedClusterCount: int.nonnegative().optional(),
    reportedRegionCount: int.nonnegative().optional(),
    clusters: z.array(key).default([]),
    organizations: z.array(key).default([]),
    federalDistricts: z.array(key).default([]),
    sources,
  })
  .strict();

export const SUBJECT_KINDS = ['forum', 'session', 'clusterEvent', 'organization', 'cluster'] as const;

export const figureSchema = z
  .object({
    key,
    metric: text,
    value: z.number({ invalid_type_error: 'expected a number' }).finite(),
    qualifier: enumOf(FigureQualifier),
    unit: text.optional(),
    date: date.optional(),
    subject: z.object({ kind: z.enum(SUBJECT_KINDS), key }).strict().optional(),
    sources,
  })
  .strict();

export type FederalDistrictSeed = z.infer<typeof federalDistrictSchema>;
export type PublicationSeed = z.infer<typeof publicationSchema>;
export type OrganizationSeed = z.infer<typeof organizationSchema>;
export type SpeakerSeed = z.infer<typeof speakerSchema>;
export type ForumSeed = z.infer<typeof forumSchema>;
export type SessionSeed = z.infer<typeof sessionSchema>;
export type QuoteSeed = z.infer<typeof quoteSchema>;
export type ClusterSeed = z.infer<typeof clusterSchema>;
export type ClusterEventSeed = z.infer<typeof clusterEventSchema>;
export type FigureSeed = z.infer<typeof figureSchema>;
