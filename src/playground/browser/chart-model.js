/*
 * The Playground's chart model (issue 17): what a GraphQL answer and its query say, with no DOM or
 * ECharts code, so Node can run it too (chart-model.spec.ts). Served as a static asset and loaded
 * before chart-view.js, which draws what it reads. Plain ES2017, no modules: the browser gets
 * exactly this text.
 *
 * window.PlaygroundChartModel: findStats(result, queryText, variables?) finds the `xStats` answers
 * of a GraphQL result; buildModel, numericMeasures, defaultMeasure, columnsOf, cellText and csvOf
 * turn one into a chart's categories and series, a table's columns and CSV text.
 * window.PlaygroundExport.csvUrl(queryText, variables, operationName) gives the /export/<list>.csv
 * URL of a query whose main list is one of the exports the page's config lists, with the same
 * where/orderBy.
 */
(function () {
  'use strict';

  /** Grouping keys drawn as a line: they are points in time. */
  var TIME_KEYS = ['YEAR', 'MONTH', 'LAUNCH_YEAR'];
  var NONE = '(none)';

  // ---------------------------------------------------------------- reading the query

  function graphql() {
    return window.GraphiQL && window.GraphiQL.GraphQL ? window.GraphiQL.GraphQL : null;
  }

  /** run(), or fallback(error) when it throws. */
  function attempt(run, fallback) {
    try {
      return run();
    } catch (error) {
      return fallback(error);
    }
  }

  /** The document, or null when the text is not one (GraphiQL shows the syntax error itself). */
  function parseDocument(text) {
    var gql = graphql();
    if (!gql || typeof text !== 'string') return null;
    return attempt(
      function () {
        return gql.parse(text);
      },
      function () {
        return null;
      },
    );
  }

  /** Variables as an object: GraphiQL's editor gives JSON text; text that is not JSON counts as none. */
  function toVariables(variables) {
    if (typeof variables === 'string') {
      var text = variables;
      variables = attempt(
        function () {
          return text.trim() ? JSON.parse(text) : {};
        },
        function () {
          return {};
        },
      );
    }
    return variables && typeof variables === 'object' && !Array.isArray(variables) ? variables : {};
  }

  /** The variables with the operation's defaults filled in where a value is missing. */
  function withDefaults(operation, variables) {
    var gql = graphql();
    var merged = Object.assign({}, variables);
    (operation.variableDefinitions || []).forEach(function (definition) {
      var name = definition.variable.name.value;
      if (merged[name] === undefined && definition.defaultValue) merged[name] = gql.valueFromASTUntyped(definition.defaultValue, {});
    });
    return merged;
  }

  function argumentValue(field, name, variables) {
    var node = (field.arguments || []).filter(function (argument) {
      return argument.name.value === name;
    })[0];
    return node ? graphql().valueFromASTUntyped(node.value, variables) : undefined;
  }

  /** Whether @skip/@include leave `node` in the answer. */
  function included(node, variables) {
    var gql = graphql();
    return (node.directives || []).every(function (directive) {
      var condition = directive.arguments && directive.arguments[0] ? gql.valueFromASTUntyped(directive.arguments[0].value, variables) : undefined;
      if (directive.name.value === 'skip') return condition !== true;
      if (directive.name.value === 'include') return condition !== false;
      return true;
    });
  }

  /** The fields of a selection set, fragments spread in, in document order. */
  function fieldsOf(selectionSet, fragments, variables) {
    var fields = [];
    (selectionSet ? selectionSet.selections : []).forEach(function (selection) {
      if (!included(selection, variables)) return;
      if (selection.kind === 'Field') fields.push(selection);
      else if (selection.kind === 'InlineFragment') fields.push.apply(fields, fieldsOf(selection.selectionSet, fragments, variables));
      else if (selection.kind === 'FragmentSpread' && fragments[selection.name.value]) {
        fields.push.apply(fields, fieldsOf(fragments[selection.name.value].selectionSet, fragments, variables));
      }
    });
    return fields;
  }

  function responseKey(field) {
    return field.alias ? field.alias.value : field.name.value;
  }

  /** The operations of a document, and its fragments by name. */
  function operationsOf(document) {
    var fragments = {};
    var operations = [];
    document.definitions.forEach(function (definition) {
      if (definition.kind === 'OperationDefinition') operations.push(definition);
      if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
    });
    return { operations: operations, fragments: fragments };
  }

  // ---------------------------------------------------------------- finding the stats

  function isGroupList(value) {
    return (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every(function (group) {
        return group !== null && typeof group === 'object' && !Array.isArray(group);
      })
    );
  }

  /** FEDERAL_DISTRICT -> federalDistrict: the key field of a grouping key. */
  function keyFieldOf(groupBy) {
    return String(groupBy)
      .toLowerCase()
      .replace(/_([a-z])/g, function (match, letter) {
        return letter.toUpperCase();
      });
  }

  /** launchYear -> LAUNCH_YEAR */
  function groupByOf(keyField) {
    return keyField.replace(/([A-Z])/g, '_$1').toUpperCase();
  }

  /** A stats answer read with its query: the key and measure fields as the answer names them. */
  function statsFromQuery(field, groups, fragments, variables) {
    var groupBy = argumentValue(field, 'groupBy', variables);
    if (groupBy == null) groupBy = [];
    if (!Array.isArray(groupBy)) groupBy = [groupBy];
    var selected = fieldsOf(field.selectionSet, fragments, variables);
    var keyField = selected.filter(function (sub) {
      return sub.name.value === 'key';
    })[0];
    var keyFields = keyField ? fieldsOf(keyField.selectionSet, fragments, variables) : [];
    var keys = groupBy.map(function (name) {
      var wanted = keyFieldOf(name);
      var match = keyFields.filter(function (sub) {
        return sub.name.value === wanted;
      })[0];
      return { groupBy: String(name), name: wanted, path: match && keyField ? [responseKey(keyField), responseKey(match)] : null };
    });
    var measures = [];
    selected.forEach(function (sub) {
      var name = sub.name.value;
      if (name === 'key' || name === '__typename') return;
      var key = responseKey(sub);
      if (measures.some(function (measure) { return measure.key === key; })) return;
      measures.push({ key: key, name: name });
    });
    return { field: field.name.value, responseKey: responseKey(field), groupBy: keys.map(function (key) { return key.groupBy; }), keys: keys, measures: measures, groups: groups };
  }

  /** A stats answer read without a (readable) query: the key fields set in some group are the grouping. */
  function statsFromAnswer(name, groups) {
    var keyNames = [];
    groups.forEach(function (group) {
      var key = group.key;
      if (!key || typeof key !== 'object') return;
      Object.keys(key).forEach(function (field) {
        if (field !== '__typename' && key[field] != null && keyNames.indexOf(field) < 0) keyNames.push(field);
      });
    });
    var measures = Object.keys(groups[0])
      .filter(function (field) {
        return field !== 'key' && field !== '__typename';
      })
      .map(function (field) {
        return { key: field, name: field };
      });
    var keys = keyNames.map(function (field) {
      return { groupBy: groupByOf(field), name: field, path: ['key', field] };
    });
    return { field: name, responseKey: name, groupBy: keys.map(function (key) { return key.groupBy; }), keys: keys, measures: measures, groups: groups };
  }

  function looksLikeStats(groups) {
    return isGroupList(groups) && groups.every(function (group) {
      return group.key !== null && typeof group.key === 'object';
    });
  }

  /**
   * Every stats answer in `result`, in answer order. With a parseable query, a root field whose name
   * ends in "Stats" and that takes `groupBy` (aliases followed); without one, root values that look
   * like groups (objects with a `key` object).
   */
  function findAllStats(result, queryText, variables) {
    var data = result && typeof result === 'object' ? result.data : null;
    if (!data || typeof data !== 'object') return [];
    var document = parseDocument(queryText);
    if (document) {
      var parts = operationsOf(document);
      var found = [];
      // The operation that gave this answer: the one whose every root field is in it.
      var answered = parts.operations.filter(function (operation) {
        var values = withDefaults(operation, toVariables(variables));
        return fieldsOf(operation.selectionSet, parts.fragments, values).every(function (field) {
          return Object.prototype.hasOwnProperty.call(data, responseKey(field));
        });
      });
      (answered.length > 0 ? answered : parts.operations).forEach(function (operation) {
        var values = withDefaults(operation, toVariables(variables));
        fieldsOf(operation.selectionSet, parts.fragments, values).forEach(function (field) {
          var key = responseKey(field);
          var isStats = /Stats$/.test(field.name.value) && (field.arguments || []).some(function (argument) {
            return argument.name.value === 'groupBy';
          });
          var already = found.some(function (stats) { return stats.responseKey === key; });
          if (isStats && !already && isGroupList(data[key])) found.push(statsFromQuery(field, data[key], parts.fragments, values));
        });
      });
      if (found.length > 0 || parts.operations.length > 0) return found;
    }
    return Object.keys(data)
      .filter(function (key) {
        return looksLikeStats(data[key]);
      })
      .map(function (key) {
        return statsFromAnswer(key, data[key]);
      });
  }

  /**
   * The first stats answer in a GraphQL result, or null when the answer holds no stats groups:
   * { field, groupBy, groups, ... }. `all` lists every stats answer of the result (this one first
   * in answer order); mount() offers a choice among them.
   */
  function findStats(result, queryText, variables) {
    var all = findAllStats(result, queryText, variables);
    if (all.length === 0) return null;
    all.forEach(function (stats) {
      stats.all = all;
    });
    return all[0];
  }

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
    var config = attempt(
      function () {
        return node ? JSON.parse(node.textContent) : null;
      },
      function () {
        return null;
      },
    );
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
    var document = parseDocument(queryText);
    if (!document) return null;
    var parts = operationsOf(document);
    var operation = parts.operations.filter(function (candidate) {
      return operationName && candidate.name && candidate.name.value === operationName;
    })[0];
    if (!operation && parts.operations.length === 1) operation = parts.operations[0];
    if (!operation || operation.operation !== 'query') return null;
    var values = withDefaults(operation, toVariables(variables));
    var links = exportsByField();
    var list = fieldsOf(operation.selectionSet, parts.fragments, values).filter(function (field) {
      return Object.prototype.hasOwnProperty.call(links, field.name.value);
    })[0];
    if (!list) return null;
    var link = links[list.name.value];
    var params = [];
    Object.keys(link.parameters).forEach(function (name) {
      var value = argumentValue(list, name, values);
      if (value == null) return;
      params.push(name + '=' + encodeURIComponent(link.parameters[name] === 'json' ? JSON.stringify(value) : String(value)));
    });
    return exportBase() + link.file + (params.length ? '?' + params.join('&') : '');
  }

  window.PlaygroundChartModel = {
    findStats: findStats,
    buildModel: buildModel,
    numericMeasures: numericMeasures,
    defaultMeasure: defaultMeasure,
    columnsOf: columnsOf,
    cellText: cellText,
    csvOf: csvOf,
  };

  window.PlaygroundExport = { csvUrl: csvUrl };
})();
