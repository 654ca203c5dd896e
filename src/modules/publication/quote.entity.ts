import { defineModel, field } from '../../shared/model';
import { Session } from '../session/session.entity';
import { Speaker } from '../speaker/speaker.entity';
import { Publication } from './publication.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Quote: true } }

/**
 * A quote: its fields and references (shared/model.ts). The seed files leave its sources to the
 * loader (its publication); imports and mutations name them.
 */
export const Quote = defineModel({
  type: 'Quote',
  table: 'quote',
  description: 'Words a speaker said, as a publication quotes them.',
  sourced: 'written',
  // A quote's provenance is its publication; it answers no `publications` of its own.
  cited: false,
  fields: {
    text: field.text({ required: true, search: {} }),
    speaker: field.ref(() => Speaker, { required: true, edge: { reverse: 'Speaker.quotes' } }),
    session: field.ref(() => Session, { edge: { reverse: 'Session.quotes' } }),
    publication: field.ref(() => Publication, { edge: { reverse: 'Publication.quotes' } }),
  },
  // The order of quotes within their publication, session and speaker: the order they were created in (the seed file's).
  columns: { ordinal: { type: 'integer', append: true } },
});
export type Quote = InstanceType<typeof Quote>;
