import { relationResolver } from '../../shared/resolvers';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { SESSION_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { Quote } from '../publication/quote.entity';
import { Speaker } from '../speaker/speaker.entity';
import { Participation, Session } from './session.entity';

export const SessionResolver = relationResolver(
  Session,
  (r) => ({
    forum: r.one(Forum, 'forumKey', { nullable: true, description: 'Null for a session held outside any forum.', edge: { reverse: 'Forum.sessions' } }),
    parent: r.one(Session, 'parentKey', { nullable: true, description: 'The session this one is part of, where it is a part.', edge: { reverse: 'Session.children' } }),
    children: r.connection(SESSION_LISTING, r.back('parent_id'), { description: 'The parts of this session.' }),
    participants: r.list(
      Participation,
      r.back('session_id', { order: 't.ordinal, t.id' }),
      { description: 'Who took part, in the order the source lists them.' },
    ),
    speakers: r.connection(
      SPEAKER_LISTING,
      r.through('participation', 'session_id', 'speaker_id', { distinct: true }),
      { description: 'Everyone who took part, each once.' },
    ),
    quotes: r.list(Quote, r.back('session_id', { order: 't.ordinal, t.id' })),
  }),
  { name: 'sessions', listing: SESSION_LISTING, description: 'Sessions, by default by date (undated last), then title.' },
);

export const ParticipationResolver = relationResolver(Participation, (r) => ({
  speaker: r.one(Speaker, 'speakerKey'),
  session: r.one(Session, 'sessionKey'),
  organization: r.one(Organization, 'organizationKey', { nullable: true, description: 'The organisation as stated at the time of the session.' }),
}));
