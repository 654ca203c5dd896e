import { defineModel, field, linkEntityOf } from '../../shared/model';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Forum: true } }

/**
 * A forum: its fields, references and what lists, search and exports do with them (shared/model.ts).
 * Relations come in the order graph walks prefer them: organizers, then region.
 */
export const Forum = defineModel({
  type: 'Forum',
  table: 'forum',
  description: 'A forum: one edition of a series, or a one-off event with sessions.',
  fields: {
    title: field.text({ required: true, length: 500, fold: true, description: 'E.g. "VIII Байкальский образовательный форум".', filter: true, sort: true, export: true, search: { head: true } }),
    seriesTitle: field.text({ length: 500, description: 'The series\' name without the edition, e.g. "Байкальский образовательный форум".', export: true }),
    edition: field.int({ min: 1, description: "The edition's number in its series (8 for the VIII forum), where the source gives one.", filter: true, sort: true, export: true }),
    startDate: field.date({ filter: true, sort: true, export: true }),
    endDate: field.date({ export: true }),
    city: field.text({ length: 200, fold: true, filter: true, export: true, search: { order: 2 } }),
    venue: field.text({ length: 500, description: 'Where it was held, where the source says, e.g. "ВДНХ".', export: true, search: { order: 3 } }),
    theme: field.text({ export: true, search: { order: 1 } }),
    organizers: field.keys(() => Organization, {
      description: 'Who organised the forum, or under whose aegis it was held.',
      edge: { reverse: 'Organization.organizedForums' },
      link: { entity: 'ForumOrganizer', table: 'forum_organizer', parent: 'forum_id', target: 'organization_id' },
    }),
    region: field.ref(() => Region, { description: 'The region it was held in, where the source says.', edge: { reverse: 'Region.forums' }, filter: 'The region the forum was held in.' }),
  },
});
export type Forum = InstanceType<typeof Forum>;

/** An organisation that organised a forum (or under whose aegis it was held): the link table of Forum.organizers. */
export const ForumOrganizer = linkEntityOf(Forum.model, 'organizers');
