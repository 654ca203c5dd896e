/*
 * The Playground's start-up module, the one the page loads (`<script type="module">`; the browser
 * follows its imports to the other modules of this folder, so the page's Content-Security-Policy
 * needs no 'unsafe-inline' for scripts). Modules run after the page's classic scripts, the UMD
 * builds of React, ReactDOM, GraphiQL, the Explorer plugin, cytoscape and echarts, whose globals it
 * uses; it reads its settings from the page's `<script type="application/json" id="playground-config">`.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { createViews, viewKey, viewTitle } from './graphiql-plugins.js';
import { openShared, sharedDocumentId } from './saved-queries.js';
import { read as readUrlState, write as writeUrlState } from './url-state.js';

/** @typedef {import('./vendor').FetcherParams} FetcherParams */
/** @typedef {import('./vendor').GraphQLResult} GraphQLResult */
/** @typedef {import('./vendor').GraphiQLProps} GraphiQLProps */
/**
 * The page's settings, written by the server (src/playground/html.ts).
 * @typedef {object} PageConfig
 * @property {string} title
 * @property {{ name: string, query: string, variables?: Record<string, unknown> }[]} examples
 * @property {import('./export-download.js').ExportLink[]} exports
 */

/**
 * Says on the page, instead of GraphiQL, why it did not start.
 * @param {HTMLElement} container
 * @param {string} message
 */
function fail(container, message) {
  container.textContent = message;
  container.className = 'playground-failed';
}

/**
 * The operations of a document; null when it does not parse (the server reports that).
 * @param {typeof import('graphql')} gql
 * @param {string} query
 * @returns {import('graphql').OperationDefinitionNode[] | null}
 */
function operationsOf(gql, query) {
  try {
    /** @type {import('graphql').OperationDefinitionNode[]} */
    var operations = [];
    gql.parse(query).definitions.forEach(function (definition) {
      if (definition.kind === gql.Kind.OPERATION_DEFINITION) operations.push(definition);
    });
    return operations;
  } catch (error) {
    return null;
  }
}

/**
 * Starts the Playground; `saved` is the text of the saved query a link opened (null for none).
 * @param {string | null} saved
 */
function start(saved) {
  var container = document.getElementById('graphiql');
  var configElement = document.getElementById('playground-config');
  if (!container || !configElement) return;
  var React = window.React;
  var ReactDOM = window.ReactDOM;
  var GraphiQL = window.GraphiQL;
  if (!React || !ReactDOM || !GraphiQL || !GraphiQL.React) {
    fail(container, 'The Playground could not load its scripts. Reload the page; the GraphQL endpoint itself answers POST requests.');
    return;
  }
  var h = React.createElement;
  var gql = GraphiQL.GraphQL;
  /** @type {PageConfig} the server's own JSON */
  var config = JSON.parse(configElement.textContent || '{}');

  // ---------------------------------------------------------------- fetching

  // The endpoint is the page's own address: the same path answers GraphQL POSTs (JSON bodies satisfy
  // Apollo's CSRF prevention). Relative, so the page also works behind a proxy that adds a prefix.
  var send = GraphiQL.createFetcher({ url: window.location.pathname, enableIncrementalDelivery: false });

  /**
   * Right after a tab switch GraphiQL may still send the previous tab's operation name (it re-reads
   * the name from the editor a moment after the text changes), and the server would answer "Unknown
   * operation named ...". When the document has exactly one operation, send that one's name.
   * @param {FetcherParams} params
   * @param {unknown} [options]
   * @returns {Promise<GraphQLResult>}
   */
  function fetcher(params, options) {
    var sent = params;
    if (params && params.operationName && typeof params.query === 'string') {
      var operations = operationsOf(gql, params.query);
      if (operations && operations.length === 1) {
        var named = operations[0].name ? operations[0].name.value : undefined;
        if (named !== params.operationName) sent = Object.assign({}, params, { operationName: named });
      }
    }
    return send(sent, options);
  }

  /**
   * The name of a document's only operation; undefined for none, several, or an anonymous one.
   * @param {string | null} query
   * @returns {string | undefined}
   */
  function operationNameOf(query) {
    var operations = query ? operationsOf(gql, query) : null;
    return operations && operations.length === 1 && operations[0].name ? operations[0].name.value : undefined;
  }

  // ---------------------------------------------------------------- the URL: query, variables, view

  var shared = readUrlState();
  // A saved query's link (#documentId=sha256:...) opens it as a shared query.
  if (saved !== null) shared = { query: saved, variables: null, view: shared.view };
  var state = { query: shared.query, variables: shared.variables, view: shared.view };
  /** @param {Partial<import('./url-state.js').UrlState>} patch */
  function remember(patch) {
    Object.assign(state, patch);
    writeUrlState(state);
  }

  /**
   * What GraphiQL runs for the user goes into the URL (its schema introspection does not).
   * @param {FetcherParams} params
   * @param {unknown} [options]
   * @returns {Promise<GraphQLResult>}
   */
  function runFetcher(params, options) {
    if (params && typeof params.query === 'string' && params.operationName !== 'IntrospectionQuery') {
      var variables = params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables, null, 2) : null;
      remember({ query: params.query, variables: variables });
    }
    return fetcher(params, options);
  }

  // A shared link runs its query on opening, but never a mutation: a link must not write anything.
  var sharedOperations = shared.query ? operationsOf(gql, shared.query) : null;
  var onlyQueries =
    sharedOperations !== null &&
    sharedOperations.length > 0 &&
    sharedOperations.every(function (operation) {
      return operation.operation === gql.OperationTypeNode.QUERY;
    });

  var views = createViews({
    React: React,
    hooks: GraphiQL.React,
    fetch: function (query, variables) {
      return fetcher({ query: query, variables: variables, operationName: operationNameOf(query) });
    },
    operationNameOf: operationNameOf,
    exportPage: { exports: config.exports || [], path: window.location.pathname },
    runOnOpen: onlyQueries ? shared.query : null,
  });
  var plugins = views.plugins.slice();
  if (window.GraphiQLPluginExplorer) plugins.push(window.GraphiQLPluginExplorer.explorerPlugin());

  // ---------------------------------------------------------------- start

  // The side panel starts at about 45% of the width rather than GraphiQL's 25%: it holds drawings
  // and charts. (GraphiQL keeps the width the user drags it to under this key.)
  try {
    if (window.localStorage.getItem('graphiql:docExplorerFlex') === null) window.localStorage.setItem('graphiql:docExplorerFlex', '0.8');
  } catch (error) {
    // no storage: GraphiQL's default width
  }

  var tabs = config.examples.map(function (example) {
    /** @type {{ query: string, variables?: string }} */
    var tab = { query: example.query };
    if (example.variables) tab.variables = JSON.stringify(example.variables, null, 2);
    return tab;
  });
  /** @type {GraphiQLProps} */
  var props = {
    fetcher: runFetcher,
    defaultTabs: tabs,
    shouldPersistHeaders: false,
    plugins: plugins,
    onTogglePluginVisibility: function (plugin) {
      remember({ view: viewKey(plugin) });
    },
  };
  if (shared.query) {
    // A shared link: its query first, in a tab of its own, then the examples.
    /** @type {{ query: string, variables?: string }} */
    var sharedTab = { query: shared.query };
    if (shared.variables) sharedTab.variables = shared.variables;
    props.defaultTabs = [sharedTab].concat(tabs);
    props.query = sharedTab.query;
    props.variables = sharedTab.variables;
  } else if (tabs.length > 0) {
    props.query = tabs[0].query;
    if (tabs[0].variables) props.variables = tabs[0].variables;
  }
  if (shared.view) props.visiblePlugin = viewTitle(shared.view);
  var logo = h(GraphiQL.Logo, null, h('span', { className: 'pg-title' }, config.title), h(views.ViewSwitch));
  ReactDOM.createRoot(container).render(h(GraphiQL, props, logo));
}

var savedId = sharedDocumentId(window.location.hash);
if (savedId === null) start(null);
else
  openShared(window.location.pathname, savedId).then(start, function () {
    start(null);
  });
