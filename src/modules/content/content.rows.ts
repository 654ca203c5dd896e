import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { NodeType } from '../../shared/global-id';
import type { Fields, ModelRows, RecordOfModel } from '../../shared/model';
import { PartialDate } from '../../shared/partial-date';
import { foldText } from '../../shared/text';
import { ClusterEvent } from '../cluster-event/cluster-event.entity';
import { Cluster, ClusterMember } from '../cluster/cluster.entity';
import { Figure } from '../figure/figure.entity';
import { Forum, ForumOrganizer } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Publication, PublicationMention } from '../publication/publication.entity';
import { Quote } from '../publication/quote.entity';
import { FederalDistrict, Region } from '../region/region.entity';
import { Participation, Session } from '../session/session.entity';
import { Affiliation, Speaker } from '../speaker/speaker.entity';
import type { ContentSet, RegionSeed } from './content.set';

/*
 * How records of the seed format become the rows of the content tables: the one mapping the
 * seed loader, the import and the mutations share.
 */

/** The link rows of some records: replaced per parent (`parentProperty` in `parentKeys`). */
export interface LinkRows {
  entity: EntityTarget<ObjectLiteral>;
  parentProperty: string;
  parentKeys: string[];
  rows: ObjectLiteral[];
}

/** Parents before children, so foreign keys hold on every insert. */
export function parentsFirst<T extends { key: string; parent?: string }>(records: T[]): T[] {
  const byKey = new Map(records.map((r) => [r.key, r]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (record: T) => {
    if (done.has(record.key)) return;
    done.add(record.key);
    // A parent outside the set (a partial write) is in the database already.
    const parent = record.parent === undefined ? undefined : byKey.get(record.parent);
    if (parent) visit(parent);
    out.push(record);
  };
  records.forEach(visit);
  return out;
}

const from = (iso: string | undefined) => (iso ? PartialDate.firstDay(iso) : null);

/** A region of the reference data as a record of its model: its district by key (the CSV names it), no timezone where it has none. */
export function regionRecord(seed: RegionSeed, districtKeyByName: ReadonlyMap<string, string>): RecordOfModel<typeof Region> {
  const { federalDistrictName, timezone, ...rest } = seed;
  const federalDistrict = federalDistrictName ? districtKeyByName.get(federalDistrictName) : undefined;
  return { ...rest, ...(timezone ? { timezone } : {}), ...(federalDistrict ? { federalDistrict } : {}) };
}

/** Adds the link rows of record `key` (its model's toRows) to `into`: one LinkRows per link table, replaced for every record. */
function gatherLinks(into: LinkRows[], key: string, links: ModelRows<Fields>['links']): void {
  for (const { entity, parentProperty, rows } of links) {
    let at = into.find((link) => link.entity === entity);
    if (!at) into.push((at = { entity, parentProperty, parentKeys: [], rows: [] }));
    at.parentKeys.push(key);
    at.rows.push(...rows);
  }
}

/** The rows of every record of `set`: node rows (parents first) and link rows. */
export function toRows(set: ContentSet): { nodes: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][]; links: LinkRows[] } {
  const districtKeyByName = new Map(set.federalDistricts.map((d) => [d.name, d.key]));
  const mentions: ObjectLiteral[] = [];
  const cite = (nodeType: NodeType, record: { key: string; sources: string[] }) =>
    [...new Set(record.sources)].forEach((publicationKey) =>
      mentions.push({ publicationKey, nodeType, nodeKey: record.key, ordinal: mentions.length }),
    );

  const federalDistricts = set.federalDistricts.map((d) => FederalDistrict.model.toRows(d).row);
  const regions = set.regions.map((r) => Region.model.toRows(regionRecord(r, districtKeyByName)).row);
  const dataset = set.publications.find((p) => p.kind === 'DATASET');
  if (dataset) {
    for (const d of set.federalDistricts) cite('FederalDistrict', { key: d.key, sources: [dataset.key] });
    for (const r of set.regions) cite('Region', { key: r.key, sources: [dataset.key] });
  }
  const publications = set.publications.map((p) => Publication.model.toRows(p).row);
  const organizations = parentsFirst(set.organizations).map((o) => {
    cite('Organization', o);
    return Organization.model.toRows(o).row;
  });
  const affiliations: ObjectLiteral[] = [];
  const speakers = set.speakers.map((s) => {
    cite('Speaker', { key: s.key, sources: [...s.sources, ...s.affiliations.flatMap((a) => a.sources)] });
    s.affiliations.forEach((a, ordinal) =>
      affiliations.push({
        key: `${s.key}/${ordinal + 1}`,
        speakerKey: s.key,
        organizationKey: a.organization,
        position: a.position ?? null,
        sinceIso: a.since ?? null,
        sinceFrom: from(a.since),
        untilIso: a.until ?? null,
        untilFrom: from(a.until),
        ordinal,
      }),
    );
    const latest = s.affiliations.at(-1);
    return {
      key: s.key,
      fullName: s.fullName,
      fullNameFold: foldText(s.fullName),
      position: latest?.position ?? null,
      positionFold: foldText(latest?.position),
      organizationKey: latest?.organization ?? null,
    };
  });
  const forumOrganizers: ObjectLiteral[] = [];
  const forums = set.forums.map((f) => {
    cite('Forum', f);
    const { row, links } = Forum.model.toRows(f);
    for (const link of links) forumOrganizers.push(...link.rows);
    return row;
  });
  const participations: ObjectLiteral[] = [];
  const sessions = parentsFirst(set.sessions).map((s) => {
    cite('Session', s);
    s.participants.forEach((p, ordinal) =>
      participations.push({
        key: `${s.key}/${p.speaker}/${p.role.toLowerCase()}`,
        sessionKey: s.key,
        speakerKey: p.speaker,
        role: p.role,
        talkTitle: p.talkTitle ?? null,
        position: p.position ?? null,
        organizationKey: p.organization ?? null,
        ordinal,
      }),
    );
    return {
      key: s.key,
      title: s.title,
      titleFold: foldText(s.title),
      kind: s.kind,
      forumKey: s.forum ?? null,
      parentKey: s.parent ?? null,
      dateIso: s.date ?? null,
      dateFrom: from(s.date),
    };
  });
  const quotes = set.quotes.map((q, position) => Quote.model.toRows(q, position).row);
  const members: ObjectLiteral[] = [];
  const clusters = set.clusters.map((c) => {
    cite('Cluster', c);
    c.members.forEach((m, ordinal) => members.push({ clusterKey: c.key, organizationKey: m.organization, role: m.role, ordinal }));
    return {
      key: c.key,
      name: c.name,
      nameFold: foldText(c.name),
      industry: c.industry ?? null,
      industryFold: foldText(c.industry),
      regionKey: c.region ?? null,
      launchYear: c.launchYear ?? null,
    };
  });
  const eventLinks: LinkRows[] = [];
  const clusterEvents = parentsFirst(set.clusterEvents).map((e) => {
    cite('ClusterEvent', e);
    const { row, links } = ClusterEvent.model.toRows(e);
    gatherLinks(eventLinks, e.key, links);
    return row;
  });
  const figures = set.figures.map((f) => {
    cite('Figure', f);
    return Figure.model.toRows(f).row;
  });

  const keysOf = (list: { key: string }[]) => list.map((r) => r.key);
  return {
    nodes: [
      [FederalDistrict, federalDistricts],
      [Region, regions],
      [Publication, publications],
      [Organization, organizations],
      [Speaker, speakers],
      [Affiliation, affiliations],
      [Forum, forums],
      [Session, sessions],
      [Participation, participations],
      [Quote, quotes],
      [Cluster, clusters],
      [ClusterEvent, clusterEvents],
      [Figure, figures],
    ],
    links: [
      { entity: PublicationMention, parentProperty: 'publicationKey', parentKeys: keysOf(publications), rows: mentions },
      { entity: ForumOrganizer, parentProperty: 'forumKey', parentKeys: keysOf(forums), rows: forumOrganizers },
      { entity: ClusterMember, parentProperty: 'clusterKey', parentKeys: keysOf(clusters), rows: members },
      ...eventLinks,
    ],
  };
}
