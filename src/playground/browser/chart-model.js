/*
 * The Playground's chart model (issue 17): a chart's categories and series, a table's columns and
 * CSV text, from a stats answer as chart-query.js reads it, with no DOM or ECharts code, so Node can
 * run it too (chart-model.spec.ts). chart-view.js draws what it builds.
 *
 * buildModel, numericMeasures, defaultMeasure, columnsOf, cellText and csvOf turn a stats answer
 * (chart-query.js's findStats) into a chart's categories and series, a table's columns and CSV text.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
/** @typedef {import('./chart-query.js').Stats} Stats */
/** @typedef {import('./chart-query.js').Measure} Measure */
/** @typedef {import('./chart-query.js').Group} Group */
/**
 * What a chart draws. `values` line up with `categories`; `notDrawn`: the groups a line has no
 * place for (no time), with their values.
 * @typedef {object} ChartModel
 * @property {'bar' | 'line'} kind
 * @property {string | null} measure
 * @property {string[]} categories
 * @property {{ name: string, values: (number | null)[] }[]} series
 * @property {{ category: string, series: { name: string, value: number | null }[] }[]} notDrawn
 */
/** A column of the table and the CSV. @typedef {{ title: string, value: (group: Group) => unknown }} Column */

/** Grouping keys drawn as a line: they are points in time. */
var TIME_KEYS = ['YEAR', 'MONTH', 'LAUNCH_YEAR'];
var NONE = '(none)';

// ---------------------------------------------------------------- the model

/**
 * @param {unknown} object
 * @param {readonly string[]} path
 * @returns {unknown}
 */
function valueAt(object, path) {
  var value = object;
  for (var i = 0; i < path.length; i += 1) {
    if (value == null || typeof value !== 'object') return null;
    value = /** @type {Record<string, unknown>} */ (value)[path[i]];
  }
  return value === undefined ? null : value;
}

/**
 * The text of a value of the answer: a record by its title or name, a partial date by its ISO text.
 * @param {unknown} value
 * @returns {string}
 */
function label(value) {
  if (value == null) return NONE;
  if (typeof value !== 'object') return String(value);
  var record = /** @type {Record<string, unknown>} */ (value);
  var fields = ['title', 'name', 'fullName', 'shortName', 'iso', 'id'];
  for (var i = 0; i < fields.length; i += 1) {
    var field = record[fields[i]];
    if (field != null && typeof field !== 'object') return String(field);
  }
  return JSON.stringify(value);
}

/**
 * What a key value sorts by: numbers as numbers, the rest by its text; null last.
 * @param {unknown} a
 * @param {unknown} b
 * @returns {number}
 */
function compareKeys(a, b) {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  var x = label(a);
  var y = label(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * What tells key values apart: a record by its id, anything else by its JSON.
 * @param {unknown} value
 * @returns {string}
 */
function identity(value) {
  if (value != null && typeof value === 'object' && 'id' in value && value.id != null) return 'id:' + value.id;
  return JSON.stringify(value === undefined ? null : value);
}

/**
 * @param {Stats} stats
 * @param {Group} group
 * @param {number} index
 * @returns {unknown}
 */
function keyValue(stats, group, index) {
  var path = stats.keys[index].path;
  return path ? valueAt(group, path) : null;
}

/**
 * A numeric measure's value: a number, or null (numericMeasures allows nothing else).
 * @param {unknown} value
 * @returns {number | null}
 */
function numberOrNull(value) {
  return typeof value === 'number' ? value : null;
}

/**
 * The measures whose values are numbers (or null) in every group: the ones a chart can draw.
 * @param {Stats} stats
 * @returns {Measure[]}
 */
export function numericMeasures(stats) {
  return stats.measures.filter(function (measure) {
    var seen = false;
    var numeric = stats.groups.every(function (group) {
      var value = group[measure.key];
      if (typeof value === 'number') seen = true;
      return value == null || typeof value === 'number';
    });
    return numeric && seen;
  });
}

/**
 * The measure drawn first: the count, else the first numeric one; null when none is numeric.
 * @param {Stats} stats
 * @returns {Measure | null}
 */
export function defaultMeasure(stats) {
  var numeric = numericMeasures(stats);
  var count = numeric.filter(function (measure) {
    return measure.name === 'count';
  })[0];
  return count || numeric[0] || null;
}

/**
 * The next point after `value` on a time axis (a year, or a month "YYYY-MM"), or null.
 * @param {unknown} value
 * @returns {number | string | null}
 */
function nextTime(value) {
  if (typeof value === 'number' && Math.floor(value) === value) return value + 1;
  var month = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (!month) return null;
  var year = Number(month[1]);
  var next = Number(month[2]) + 1;
  if (next > 12) {
    year += 1;
    next = 1;
  }
  return year + '-' + (next < 10 ? '0' : '') + next;
}

/**
 * Time points from the first to the last of `points` (sorted, as the server sorts keys) with the
 * missing ones put in, so a line's spacing is time's; `points` as they are when they are not
 * years or months, or the range would pass 1,200 points.
 * @param {unknown[]} points
 * @returns {unknown[]}
 */
function timeRange(points) {
  if (points.length < 2) return points;
  var filled = [points[0]];
  var last = points[points.length - 1];
  while (filled[filled.length - 1] !== last) {
    var next = nextTime(filled[filled.length - 1]);
    if (next === null || filled.length >= 1200 || compareKeys(next, last) > 0) return points;
    filled.push(next);
  }
  return filled;
}

/**
 * The chart's model: the first key's values are the categories (in the answer's order); with more
 * keys, one series per value of the others (sorted as the server sorts keys, nulls last). A
 * combination without a group is a count of 0 (no rows) and null for any other measure. On a time
 * axis (a line) the missing years or months are put in, and the group without a time, which has
 * no place on it, is left out of the line and listed in `notDrawn`.
 * @param {Stats} stats
 * @param {Measure | null} measure a numeric one (numericMeasures)
 * @returns {ChartModel}
 */
export function buildModel(stats, measure) {
  var first = stats.keys[0];
  /** @type {ChartModel['kind']} */
  var kind = first && first.path && TIME_KEYS.indexOf(first.groupBy) >= 0 ? 'line' : 'bar';
  if (!measure) return { kind: kind, measure: null, categories: [], series: [], notDrawn: [] };
  var key = measure.key;
  /** @type {{ id: string, raw: unknown, label: string }[]} */
  var categories = [];
  /** @type {Record<string, { id: string, raw: unknown, label: string }>} */
  var byCategory = {};
  /** @typedef {{ sortKeys: unknown[], name: string, cells: Record<string, number | null> }} Series */
  /** @type {Record<string, Series>} */
  var seriesById = {};
  /** @type {Series[]} */
  var seriesList = [];
  var absent = measure.name === 'count' ? 0 : null;
  stats.groups.forEach(function (group, index) {
    var raw = first && first.path ? keyValue(stats, group, 0) : null;
    var id = first ? (first.path ? identity(raw) : '#' + index) : 'all';
    if (!byCategory[id]) {
      byCategory[id] = { id: id, raw: raw, label: first ? (first.path ? label(raw) : 'group ' + (index + 1)) : 'all' };
      categories.push(byCategory[id]);
    }
    var rest = [];
    for (var k = 1; k < stats.keys.length; k += 1) rest.push(keyValue(stats, group, k));
    var seriesId = rest.length ? rest.map(identity).join('|') : 'measure';
    var series = seriesById[seriesId];
    if (!series) {
      series = { sortKeys: rest, name: rest.length ? rest.map(label).join(' · ') : key, cells: {} };
      seriesById[seriesId] = series;
      seriesList.push(series);
    }
    series.cells[id] = numberOrNull(group[key]);
  });
  seriesList.sort(function (a, b) {
    for (var i = 0; i < a.sortKeys.length; i += 1) {
      var order = compareKeys(a.sortKeys[i], b.sortKeys[i]);
      if (order !== 0) return order;
    }
    return 0;
  });
  /**
   * @param {Series} series
   * @param {string} id
   * @returns {number | null}
   */
  var valueOf = function (series, id) {
    return Object.prototype.hasOwnProperty.call(series.cells, id) ? series.cells[id] : absent;
  };
  /** @type {ChartModel['notDrawn']} */
  var notDrawn = [];
  /** @type {{ id: string, label: string }[]} */
  var axis = categories;
  if (kind === 'line') {
    notDrawn = categories
      .filter(function (category) {
        return category.raw == null;
      })
      .map(function (category) {
        return {
          category: category.label,
          series: seriesList.map(function (series) {
            return { name: series.name, value: valueOf(series, category.id) };
          }),
        };
      });
    var times = categories
      .filter(function (category) {
        return category.raw != null;
      })
      .map(function (category) {
        return category.raw;
      });
    axis = timeRange(times).map(function (time) {
      return { id: identity(time), label: String(time) };
    });
  }
  return {
    kind: kind,
    measure: key,
    categories: axis.map(function (category) {
      return category.label;
    }),
    series: seriesList.map(function (series) {
      return {
        name: series.name,
        values: axis.map(function (category) {
          return valueOf(series, category.id);
        }),
      };
    }),
    notDrawn: notDrawn,
  };
}

// ---------------------------------------------------------------- table and CSV

/**
 * The table's columns: the keys, then the measures.
 * @param {Stats} stats
 * @returns {Column[]}
 */
export function columnsOf(stats) {
  /** @type {Column[]} */
  var columns = stats.keys.map(function (key, index) {
    return {
      title: key.name,
      value: function (/** @type {Group} */ group) {
        return key.path ? keyValue(stats, group, index) : null;
      },
    };
  });
  stats.measures.forEach(function (measure) {
    columns.push({
      title: measure.key,
      value: function (group) {
        return group[measure.key] === undefined ? null : group[measure.key];
      },
    });
  });
  return columns;
}

/**
 * A cell's text: an empty cell for a missing measure, "(none)" for the null group of a key.
 * @param {unknown} value
 * @param {boolean} isKey
 * @returns {string}
 */
export function cellText(value, isKey) {
  if (value == null) return isKey ? NONE : '';
  return label(value);
}

/**
 * @param {string} text
 * @returns {string}
 */
function csvField(text) {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/**
 * The groups as CSV (RFC 4180, CRLF, UTF-8 with a BOM for spreadsheet programs).
 * @param {Stats} stats
 * @returns {string}
 */
export function csvOf(stats) {
  var columns = columnsOf(stats);
  var lines = [columns.map(function (column) { return csvField(column.title); }).join(',')];
  stats.groups.forEach(function (group) {
    lines.push(
      columns
        .map(function (column) {
          return csvField(cellText(column.value(group), false));
        })
        .join(','),
    );
  });
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
