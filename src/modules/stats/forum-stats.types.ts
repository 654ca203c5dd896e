import { FORUM_LISTING } from '../programme/programme.listings';
import { Region } from '../region/region.entity';
import { defineStats, key, measure, statsDate } from './stats.define';

const START_DATE = statsDate('startDate');

export const FORUM_STATS = defineStats('Forum', {
  noun: ['forum', 'forums'],
  listing: FORUM_LISTING,
  keys: { YEAR: key.year(START_DATE), REGION: key.related('region', Region, 'name_fold') },
  measures: [...measure.range(START_DATE), ...measure.range('edition', ['lowest', 'highest'])],
});
