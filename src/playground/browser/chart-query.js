/*
 * The Playground's query reading (issue 17): what a GraphQL query says about its answer, with no DOM
 * code, so Node can run it too (chart-query.spec.ts). Parses with GraphiQL's own graphql
 * (window.GraphiQL.GraphQL) and follows aliases, fragments, @skip/@include and variables (with the
 * operation's defaults). Served as a static asset and loaded before chart-model.js, which builds
 * charts, tables and export links from what it reads. Plain ES2017, no modules: the browser gets
 * exactly this text.
 *
 * window.PlaygroundChartQuery: findStats(result, queryText, variables?) finds the `xStats` answers
 * of a GraphQL result; operationOf(queryText, variables?, operationName?) gives the root fields of
 * the operation that runs, with their argument values.
 */
(function () {
  'use strict';

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

  /**
   * The root fields of one operation of `queryText`: the one named `operationName`, else the
   * document's only one; fragments spread in, @skip/@include applied with `variables` (an object, or
   * GraphiQL's JSON text) and the operation's defaults. null when the text does not parse or names no
   * such operation; else { operation: 'query' | 'mutation' | 'subscription', fields: [{ name,
   * responseKey, argument(name) }] }, where argument(name) is the value the field passes (literal or
   * from a variable), undefined when it passes none.
   */
  function operationOf(queryText, variables, operationName) {
    var document = parseDocument(queryText);
    if (!document) return null;
    var parts = operationsOf(document);
    var operation = parts.operations.filter(function (candidate) {
      return operationName && candidate.name && candidate.name.value === operationName;
    })[0];
    if (!operation && parts.operations.length === 1) operation = parts.operations[0];
    if (!operation) return null;
    var values = withDefaults(operation, toVariables(variables));
    return {
      operation: operation.operation,
      fields: fieldsOf(operation.selectionSet, parts.fragments, values).map(function (field) {
        return {
          name: field.name.value,
          responseKey: responseKey(field),
          argument: function (name) {
            return argumentValue(field, name, values);
          },
        };
      }),
    };
  }

  window.PlaygroundChartQuery = { findStats: findStats, operationOf: operationOf };
})();
