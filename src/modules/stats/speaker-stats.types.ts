import { Organization } from '../organization/organization.entity';
import { SPEAKER_LISTING } from '../programme/programme.listings';
import { defineStats, key } from './stats.define';

const LATEST_ORGANIZATION = 'The organisation of the latest known position.';

export const SPEAKER_STATS = defineStats('Speaker', {
  noun: ['speaker', 'speakers'],
  listing: SPEAKER_LISTING,
  keys: { ORGANIZATION: key.related('organization', Organization, 'name_fold', { description: LATEST_ORGANIZATION, groupBy: LATEST_ORGANIZATION }) },
});
