import { relationResolver } from '../../shared/resolvers';
import { FORUM_LISTING, FORUM_SPEAKER_PAIRS, SESSION_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { Forum } from './forum.entity';

export const ForumResolver = relationResolver(
  Forum,
  (r) => ({
    sessions: r.connection(SESSION_LISTING, r.back('forum_id'), { filters: true }),
    speakers: r.connection(
      SPEAKER_LISTING,
      { from: `${FORUM_SPEAKER_PAIRS} x JOIN speaker t ON t.id = x.speaker_id`, parent: 'x.forum_id' },
      { description: 'Everyone who took part in any of its sessions, each once.' },
    ),
  }),
  { name: 'forums', listing: FORUM_LISTING, description: 'Forums, by default in order of their start date (undated last), then title.' },
);
