import type { ClassType } from 'type-graphql';
import { CLUSTER_EVENT_STATS } from './cluster-event-stats.types';
import { CLUSTER_STATS } from './cluster-stats.types';
import { FORUM_STATS } from './forum-stats.types';
import { ORGANIZATION_STATS } from './organization-stats.types';
import { PUBLICATION_STATS } from './publication-stats.types';
import { SESSION_STATS } from './session-stats.types';
import { SPEAKER_STATS } from './speaker-stats.types';

/** Every stats query, and the relations of their group keys. */
export const STATS_RESOLVERS: readonly ClassType[] = [
  CLUSTER_EVENT_STATS,
  CLUSTER_STATS,
  SPEAKER_STATS,
  SESSION_STATS,
  ORGANIZATION_STATS,
  FORUM_STATS,
  PUBLICATION_STATS,
].flatMap((stats) => stats.resolvers);
