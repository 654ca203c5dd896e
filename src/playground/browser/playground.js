/*
 * The Playground's start-up script, served as the asset `playground.js` (an external script, so the
 * page's Content-Security-Policy needs no 'unsafe-inline' for scripts). It runs after the UMD builds
 * of React, ReactDOM, GraphiQL, the Explorer plugin, cytoscape and echarts and the Playground's own
 * helpers (dom.js, url-state.js, graph-model.js, graph-panels.js, graph-view.js, chart-query.js,
 * chart-model.js, chart-view.js, export-download.js) have defined their globals, and reads its
 * settings from the page's `<script type="application/json" id="playground-config">`.
 *
 * Plain ES2017, no modules and no build step: the browser gets exactly this text.
 */
(function () {
  'use strict';
  var container = document.getElementById('graphiql');
  function fail(message) {
    container.textContent = message;
    container.className = 'playground-failed';
  }
  if (!window.React || !window.ReactDOM || !window.GraphiQL || !window.GraphiQL.React) {
    fail('The Playground could not load its scripts. Reload the page; the GraphQL endpoint itself answers POST requests.');
    return;
  }
  var h = React.createElement;
  // The UMD build puts @graphiql/react (its contexts and hooks) on GraphiQL.React.
  var hooks = GraphiQL.React;
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var urlState = window.PlaygroundUrlState || null;
  var exportDownload = window.PlaygroundExportDownload || null;
  var parseJson = window.PlaygroundDom.parseJson;

  // ---------------------------------------------------------------- fetching

  // The endpoint is the page's own address: the same path answers GraphQL POSTs (JSON bodies satisfy
  // Apollo's CSRF prevention). Relative, so the page also works behind a proxy that adds a prefix.
  var send = GraphiQL.createFetcher({ url: window.location.pathname, enableIncrementalDelivery: false });

  function operationsOf(query) {
    try {
      return GraphiQL.GraphQL.parse(query).definitions.filter(function (definition) {
        return definition.kind === 'OperationDefinition';
      });
    } catch (error) {
      return null; // not parseable: let the server report it
    }
  }

  // Right after a tab switch GraphiQL may still send the previous tab's operation name (it re-reads
  // the name from the editor a moment after the text changes), and the server would answer "Unknown
  // operation named ...". When the document has exactly one operation, send that one's name.
  function fetcher(params, options) {
    if (params && params.operationName && typeof params.query === 'string') {
      var operations = operationsOf(params.query);
      if (operations && operations.length === 1) {
        var named = operations[0].name ? operations[0].name.value : undefined;
        if (named !== params.operationName) params = Object.assign({}, params, { operationName: named });
      }
    }
    return send(params, options);
  }

  // ---------------------------------------------------------------- the URL: query, variables, view

  var shared = urlState ? urlState.read() : { query: null, variables: null, view: null };
  var state = { query: shared.query, variables: shared.variables, view: shared.view };
  function remember(patch) {
    Object.assign(state, patch);
    if (urlState) urlState.write(state);
  }

  // What GraphiQL runs for the user goes into the URL (its schema introspection does not).
  function runFetcher(params, options) {
    if (params && typeof params.query === 'string' && params.operationName !== 'IntrospectionQuery') {
      var variables = params.variables && Object.keys(params.variables).length > 0 ? JSON.stringify(params.variables, null, 2) : null;
      remember({ query: params.query, variables: variables });
    }
    return fetcher(params, options);
  }

  // ---------------------------------------------------------------- the views

  var VIEWS = [
    { title: 'Graph', key: 'graph' },
    { title: 'Chart', key: 'chart' },
  ];
  function viewKey(plugin) {
    var title = plugin && typeof plugin === 'object' ? plugin.title : plugin;
    var found = VIEWS.filter(function (view) {
      return view.title === title;
    })[0];
    return found ? found.key : null;
  }
  function viewTitle(key) {
    var found = VIEWS.filter(function (view) {
      return view.key === key;
    })[0];
    return found ? found.title : null;
  }

  /** GraphiQL's contexts, kept by ViewSwitch (always mounted) for code outside React. */
  var bridge = { editor: null, plugins: null, execution: null, schema: null };
  // A shared link runs its query on opening, but never a mutation: a link must not write anything.
  var pendingRun = Boolean(shared.query) && onlyQueries(shared.query);

  function onlyQueries(query) {
    var operations = operationsOf(query);
    return Boolean(operations) && operations.length > 0 && operations.every(function (operation) {
      return operation.operation === 'query';
    });
  }

  function activeTab(editor) {
    return editor && editor.tabs ? editor.tabs[editor.activeTabIndex] || null : null;
  }

  function operationNameOf(query) {
    var operations = query ? operationsOf(query) : null;
    return operations && operations.length === 1 && operations[0].name ? operations[0].name.value : undefined;
  }

  /** What the graph view runs and opens, through the same fetcher and tabs as the user. */
  var graphHost = {
    fetch: function (query, variables) {
      return fetcher({ query: query, variables: variables, operationName: operationNameOf(query) });
    },
    openTab: function (query, variables) {
      var editor = bridge.editor;
      if (!editor || !editor.addTab) return;
      editor.addTab();
      // addTab switches the editors to the new tab's (default) text; fill it in once it has.
      setTimeout(function () {
        var current = bridge.editor;
        if (current.queryEditor) current.queryEditor.setValue(query);
        if (current.variableEditor) current.variableEditor.setValue(variables || '');
      }, 0);
    },
    schema: function () {
      return bridge.schema;
    },
  };

  /**
   * Opens (or closes) a plugin panel through its sidebar button: GraphiQL's button also unfolds the
   * panel's pane, which setVisiblePlugin alone leaves folded.
   */
  function openView(title, close) {
    var sidebarButton = document.querySelector('.graphiql-sidebar button[aria-label="' + (close ? 'Hide ' : 'Show ') + title + '"]');
    if (sidebarButton) {
      sidebarButton.click();
      return;
    }
    var plugins = bridge.plugins;
    var plugin = plugins.plugins.filter(function (candidate) {
      return candidate.title === title;
    })[0];
    plugins.setVisiblePlugin(close ? null : plugin);
  }

  /** The "Graph" and "Chart" buttons in the header; also keeps the bridge and runs a shared query. */
  function ViewSwitch() {
    var editor = hooks.useEditorContext();
    var plugins = hooks.usePluginContext();
    var execution = hooks.useExecutionContext();
    var schema = hooks.useSchemaContext();
    bridge.editor = editor;
    bridge.plugins = plugins;
    bridge.execution = execution;
    bridge.schema = schema ? schema.schema : null;
    React.useEffect(function () {
      if (!pendingRun || !editor || !editor.queryEditor || !execution) return;
      pendingRun = false;
      // A shared link: run its query once the editor holds it.
      var tries = 0;
      var timer = setInterval(function () {
        tries++;
        var queryEditor = bridge.editor && bridge.editor.queryEditor;
        if ((queryEditor && queryEditor.getValue() === shared.query) || tries > 50) {
          clearInterval(timer);
          bridge.execution.run();
        }
      }, 100);
    });
    var visible = viewKey(plugins && plugins.visiblePlugin);
    return h(
      'span',
      { className: 'pg-view-switch', role: 'group', 'aria-label': 'Views' },
      VIEWS.map(function (view) {
        return h(
          'button',
          {
            key: view.key,
            type: 'button',
            className: 'pg-button',
            'aria-pressed': visible === view.key ? 'true' : 'false',
            onClick: function () {
              openView(view.title, visible === view.key);
            },
          },
          view.title,
        );
      }),
    );
  }

  function GraphPanel() {
    var tab = activeTab(hooks.useEditorContext());
    var response = tab ? tab.response : null;
    var hostRef = React.useRef(null);
    var viewRef = React.useRef(null);
    React.useEffect(function () {
      viewRef.current = window.PlaygroundGraphView.create(hostRef.current, graphHost);
      return function () {
        viewRef.current.dispose();
        viewRef.current = null;
      };
    }, []);
    React.useEffect(
      function () {
        if (viewRef.current) viewRef.current.show(response || '');
      },
      [response],
    );
    return h('div', { className: 'pg-panel' }, h('div', { className: 'graphiql-doc-explorer-title' }, 'Graph'), h('div', { ref: hostRef }));
  }

  // ---------------------------------------------------------------- the Headers tab

  /**
   * The headers of GraphiQL's Headers tab, as its fetcher sends them with every query: a JSON
   * object, or {} when the tab is empty. Throws a TypeError naming the tab when it is not an object.
   */
  function editorHeaders() {
    var editor = bridge.editor;
    var text = editor && editor.headerEditor ? editor.headerEditor.getValue() : (activeTab(editor) || {}).headers;
    if (typeof text !== 'string' || text.trim() === '') return {};
    var headers = parseJson(text);
    if (!headers || typeof headers !== 'object' || Array.isArray(headers)) {
      throw new TypeError('The Headers tab must hold a JSON object, such as {"Authorization": "Bearer …"}');
    }
    return headers;
  }

  function ChartPanel() {
    var tab = activeTab(hooks.useEditorContext());
    var response = tab ? tab.response : null;
    var query = tab ? tab.query : null;
    var variablesText = tab ? tab.variables : null;
    var hostRef = React.useRef(null);
    React.useEffect(
      function () {
        var host = hostRef.current;
        var mounted = null;
        host.textContent = '';
        var variables = parseJson(variablesText) || undefined;
        var exporter = window.PlaygroundExport;
        var csv = null;
        try {
          csv = exporter && query ? exporter.csvUrl(query, variables, operationNameOf(query)) : null;
        } catch (error) {
          csv = null;
        }
        if (csv) {
          var link = document.createElement('a');
          link.className = 'pg-button';
          link.href = csv;
          link.setAttribute('download', '');
          // Named by its file ("Download clusterEvents.csv"): the chart's own "Download CSV" saves the groups.
          link.textContent = 'Download ' + (exportDownload ? exportDownload.fileOf(csv) : csv.split('?')[0].split('/').pop());
          var status = document.createElement('p');
          status.className = 'pg-muted';
          status.setAttribute('role', 'status');
          // A plain link sends no Authorization header: download with the Headers tab's instead.
          if (exportDownload) {
            link.addEventListener('click', function (event) {
              event.preventDefault();
              exportDownload.download(csv, editorHeaders, status);
            });
          }
          host.appendChild(link);
          host.appendChild(status);
        }
        var message = function (text) {
          var note = document.createElement('p');
          note.className = 'pg-muted';
          note.textContent = text;
          host.appendChild(note);
        };
        var chart = window.PlaygroundChart;
        if (!chart) {
          message('The chart view is not available.');
          return undefined;
        }
        var result = parseJson(response);
        var stats = null;
        try {
          stats = result && query ? chart.findStats(result, query, variables) : null;
        } catch (error) {
          stats = null;
        }
        if (!stats) {
          message('No stats groups in this answer: run a query with a …Stats(groupBy: …) field, such as the Aggregates example.');
          return undefined;
        }
        var area = document.createElement('div');
        host.appendChild(area);
        mounted = chart.mount(area, stats);
        return function () {
          if (mounted && mounted.dispose) mounted.dispose();
        };
      },
      [response, query, variablesText],
    );
    return h('div', { className: 'pg-panel' }, h('div', { className: 'graphiql-doc-explorer-title' }, 'Chart'), h('div', { ref: hostRef }));
  }

  function icon(paths) {
    return function () {
      return h(
        'svg',
        { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
        paths.map(function (d, index) {
          return h('path', { key: index, d: d });
        }),
      );
    };
  }

  var plugins = [
    {
      title: 'Graph',
      icon: icon(['M6 6l12 3M6 6l4 12M18 9l-8 9', 'M4 6a2 2 0 104 0 2 2 0 10-4 0M16 9a2 2 0 104 0 2 2 0 10-4 0M8 18a2 2 0 104 0 2 2 0 10-4 0']),
      content: GraphPanel,
    },
    { title: 'Chart', icon: icon(['M4 20h16', 'M7 20V11M12 20V5M17 20v-6']), content: ChartPanel },
  ];
  if (window.GraphiQLPluginExplorer) plugins.push(GraphiQLPluginExplorer.explorerPlugin());

  // ---------------------------------------------------------------- start

  // The side panel starts at about 45% of the width rather than GraphiQL's 25%: it holds drawings
  // and charts. (GraphiQL keeps the width the user drags it to under this key.)
  try {
    if (window.localStorage.getItem('graphiql:docExplorerFlex') === null) window.localStorage.setItem('graphiql:docExplorerFlex', '0.8');
  } catch (error) {
    // no storage: GraphiQL's default width
  }

  var tabs = config.examples.map(function (example) {
    var tab = { query: example.query };
    if (example.variables) tab.variables = JSON.stringify(example.variables, null, 2);
    return tab;
  });
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
  var logo = h(GraphiQL.Logo, null, h('span', { className: 'pg-title' }, config.title), h(ViewSwitch));
  ReactDOM.createRoot(container).render(h(GraphiQL, props, logo));
})();
