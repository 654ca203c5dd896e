import { SortOrder } from '../../shared/enums';
import { type FilteredListing, defineListing, filter, searchField } from '../../shared/listing';
import { Forum } from '../forum/forum.entity';
import { REGION_COLUMNS } from '../region/region.types';
import { SESSIONS_OF_SPEAKER, Session } from '../session/session.entity';
import { Speaker } from '../speaker/speaker.entity';

/*
 * The listings of the programme's forums, sessions and speakers, in one module because each
 * filters through the others (a forum's sessions, a session's forum and speakers, a speaker's
 * sessions): split by domain, their modules imported one another in a circle.
 */

export const FORUM_LISTING: FilteredListing<Forum> = defineListing(Forum, {
  exports: REGION_COLUMNS,
  orderBy: {
    description: 'One key per element: orderBy: [{startDate: DESC}, {title: ASC}]. Default: startDate, then title.',
    fields: {},
    default: [{ startDate: SortOrder.ASC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Forums matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps forums matching neither.',
    noun: ['forum', 'forums'],
    fields: {
      sessions: filter.many(
        () => SESSION_LISTING,
        (alias) => `session ${alias}`,
        (alias, parent) => `${alias}.forum_id = ${parent}.id`,
      ),
    },
  },
});

export const SESSION_LISTING: FilteredListing<Session> = defineListing(Session, {
  exports: [['forum_id', 'forum.id'], ['forum_title', 'forum.title'], ['parent_id', 'parent.id'], ['parent_title', 'parent.title']],
  orderBy: {
    description: 'One key per element. Default: date, then title.',
    fields: {},
    default: [{ date: SortOrder.ASC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Sessions matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps sessions matching neither.',
    noun: ['session', 'sessions'],
    fields: {},
  },
});

export const SPEAKER_LISTING: FilteredListing<Speaker> = defineListing(Speaker, {
  search: [searchField.related('position', 'participation t', 't.speaker_id', 't.position', 't.ordinal')],
  exports: [['organization_id', 'organization.id'], ['organization_name', 'organization.name']],
  orderBy: {
    description: 'One key per element. Default: fullName.',
    fields: {},
    default: [{ fullName: SortOrder.ASC }],
  },
  where: {
    description: 'Speakers matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps speakers matching neither.',
    noun: ['speaker', 'speakers'],
    fields: { sessions: filter.via(SESSIONS_OF_SPEAKER) },
  },
});

/** Each (forum, speaker) pair once: who took part in any session of which forum. */
export const FORUM_SPEAKER_PAIRS = `(SELECT DISTINCT s.forum_id AS forum_id, p.speaker_id AS speaker_id
  FROM participation p JOIN session s ON s.id = p.session_id)`;
