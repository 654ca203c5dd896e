import { relationResolver } from '../../shared/resolvers';
import { Organization } from '../organization/organization.entity';
import { FORUM_LISTING, FORUM_SPEAKER_PAIRS, SESSION_LISTING, SPEAKER_LISTING } from '../programme/programme.listings';
import { Quote } from '../publication/quote.entity';
import { Participation } from '../session/session.entity';
import { Affiliation, Speaker } from './speaker.entity';

export const SpeakerResolver = relationResolver(
  Speaker,
  (r) => ({
    organization: r.one(Organization, 'organizationKey', {
      nullable: true,
      description: 'The organisation of the latest known position: the most specific unit known.',
    }),
    affiliations: r.list(Affiliation, { from: 'affiliation t', parent: 't.speaker_id', order: 't.ordinal' }, { description: 'Positions held, oldest first.' }),
    participations: r.list(Participation, {
      from: 'participation t JOIN session s ON s.id = t.session_id',
      parent: 't.speaker_id',
      order: 'CASE WHEN s.date_from IS NULL THEN 1 ELSE 0 END, s.date_from, t.id',
    }),
    sessions: r.connection(
      SESSION_LISTING,
      { from: '(SELECT DISTINCT session_id, speaker_id FROM participation) x JOIN session t ON t.id = x.session_id', parent: 'x.speaker_id' },
      { filters: true },
    ),
    forums: r.connection(
      FORUM_LISTING,
      { from: `${FORUM_SPEAKER_PAIRS} x JOIN forum t ON t.id = x.forum_id`, parent: 'x.speaker_id' },
      { description: 'Forums at whose sessions the speaker took part.' },
    ),
    quotes: r.list(Quote, { from: 'quote t', parent: 't.speaker_id', order: 't.ordinal, t.id' }),
  }),
  { name: 'speakers', listing: SPEAKER_LISTING, description: 'Speakers, by default by full name.' },
);

export const AffiliationResolver = relationResolver(Affiliation, (r) => ({
  speaker: r.one(Speaker, 'speakerKey'),
  organization: r.one(Organization, 'organizationKey'),
}));
