import { SortOrder } from '../../shared/enums';
import { type FilteredListing, defineListing, enumFilter, filter, searchField, sort } from '../../shared/listing';
import { Forum } from '../forum/forum.entity';
import { ORGANIZATION_LISTING } from '../organization/organization.types';
import { REGION_COLUMNS } from '../region/region.types';
import { Session, SessionKind } from '../session/session.entity';
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
  search: [
    searchField.own('title', 'title', { head: true }),
    searchField.related('talkTitle', 'participation t', 't.session_id', 't.talk_title', 't.ordinal'),
  ],
  exports: ['id', 'title', 'kind', ['date', 'date.iso'], ['forum_id', 'forum.id'], ['forum_title', 'forum.title'], ['parent_id', 'parent.id'], ['parent_title', 'parent.title']],
  orderBy: {
    description: 'One key per element. Default: date, then title.',
    fields: {
      title: sort.text('title_fold'),
      date: sort.text('date_from', { nullable: true }),
      kind: sort.text('kind'),
    },
    default: [{ date: SortOrder.ASC }, { title: SortOrder.ASC }],
  },
  where: {
    description: 'Sessions matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps sessions matching neither.',
    noun: ['session', 'sessions'],
    fields: {
      id: filter.id(),
      title: filter.string('title_fold'),
      kind: filter.enum('kind', enumFilter(SessionKind, 'SessionKind')),
      date: filter.date('date_from'),
      forum: filter.one(() => FORUM_LISTING, 'forum_id', "The session's forum matches; a session without a forum never does."),
      speakers: filter.many(
        () => SPEAKER_LISTING,
        (alias) => `participation ${alias}_p JOIN speaker ${alias} ON ${alias}.id = ${alias}_p.speaker_id`,
        (alias, parent) => `${alias}_p.session_id = ${parent}.id`,
      ),
    },
  },
});

export const SPEAKER_LISTING: FilteredListing<Speaker> = defineListing(Speaker, {
  search: [
    searchField.own('fullName', 'full_name', { head: true }),
    searchField.own('position', 'position'),
    searchField.related('position', 'affiliation t', 't.speaker_id', 't.position', 't.ordinal'),
    searchField.related('position', 'participation t', 't.speaker_id', 't.position', 't.ordinal'),
  ],
  exports: ['id', 'fullName', 'position', ['organization_id', 'organization.id'], ['organization_name', 'organization.name']],
  orderBy: {
    description: 'One key per element. Default: fullName.',
    fields: { fullName: sort.text('full_name_fold') },
    default: [{ fullName: SortOrder.ASC }],
  },
  where: {
    description: 'Speakers matching every field given. AND, OR and NOT combine filters; NOT: [a, b] keeps speakers matching neither.',
    noun: ['speaker', 'speakers'],
    fields: {
      id: filter.id(),
      fullName: filter.string('full_name_fold'),
      position: filter.string('position_fold', 'The latest known position.'),
      organization: filter.one(() => ORGANIZATION_LISTING, 'organization_id', 'The organisation of the latest known position.'),
      sessions: filter.many(
        () => SESSION_LISTING,
        (alias) => `participation ${alias}_p JOIN session ${alias} ON ${alias}.id = ${alias}_p.session_id`,
        (alias, parent) => `${alias}_p.speaker_id = ${parent}.id`,
      ),
    },
  },
});

/** Each (forum, speaker) pair once: who took part in any session of which forum. */
export const FORUM_SPEAKER_PAIRS = `(SELECT DISTINCT s.forum_id AS forum_id, p.speaker_id AS speaker_id
  FROM participation p JOIN session s ON s.id = p.session_id)`;
