import { defineModel, field, linkEntityOf } from '../../shared/model';
import { Organization } from '../organization/organization.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Speaker: true } }

/**
 * A speaker: their name and affiliations, and the latest known position and organisation, which
 * are the last affiliation's (shared/model.ts).
 */
export const Speaker = defineModel({
  type: 'Speaker',
  table: 'speaker',
  description: 'A person who spoke at, moderated or organised a session.',
  fields: {
    fullName: field.text({ required: true, length: 300, fold: true, description: 'As the source writes it, e.g. "Виктор Неумывакин".', filter: true, sort: true, export: true, search: { head: true } }),
    position: field.text({
      derived: true,
      length: 1000,
      fold: true,
      description: 'The latest known position, e.g. "директор Департамента ...".',
      filter: 'The latest known position.',
      export: true,
      search: { order: 1 },
    }),
    organization: field.ref(() => Organization, {
      derived: true,
      description: 'The organisation of the latest known position: the most specific unit known.',
      edge: { reverse: null },
      filter: 'The organisation of the latest known position.',
    }),
    affiliations: field.records(
      {
        organization: field.ref(() => Organization, { required: true }),
        position: field.text({ length: 1000, search: { order: 2 } }),
        since: field.date(),
        until: field.date(),
      },
      {
        entity: 'Affiliation',
        entityDescription: 'A position that a speaker held in an organisation, over a period where known.',
        table: 'affiliation',
        parent: { column: 'speaker_id', field: 'speaker' },
        description: 'Positions held, oldest first.',
        sourced: true,
        // Affiliations have no identity of their own: "<speaker key>/<ordinal>".
        key: { length: 200, of: (speaker, _affiliation, ordinal) => `${speaker}/${ordinal + 1}` },
        edge: { reverse: 'Organization.speakers', to: 'organization', distinct: true },
      },
    ),
  },
  derive: (speaker) => {
    const latest = speaker.affiliations.at(-1);
    return { position: latest?.position ?? null, organization: latest?.organization ?? null };
  },
});
export type Speaker = InstanceType<typeof Speaker>;

/** A position a speaker held: the link records of Speaker.affiliations. */
export const Affiliation = linkEntityOf(Speaker.model, 'affiliations');
