import { Forum } from '../forum/forum.entity';
import { SESSION_LISTING } from '../programme/programme.listings';
import { SessionKind } from '../session/session.entity';
import { defineStats, key, measure, statsDate } from './stats.define';

const DATE = statsDate('date', 'the date');

export const SESSION_STATS = defineStats('Session', {
  noun: ['session', 'sessions'],
  listing: SESSION_LISTING,
  keys: {
    KIND: key.column('kind', () => SessionKind),
    FORUM: key.related('forum', Forum, 'title_fold', { groupBy: 'The forum of the session; null for a session held on its own.' }),
    YEAR: key.year(DATE),
    MONTH: key.month(DATE),
  },
  measures: measure.range(DATE),
});
