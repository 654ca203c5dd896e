import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ClusterEvent, ClusterEventCluster } from '../../src/modules/cluster-event/cluster-event.entity';
import { Cluster, ClusterMember } from '../../src/modules/cluster/cluster.entity';
import { Forum } from '../../src/modules/forum/forum.entity';
import { Organization, OrganizationKind } from '../../src/modules/organization/organization.entity';
import { Participation, ParticipationRole, Session, SessionKind } from '../../src/modules/session/session.entity';
import { Speaker } from '../../src/modules/speaker/speaker.entity';
import { ClusterEventKind } from '../../src/modules/cluster-event/cluster-event.entity';
import { ClusterMemberRole } from '../../src/modules/cluster/cluster.entity';
import { foldText } from '../../src/shared/text';
import { type TestApp, startTestApp } from './app';

/**
 * Adds synthetic records to a test database: `forums` forums of `sessionsPerForum` sessions,
 * each session with two speakers from their own organisations, and `events` cluster events each
 * linked to three clusters. Every key starts with "synthetic-" and every name says
 * «синтетический»: never mixed into the real data set, only into a test's own database.
 */
export async function addSyntheticGraph(
  dataSource: DataSource,
  size: { forums: number; sessionsPerForum: number; events: number },
): Promise<void> {
  const forums: Partial<Forum>[] = [];
  const sessions: Partial<Session>[] = [];
  const speakers: Partial<Speaker>[] = [];
  const organizations: Partial<Organization>[] = [];
  const participations: ObjectLiteral[] = [];
  for (let f = 0; f < size.forums; f++) {
    const title = `Синтетический форум ${f}`;
    forums.push({ key: `synthetic-forum-${f}`, title, titleFold: foldText(title), startDateIso: '2030', startDateFrom: '2030-01-01' });
    for (let s = 0; s < size.sessionsPerForum; s++) {
      const key = `synthetic-session-${f}-${s}`;
      const sessionTitle = `Синтетическая сессия ${f}.${s}`;
      sessions.push({ key, title: sessionTitle, titleFold: foldText(sessionTitle), kind: SessionKind.OTHER, forumKey: `synthetic-forum-${f}`, dateIso: '2030-01-01', dateFrom: '2030-01-01' });
      for (let p = 0; p < 2; p++) {
        const speakerKey = `synthetic-speaker-${f}-${s}-${p}`;
        const organizationKey = `synthetic-organization-${f}-${s}-${p}`;
        const name = `Синтетическая организация ${f}.${s}.${p}`;
        organizations.push({ key: organizationKey, name, nameFold: foldText(name), kind: OrganizationKind.OTHER });
        const fullName = `Синтетический докладчик ${f}.${s}.${p}`;
        speakers.push({ key: speakerKey, fullName, fullNameFold: foldText(fullName), organizationKey });
        participations.push({
          key: `${key}/${speakerKey}/speaker`,
          sessionKey: key,
          speakerKey,
          role: ParticipationRole.SPEAKER,
          organizationKey,
          ordinal: p,
        });
      }
    }
  }
  const clusters: Partial<Cluster>[] = [];
  const members: ObjectLiteral[] = [];
  const events: Partial<ClusterEvent>[] = [];
  const links: ObjectLiteral[] = [];
  for (let c = 0; c < Math.max(3, size.events); c++) {
    const name = `Синтетический кластер ${c}`;
    clusters.push({ key: `synthetic-cluster-${c}`, name, nameFold: foldText(name), regionKey: 'RU-BU' });
    members.push({ clusterKey: `synthetic-cluster-${c}`, organizationKey: 'irpo', role: ClusterMemberRole.OTHER, ordinal: 0 });
  }
  for (let e = 0; e < size.events; e++) {
    const title = `Синтетическое событие ${e}`;
    const day = String((e % 28) + 1).padStart(2, '0');
    events.push({ key: `synthetic-event-${e}`, title, titleFold: foldText(title), kind: ClusterEventKind.OTHER, startDateIso: `2030-01-${day}`, startDateFrom: `2030-01-${day}` });
    for (let k = 0; k < 3; k++) {
      links.push({ eventKey: `synthetic-event-${e}`, clusterKey: `synthetic-cluster-${(e + k) % clusters.length}`, ordinal: k });
    }
  }
  await dataSource.transaction(async (manager) => {
    const insert = async (entity: EntityTarget<ObjectLiteral>, rows: object[]) => {
      for (let i = 0; i < rows.length; i += 200) await manager.insert(entity, rows.slice(i, i + 200));
    };
    await insert(Organization, organizations);
    await insert(Speaker, speakers);
    await insert(Forum, forums);
    await insert(Session, sessions);
    await insert(Participation, participations);
    await insert(Cluster, clusters);
    await insert(ClusterMember, members);
    await insert(ClusterEvent, events);
    await insert(ClusterEventCluster, links);
  });
}

/**
 * Two servers on the real data set, one with a little synthetic data and one with much more, for
 * tests that compare statement counts of the same query shape as the rows grow.
 */
export async function startSmallAndLarge(env: Record<string, string> = {}): Promise<{ small: TestApp; large: TestApp; close(): Promise<void> }> {
  const small = await startTestApp({ env });
  const large = await startTestApp({ env });
  await addSyntheticGraph(small.database.dataSource, { forums: 1, sessionsPerForum: 2, events: 2 });
  await addSyntheticGraph(large.database.dataSource, { forums: 10, sessionsPerForum: 10, events: 100 });
  return {
    small,
    large,
    async close() {
      await small.close();
      await large.close();
    },
  };
}
