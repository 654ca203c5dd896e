/** One column of an export: its header and the path of its value in a GraphQL node. */
export interface Column {
  name: string;
  /** E.g. "forum.title"; a path through a to-many relation ("federalDistricts.name") gives a list. */
  path: string;
}

/** A top-level list that can be exported: its Query field (also its name in the URL) and columns. */
export interface ExportList {
  name: string;
  columns: readonly Column[];
}

/** "shortName" is the column short_name of the field shortName; a pair names a column and its path. */
type ColumnSpec = string | readonly [name: string, path: string];

function list(name: string, ...specs: ColumnSpec[]): ExportList {
  const columns = specs.map((spec) =>
    typeof spec === 'string' ? { name: spec.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), path: spec } : { name: spec[0], path: spec[1] },
  );
  return { name, columns };
}

const REGION: ColumnSpec[] = [
  ['region_id', 'region.id'],
  ['region_name', 'region.name'],
  ['federal_district_id', 'region.federalDistrict.id'],
  ['federal_district_name', 'region.federalDistrict.name'],
];

/**
 * The exports, in the order /export lists them. Columns: the type's scalar fields (partial dates
 * as their ISO string at the known precision) and the ID and name or title of its to-one relations.
 */
export const EXPORT_LISTS: readonly ExportList[] = [
  list('forums', 'id', 'title', 'seriesTitle', 'edition', ['start_date', 'startDate.iso'], ['end_date', 'endDate.iso'], 'city', 'venue', 'theme', ...REGION),
  list('sessions', 'id', 'title', 'kind', ['date', 'date.iso'], ['forum_id', 'forum.id'], ['forum_title', 'forum.title'], ['parent_id', 'parent.id'], ['parent_title', 'parent.title']),
  list('speakers', 'id', 'fullName', 'position', ['organization_id', 'organization.id'], ['organization_name', 'organization.name']),
  list('organizations', 'id', 'name', 'shortName', 'kind', ['parent_id', 'parent.id'], ['parent_name', 'parent.name'], ['region_id', 'region.id'], ['region_name', 'region.name']),
  list('clusters', 'id', 'name', 'industry', 'launchYear', ...REGION),
  list(
    'clusterEvents',
    'id',
    'title',
    'kind',
    ['start_date', 'startDate.iso'],
    ['end_date', 'endDate.iso'],
    'city',
    'venue',
    'description',
    'reportedClusterCount',
    'reportedRegionCount',
    ['parent_id', 'parent.id'],
    ['parent_title', 'parent.title'],
    ['federal_districts', 'federalDistricts.name'],
  ),
  list('federalDistricts', 'id', 'name'),
  list('regions', 'id', 'name', 'fullName', 'kind', 'isoCode', 'timezone', ['federal_district_id', 'federalDistrict.id'], ['federal_district_name', 'federalDistrict.name']),
  list('publications', 'id', 'title', 'kind', ['published_at', 'publishedAt.iso'], 'sourceUrl', 'lead', 'note', 'body'),
  list('figures', 'id', 'metric', 'value', 'unit', 'qualifier', ['date', 'date.iso'], ['subject_id', 'subject.id'], ['subject_type', 'subject.__typename']),
];

/** The value at `path` in `node`: null where a relation or value is missing; a list through a list. */
export function valueAt(node: unknown, path: string): unknown {
  let value: unknown = node;
  for (const name of path.split('.')) {
    if (value == null) return null;
    value = Array.isArray(value) ? value.map((item) => (item as Record<string, unknown>)[name] ?? null) : (value as Record<string, unknown>)[name];
  }
  return value ?? null;
}

/** A node as one export row: column name to value, in column order. */
export function rowOf(list: ExportList, node: unknown): Record<string, unknown> {
  return Object.fromEntries(list.columns.map((column) => [column.name, valueAt(node, column.path)]));
}
