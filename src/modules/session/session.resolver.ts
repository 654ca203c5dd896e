import { relationResolver } from '../../shared/resolvers';
import { SESSION_LISTING } from '../programme/programme.listings';
import { Quote } from '../publication/quote.entity';
import { Session } from './session.entity';

/** A session's relations beyond its model's (forum, parent, participants and speakers come from it). */
export const SessionResolver = relationResolver(
  Session,
  (r) => ({
    children: r.connection(SESSION_LISTING, r.back('parent_id'), { description: 'The parts of this session.' }),
    quotes: r.list(Quote, r.back('session_id', { order: 't.ordinal, t.id' })),
  }),
  { name: 'sessions', listing: SESSION_LISTING, description: 'Sessions, by default by date (undated last), then title.' },
);
