/**
 * The Playground's start-up script, served as the asset `playground.js` (an external script, so the
 * page's Content-Security-Policy needs no 'unsafe-inline' for scripts). It runs in the browser after
 * the UMD builds of React, ReactDOM, GraphiQL and the Explorer plugin have defined their globals, and
 * reads its settings from the page's `<script type="application/json" id="playground-config">`.
 *
 * Kept as plain ES2017 text rather than compiled TypeScript: the browser must get exactly this code,
 * whatever transpiler or coverage instrumentation the server's own code goes through.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  function fail(message) {
    container.textContent = message;
    container.className = 'playground-failed';
  }
  if (!window.React || !window.ReactDOM || !window.GraphiQL) {
    fail('The Playground could not load its scripts. Reload the page; the GraphQL endpoint itself answers POST requests.');
    return;
  }
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  // The endpoint is the page's own address: the same path answers GraphQL POSTs (JSON bodies satisfy
  // Apollo's CSRF prevention). Relative, so the page also works behind a proxy that adds a prefix.
  var send = GraphiQL.createFetcher({ url: window.location.pathname, enableIncrementalDelivery: false });
  // Right after a tab switch GraphiQL may still send the previous tab's operation name (it re-reads
  // the name from the editor a moment after the text changes), and the server would answer "Unknown
  // operation named ...". When the document has exactly one operation, send that one's name.
  function fetcher(params, options) {
    if (params && params.operationName && typeof params.query === 'string') {
      var operations = null;
      try {
        operations = GraphiQL.GraphQL.parse(params.query).definitions.filter(function (definition) {
          return definition.kind === 'OperationDefinition';
        });
      } catch (error) {
        operations = null; // not parseable: let the server report it
      }
      if (operations && operations.length === 1) {
        var named = operations[0].name ? operations[0].name.value : undefined;
        if (named !== params.operationName) params = Object.assign({}, params, { operationName: named });
      }
    }
    return send(params, options);
  }
  var tabs = config.examples.map(function (example) {
    var tab = { query: example.query };
    if (example.variables) tab.variables = JSON.stringify(example.variables, null, 2);
    return tab;
  });
  var props = { fetcher: fetcher, defaultTabs: tabs, shouldPersistHeaders: false };
  if (tabs.length > 0) {
    props.query = tabs[0].query;
    if (tabs[0].variables) props.variables = tabs[0].variables;
  }
  if (window.GraphiQLPluginExplorer) props.plugins = [GraphiQLPluginExplorer.explorerPlugin()];
  var logo = React.createElement(GraphiQL.Logo, null, config.title);
  ReactDOM.createRoot(container).render(React.createElement(GraphiQL, props, logo));
})();
`;
