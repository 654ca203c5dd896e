import { relationResolver } from '../../shared/resolvers';
import { FORUM_LISTING, FORUM_SPEAKER_PAIRS, SPEAKER_LISTING } from '../programme/programme.listings';
import { Quote } from '../publication/quote.entity';
import { Participation, SESSIONS_OF_SPEAKER } from '../session/session.entity';
import { Speaker } from './speaker.entity';

export const SpeakerResolver = relationResolver(
  Speaker,
  (r) => ({
    sessions: r.via(SESSIONS_OF_SPEAKER, { filters: true, edge: { reverse: 'Session.speakers' } }),
    participations: r.list(Participation, {
      from: 'participation t JOIN session s ON s.id = t.session_id',
      parent: 't.speaker_id',
      order: 'CASE WHEN s.date_from IS NULL THEN 1 ELSE 0 END, s.date_from, t.id',
    }),
    forums: r.connection(
      FORUM_LISTING,
      { from: `${FORUM_SPEAKER_PAIRS} x JOIN forum t ON t.id = x.forum_id`, parent: 'x.speaker_id' },
      { description: 'Forums at whose sessions the speaker took part.' },
    ),
    quotes: r.list(Quote, r.back('speaker_id', { order: 't.ordinal, t.id' })),
  }),
  { name: 'speakers', listing: SPEAKER_LISTING, description: 'Speakers, by default by full name.' },
);
