/*
 * What a GraphQL document says (issue 17), with no DOM code, so Node can run it too: its operations,
 * the fields of a selection with fragments spread in and @skip/@include applied, and the values of
 * their arguments (literal, or from the variables with the operation's defaults). Parses with
 * GraphiQL's own graphql (the UMD build's window.GraphiQL.GraphQL): null wherever that is missing
 * or the text does not parse (GraphiQL shows the syntax error itself).
 *
 * operationOf(queryText, variables?, operationName?) gives the root fields of the operation that
 * runs; chart-query.js finds stats answers with the rest.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */

/** @typedef {typeof import('graphql')} GraphQLModule */
/** @typedef {import('graphql').FieldNode} FieldNode */
/** @typedef {import('graphql').FragmentDefinitionNode} FragmentDefinitionNode */
/** @typedef {import('graphql').OperationDefinitionNode} OperationDefinitionNode */
/** @typedef {import('graphql').SelectionSetNode} SelectionSetNode */
/** @typedef {{ [name: string]: unknown }} Variables */
/** @typedef {Record<string, FragmentDefinitionNode>} Fragments */
/**
 * A root field of an operation; argument(name) is the value it passes (literal or from a
 * variable), undefined when it passes none.
 * @typedef {{ name: string, responseKey: string, argument: (name: string) => unknown }} RootField
 */
/** @typedef {{ operation: 'query' | 'mutation' | 'subscription', fields: RootField[] }} Operation */

/** @returns {GraphQLModule | null} */
function graphql() {
  return window.GraphiQL && window.GraphiQL.GraphQL ? window.GraphiQL.GraphQL : null;
}

/**
 * run(), or fallback(error) when it throws.
 * @template T
 * @param {() => T} run
 * @param {(error: unknown) => T} fallback
 * @returns {T}
 */
function attempt(run, fallback) {
  try {
    return run();
  } catch (error) {
    return fallback(error);
  }
}

/**
 * The document and the graphql that parsed it, or null when the text is not one (GraphiQL shows
 * the syntax error itself) or there is no graphql.
 * @param {unknown} text
 * @returns {{ gql: GraphQLModule, document: import('graphql').DocumentNode } | null}
 */
export function parseDocument(text) {
  var gql = graphql();
  if (!gql || typeof text !== 'string') return null;
  var parser = gql;
  return attempt(
    function () {
      return { gql: parser, document: parser.parse(text) };
    },
    function () {
      return null;
    },
  );
}

/**
 * Variables as an object: GraphiQL's editor gives JSON text; text that is not JSON counts as none.
 * @param {unknown} variables
 * @returns {Variables}
 */
export function toVariables(variables) {
  var value = variables;
  if (typeof variables === 'string') {
    var text = variables;
    value = attempt(
      function () {
        return text.trim() ? JSON.parse(text) : {};
      },
      function () {
        return {};
      },
    );
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? /** @type {Variables} */ (value) : {};
}

/**
 * The variables with the operation's defaults filled in where a value is missing.
 * @param {GraphQLModule} gql
 * @param {OperationDefinitionNode} operation
 * @param {Variables} variables
 * @returns {Variables}
 */
export function withDefaults(gql, operation, variables) {
  /** @type {Variables} */
  var merged = Object.assign({}, variables);
  (operation.variableDefinitions || []).forEach(function (definition) {
    var name = definition.variable.name.value;
    if (merged[name] === undefined && definition.defaultValue) merged[name] = gql.valueFromASTUntyped(definition.defaultValue, {});
  });
  return merged;
}

/**
 * @param {GraphQLModule} gql
 * @param {FieldNode} field
 * @param {string} name
 * @param {Variables} variables
 * @returns {unknown}
 */
export function argumentValue(gql, field, name, variables) {
  var node = (field.arguments || []).filter(function (argument) {
    return argument.name.value === name;
  })[0];
  return node ? gql.valueFromASTUntyped(node.value, variables) : undefined;
}

/**
 * Whether @skip/@include leave `node` in the answer.
 * @param {GraphQLModule} gql
 * @param {import('graphql').SelectionNode} node
 * @param {Variables} variables
 * @returns {boolean}
 */
function included(gql, node, variables) {
  return (node.directives || []).every(function (directive) {
    var condition = directive.arguments && directive.arguments[0] ? gql.valueFromASTUntyped(directive.arguments[0].value, variables) : undefined;
    if (directive.name.value === 'skip') return condition !== true;
    if (directive.name.value === 'include') return condition !== false;
    return true;
  });
}

/**
 * The fields of a selection set, fragments spread in, in document order.
 * @param {GraphQLModule} gql
 * @param {SelectionSetNode | undefined} selectionSet
 * @param {Fragments} fragments
 * @param {Variables} variables
 * @returns {FieldNode[]}
 */
export function fieldsOf(gql, selectionSet, fragments, variables) {
  /** @type {FieldNode[]} */
  var fields = [];
  (selectionSet ? selectionSet.selections : []).forEach(function (selection) {
    if (!included(gql, selection, variables)) return;
    if (selection.kind === gql.Kind.FIELD) fields.push(selection);
    else if (selection.kind === gql.Kind.INLINE_FRAGMENT) fields.push.apply(fields, fieldsOf(gql, selection.selectionSet, fragments, variables));
    else if (selection.kind === gql.Kind.FRAGMENT_SPREAD && fragments[selection.name.value]) {
      fields.push.apply(fields, fieldsOf(gql, fragments[selection.name.value].selectionSet, fragments, variables));
    }
  });
  return fields;
}

/**
 * @param {FieldNode} field
 * @returns {string}
 */
export function responseKey(field) {
  return field.alias ? field.alias.value : field.name.value;
}

/**
 * The operations of a document, and its fragments by name.
 * @param {GraphQLModule} gql
 * @param {import('graphql').DocumentNode} document
 * @returns {{ operations: OperationDefinitionNode[], fragments: Fragments }}
 */
export function operationsOf(gql, document) {
  /** @type {Fragments} */
  var fragments = {};
  /** @type {OperationDefinitionNode[]} */
  var operations = [];
  document.definitions.forEach(function (definition) {
    if (definition.kind === gql.Kind.OPERATION_DEFINITION) operations.push(definition);
    if (definition.kind === gql.Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  });
  return { operations: operations, fragments: fragments };
}

/**
 * The root fields of one operation of `queryText`: the one named `operationName`, else the
 * document's only one; fragments spread in, @skip/@include applied with `variables` (an object, or
 * GraphiQL's JSON text) and the operation's defaults. null when the text does not parse or names no
 * such operation.
 * @param {unknown} queryText
 * @param {unknown} [variables]
 * @param {string} [operationName]
 * @returns {Operation | null}
 */
export function operationOf(queryText, variables, operationName) {
  var parsed = parseDocument(queryText);
  if (!parsed) return null;
  var gql = parsed.gql;
  var parts = operationsOf(gql, parsed.document);
  var operation = parts.operations.filter(function (candidate) {
    return operationName && candidate.name && candidate.name.value === operationName;
  })[0];
  if (!operation && parts.operations.length === 1) operation = parts.operations[0];
  if (!operation) return null;
  var values = withDefaults(gql, operation, toVariables(variables));
  return {
    operation: operation.operation,
    fields: fieldsOf(gql, operation.selectionSet, parts.fragments, values).map(function (field) {
      return {
        name: field.name.value,
        responseKey: responseKey(field),
        argument: function (name) {
          return argumentValue(gql, field, name, values);
        },
      };
    }),
  };
}
