/*
 * The Playground's chart model (issue 17): a chart's categories and series, a table's columns, CSV
 * text and export links, from what chart-query.js reads of a GraphQL answer and its query, with no
 * DOM or ECharts code, so Node can run it too (chart-model.spec.ts). Served as a static asset and
 * loaded after chart-query.js and before chart-view.js, which draws what it reads. Plain ES2017, no
 * modules: the browser gets exactly this text.
 *
 * window.PlaygroundChartModel: findStats(result, queryText, variables?) is chart-query.js's (the
 * `xStats` answers of a GraphQL result); buildModel, numericMeasures, defaultMeasure, columnsOf,
 * cellText and csvOf turn one into a chart's categories and series, a table's columns and CSV text.
 * window.PlaygroundExport.csvUrl(queryText, variables, operationName) gives the /export/<list>.csv
 * URL of a query whose main list is one of the exports the page's config lists, with the same
 * where/orderBy.
 */
(function () {
  'use strict';
  var chartQuery = window.PlaygroundChartQuery;
  if (!chartQuery) throw new TypeError('chart-model.js: window.PlaygroundChartQuery is not loaded (chart-query.js must come before it)');

  /** Grouping keys drawn as a line: they are points in time. */
  var TIME_KEYS = ['YEAR', 'MONTH', 'LAUNCH_YEAR'];
  var NONE = '(none)';

  // ---------------------------------------------------------------- the model

  function valueAt(object, path) {
    var value = object;
    for (var i = 0; i < path.length; i += 1) {
      if (value == null || typeof value !== 'object') return null;
      value = value[path[i]];
    }
    return value === undefined ? null : value;
  }

  /** The text of a value of the answer: a record by its title or name, a partial date by its ISO text. */
  function label(value) {
    if (value == null) return NONE;
    if (typeof value !== 'object') return String(value);
    var fields = ['title', 'name', 'fullName', 'shortName', 'iso', 'id'];
    for (var i = 0; i < fields.length; i += 1) {
      if (value[fields[i]] != null && typeof value[fields[i]] !== 'object') return String(value[fields[i]]);
    }
    return JSON.stringify(value);
  }

  /** What a key value sorts by: numbers as numbers, the rest by its text; null last. */
  function compareKeys(a, b) {
    if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    var x = label(a);
    var y = label(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function identity(value) {
    if (value != null && typeof value === 'object' && value.id != null) return 'id:' + value.id;
    return JSON.stringify(value === undefined ? null : value);
  }

  function keyValue(stats, group, index) {
    var key = stats.keys[index];
    return key.path ? valueAt(group, key.path) : null;
  }

  /** The measures whose values are numbers (or null) in every group: the ones a chart can draw. */
  function numericMeasures(stats) {
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

  function defaultMeasure(stats) {
    var numeric = numericMeasures(stats);
    var count = numeric.filter(function (measure) {
      return measure.name === 'count';
    })[0];
    return count || numeric[0] || null;
  }

  /** The next point after `value` on a time axis (a year, or a month "YYYY-MM"), or null. */
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
   */
  function buildModel(stats, measure) {
    var first = stats.keys[0];
    var kind = first && first.path && TIME_KEYS.indexOf(first.groupBy) >= 0 ? 'line' : 'bar';
    if (!measure) return { kind: kind, measure: null, categories: [], series: [], notDrawn: [] };
    var categories = [];
    var byCategory = {};
    var seriesById = {};
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
        series = { sortKeys: rest, name: rest.length ? rest.map(label).join(' · ') : measure.key, cells: {} };
        seriesById[seriesId] = series;
        seriesList.push(series);
      }
      series.cells[id] = group[measure.key] == null ? null : group[measure.key];
    });
    seriesList.sort(function (a, b) {
      for (var i = 0; i < a.sortKeys.length; i += 1) {
        var order = compareKeys(a.sortKeys[i], b.sortKeys[i]);
        if (order !== 0) return order;
      }
      return 0;
    });
    var valueOf = function (series, id) {
      return Object.prototype.hasOwnProperty.call(series.cells, id) ? series.cells[id] : absent;
    };
    var notDrawn = [];
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
      categories = timeRange(times).map(function (time) {
        return { id: identity(time), label: String(time) };
      });
    }
    return {
      kind: kind,
      measure: measure.key,
      categories: categories.map(function (category) {
        return category.label;
      }),
      series: seriesList.map(function (series) {
        return {
          name: series.name,
          values: categories.map(function (category) {
            return valueOf(series, category.id);
          }),
        };
      }),
      notDrawn: notDrawn,
    };
  }

  // ---------------------------------------------------------------- table and CSV

  function columnsOf(stats) {
    var columns = stats.keys.map(function (key, index) {
      return {
        title: key.name,
        value: function (group) {
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

  /** A cell's text: an empty cell for a missing measure, "(none)" for the null group of a key. */
  function cellText(value, isKey) {
    if (value == null) return isKey ? NONE : '';
    return label(value);
  }

  function csvField(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The groups as CSV (RFC 4180, CRLF, UTF-8 with a BOM for spreadsheet programs). */
  function csvOf(stats) {
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

  // ---------------------------------------------------------------- CSV of a root list

  /**
   * The CSV exports by Query field, from the page's config: the server writes them there from its own
   * list (publicExportLinks in src/exports/export-route.ts) as { field, file, parameters }. None
   * when the page has no config.
   */
  var exportLinks = null;
  function exportsByField() {
    if (exportLinks) return exportLinks;
    var node = window.document ? window.document.getElementById('playground-config') : null;
    var config = null;
    try {
      config = node ? JSON.parse(node.textContent) : null;
    } catch (error) {
      config = null;
    }
    exportLinks = {};
    ((config && config.exports) || []).forEach(function (link) {
      exportLinks[link.field] = link;
    });
    return exportLinks;
  }

  /** Where the export routes are: beside the Playground's own path (/graphql -> /export), so a proxy prefix carries over. */
  function exportBase() {
    var pathname = window.location && typeof window.location.pathname === 'string' ? window.location.pathname : '/';
    return pathname.replace(/\/+$/, '').replace(/[^/]*$/, '') + 'export/';
  }

  /**
   * The /export/<list>.csv URL for the query's main list (its first root field that the config's
   * exports name), with the field's arguments the route takes (where and orderBy as JSON, stage by
   * name; literal or from variables) as its parameters; null when the operation (by
   * `operationName`, or the document's only one) has no such field or the document does not parse.
   * The export holds every row of the list, not just the page the query asked for.
   */
  function csvUrl(queryText, variables, operationName) {
    var read = chartQuery.operationOf(queryText, variables, operationName);
    if (!read || read.operation !== 'query') return null;
    var links = exportsByField();
    var list = read.fields.filter(function (field) {
      return Object.prototype.hasOwnProperty.call(links, field.name);
    })[0];
    if (!list) return null;
    var link = links[list.name];
    var params = [];
    Object.keys(link.parameters).forEach(function (name) {
      var value = list.argument(name);
      if (value == null) return;
      params.push(name + '=' + encodeURIComponent(link.parameters[name] === 'json' ? JSON.stringify(value) : String(value)));
    });
    return exportBase() + link.file + (params.length ? '?' + params.join('&') : '');
  }

  window.PlaygroundChartModel = {
    findStats: chartQuery.findStats,
    buildModel: buildModel,
    numericMeasures: numericMeasures,
    defaultMeasure: defaultMeasure,
    columnsOf: columnsOf,
    cellText: cellText,
    csvOf: csvOf,
  };

  window.PlaygroundExport = { csvUrl: csvUrl };
})();
