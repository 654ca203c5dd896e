import { type EnumValue, defineEnum } from '../../shared/enums';
import { type ModelTarget, defineModel, field, linkEntityOf } from '../../shared/model';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Speaker } from '../speaker/speaker.entity';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Session: true } }

export const SessionKind = defineEnum('SessionKind', ['STRATEGIC_SESSION', 'PROJECT_SESSION', 'PLENARY', 'DISCUSSION', 'OTHER']);
export type SessionKind = EnumValue<typeof SessionKind>;

export const ParticipationRole = defineEnum('ParticipationRole', ['SPEAKER', 'MODERATOR', 'ORGANIZER']);
export type ParticipationRole = EnumValue<typeof ParticipationRole>;

/** A session: its fields, references, participants and what lists, search and exports do with them (shared/model.ts). */
export const Session = defineModel({
  type: 'Session',
  table: 'session',
  description: 'A session of a forum (or held on its own).',
  fields: {
    title: field.text({ required: true, length: 1000, fold: true, filter: true, sort: true, export: true, search: { head: true } }),
    kind: field.enum(SessionKind, 'SessionKind', { required: true, filter: true, sort: true, export: true }),
    forum: field.ref(() => Forum, {
      description: 'Null for a session held outside any forum.',
      edge: { reverse: 'Forum.sessions' },
      filter: "The session's forum matches; a session without a forum never does.",
    }),
    parent: field.ref((): ModelTarget => Session, { description: 'The session this one is part of, where it is a part.', edge: { reverse: 'Session.children' } }),
    date: field.date({ filter: true, sort: true, export: true }),
    participants: field.records(
      {
        speaker: field.ref(() => Speaker, { required: true }),
        role: field.enum(ParticipationRole, 'ParticipationRole', { required: true }),
        talkTitle: field.text({ length: 1000, description: 'The title of the talk or report, where there was one.', search: {} }),
        position: field.text({ length: 1000, description: 'The position as stated at the time of the session.' }),
        organization: field.ref(() => Organization, { description: 'The organisation as stated at the time of the session.' }),
      },
      {
        entity: 'Participation',
        entityDescription: "A speaker's part in a session, with the position and organisation they held at that time.",
        table: 'participation',
        parent: { column: 'session_id', field: 'session' },
        description: 'Who took part, in the order the source lists them.',
        // One part per speaker and role: "<session key>/<speaker key>/<role>".
        key: { length: 300, of: (session, participant) => `${session}/${participant.speaker}/${participant.role.toLowerCase()}` },
        distinct: { by: ['speaker', 'role'], at: 'speaker' },
        lists: { speakers: { to: 'speaker', description: 'Everyone who took part, each once.', filter: true } },
      },
    ),
  },
});
export type Session = InstanceType<typeof Session>;

/** A speaker's part in a session: the link records of Session.participants. */
export const Participation = linkEntityOf(Session.model, 'participants');

/** The sessions a speaker took part in: the reverse of Session.speakers (speaker.resolver.ts, SPEAKER_LISTING). */
export const SESSIONS_OF_SPEAKER = { model: () => Session, list: 'participants', to: 'speaker' } as const;
