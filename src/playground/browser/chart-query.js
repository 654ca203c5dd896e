/*
 * The Playground's stats reading (issue 17): the `xStats(groupBy: ...)` answers of a GraphQL result,
 * read with their query (query-document.js: aliases, fragments, @skip/@include and variables
 * followed), with no DOM code, so Node can run it too (chart-query.spec.ts). chart-model.js builds
 * charts, tables and CSV from what it finds.
 *
 * findStats(result, queryText, variables?) finds the stats answers of a GraphQL result.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { argumentValue, fieldsOf, operationsOf, parseDocument, responseKey, toVariables, withDefaults } from './query-document.js';

/** @typedef {import('./query-document.js').GraphQLModule} GraphQLModule */
/** @typedef {import('./query-document.js').FieldNode} FieldNode */
/** @typedef {import('./query-document.js').Fragments} Fragments */
/** @typedef {import('./query-document.js').Variables} Variables */

/**
 * A grouping key of a stats answer: its groupBy value, the key field's name, and where the answer
 * holds it (null when the query did not ask for that key field).
 * @typedef {{ groupBy: string, name: string, path: string[] | null }} StatsKey
 */
/** A measure of a stats answer: its response key and its field's name. @typedef {{ key: string, name: string }} Measure */
/** A group of a stats answer: `key` and the measures. @typedef {{ [field: string]: unknown }} Group */
/**
 * A stats answer read with its query. `all` lists every stats answer of the result (set by findStats).
 * @typedef {object} Stats
 * @property {string} field
 * @property {string} responseKey
 * @property {string[]} groupBy
 * @property {StatsKey[]} keys
 * @property {Measure[]} measures
 * @property {Group[]} groups
 * @property {Stats[]} [all]
 */

/**
 * @param {unknown} value
 * @returns {value is Group[]}
 */
function isGroupList(value) {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(function (group) {
      return group !== null && typeof group === 'object' && !Array.isArray(group);
    })
  );
}

/**
 * FEDERAL_DISTRICT -> federalDistrict: the key field of a grouping key.
 * @param {unknown} groupBy
 * @returns {string}
 */
function keyFieldOf(groupBy) {
  return String(groupBy)
    .toLowerCase()
    .replace(/_([a-z])/g, function (match, letter) {
      return letter.toUpperCase();
    });
}

/**
 * launchYear -> LAUNCH_YEAR
 * @param {string} keyField
 * @returns {string}
 */
function groupByOf(keyField) {
  return keyField.replace(/([A-Z])/g, '_$1').toUpperCase();
}

/**
 * A stats answer read with its query: the key and measure fields as the answer names them.
 * @param {GraphQLModule} gql
 * @param {FieldNode} field
 * @param {Group[]} groups
 * @param {Fragments} fragments
 * @param {Variables} variables
 * @returns {Stats}
 */
function statsFromQuery(gql, field, groups, fragments, variables) {
  var given = argumentValue(gql, field, 'groupBy', variables);
  /** @type {unknown[]} */
  var groupBy = given == null ? [] : Array.isArray(given) ? given : [given];
  var selected = fieldsOf(gql, field.selectionSet, fragments, variables);
  var keyField = selected.filter(function (sub) {
    return sub.name.value === 'key';
  })[0];
  var keyFields = keyField ? fieldsOf(gql, keyField.selectionSet, fragments, variables) : [];
  /** @type {StatsKey[]} */
  var keys = groupBy.map(function (name) {
    var wanted = keyFieldOf(name);
    var match = keyFields.filter(function (sub) {
      return sub.name.value === wanted;
    })[0];
    return { groupBy: String(name), name: wanted, path: match && keyField ? [responseKey(keyField), responseKey(match)] : null };
  });
  /** @type {Measure[]} */
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

/**
 * A stats answer read without a (readable) query: the key fields set in some group are the grouping.
 * @param {string} name
 * @param {Group[]} groups
 * @returns {Stats}
 */
function statsFromAnswer(name, groups) {
  /** @type {string[]} */
  var keyNames = [];
  groups.forEach(function (group) {
    var key = group.key;
    if (!key || typeof key !== 'object') return;
    var fields = /** @type {Record<string, unknown>} */ (key);
    Object.keys(fields).forEach(function (field) {
      if (field !== '__typename' && fields[field] != null && keyNames.indexOf(field) < 0) keyNames.push(field);
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

/**
 * @param {unknown} groups
 * @returns {groups is Group[]}
 */
function looksLikeStats(groups) {
  return isGroupList(groups) && groups.every(function (group) {
    return group.key !== null && typeof group.key === 'object';
  });
}

/**
 * Every stats answer in `result`, in answer order. With a parseable query, a root field whose name
 * ends in "Stats" and that takes `groupBy` (aliases followed); without one, root values that look
 * like groups (objects with a `key` object).
 * @param {unknown} result
 * @param {unknown} queryText
 * @param {unknown} variables
 * @returns {Stats[]}
 */
function findAllStats(result, queryText, variables) {
  var data = result !== null && typeof result === 'object' && 'data' in result ? result.data : null;
  if (!data || typeof data !== 'object') return [];
  /** @type {Record<string, unknown>} */
  var answer = /** @type {Record<string, unknown>} */ (data);
  var parsed = parseDocument(queryText);
  if (parsed) {
    var gql = parsed.gql;
    var parts = operationsOf(gql, parsed.document);
    /** @type {Stats[]} */
    var found = [];
    // The operation that gave this answer: the one whose every root field is in it.
    var answered = parts.operations.filter(function (operation) {
      var values = withDefaults(gql, operation, toVariables(variables));
      return fieldsOf(gql, operation.selectionSet, parts.fragments, values).every(function (field) {
        return Object.prototype.hasOwnProperty.call(answer, responseKey(field));
      });
    });
    (answered.length > 0 ? answered : parts.operations).forEach(function (operation) {
      var values = withDefaults(gql, operation, toVariables(variables));
      fieldsOf(gql, operation.selectionSet, parts.fragments, values).forEach(function (field) {
        var key = responseKey(field);
        var isStats = /Stats$/.test(field.name.value) && (field.arguments || []).some(function (argument) {
          return argument.name.value === 'groupBy';
        });
        var already = found.some(function (stats) { return stats.responseKey === key; });
        var groups = answer[key];
        if (isStats && !already && isGroupList(groups)) found.push(statsFromQuery(gql, field, groups, parts.fragments, values));
      });
    });
    if (found.length > 0 || parts.operations.length > 0) return found;
  }
  /** @type {Stats[]} */
  var guessed = [];
  Object.keys(answer).forEach(function (key) {
    var groups = answer[key];
    if (looksLikeStats(groups)) guessed.push(statsFromAnswer(key, groups));
  });
  return guessed;
}

/**
 * The first stats answer in a GraphQL result, or null when the answer holds no stats groups:
 * { field, groupBy, groups, ... }. `all` lists every stats answer of the result (this one first
 * in answer order); the chart view offers a choice among them.
 * @param {unknown} result
 * @param {unknown} queryText
 * @param {unknown} [variables]
 * @returns {Stats | null}
 */
export function findStats(result, queryText, variables) {
  var all = findAllStats(result, queryText, variables);
  if (all.length === 0) return null;
  all.forEach(function (stats) {
    stats.all = all;
  });
  return all[0];
}
