/*
 * The Playground's Graph and Chart views inside GraphiQL: its two plugins (a sidebar button and a
 * panel each, the panel hosting graph-view.js or chart-view.js) and the header's "Graph" and
 * "Chart" buttons, which also keep GraphiQL's contexts at hand for code outside React and run a
 * shared link's query. playground.js, the start-up module, gives them GraphiQL's pieces.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { findStats } from './chart-query.js';
import { mount } from './chart-view.js';
import { parseJson } from './dom.js';
import { csvUrl, download, fileOf } from './export-download.js';
import { create as createGraphView } from './graph-view.js';
import { createSavedPanel } from './saved-queries.js';

/** @typedef {import('./vendor').ReactGlobal} ReactGlobal */
/** @typedef {import('./vendor').ReactElement} ReactElement */
/** @typedef {import('./vendor').GraphiQLReact} GraphiQLReact */
/** @typedef {import('./vendor').GraphiQLPlugin} GraphiQLPlugin */
/** @typedef {import('./vendor').GraphiQLTab} GraphiQLTab */
/** @typedef {import('./vendor').EditorContext} EditorContext */
/** @typedef {import('./vendor').PluginContext} PluginContext */
/** @typedef {import('./vendor').GraphQLResult} GraphQLResult */
/** @typedef {import('./url-state.js').View} View */

/**
 * What the views need of the page: React and GraphiQL's hooks, the Playground's fetcher, the name
 * of a document's only operation, where the CSV exports are, and a shared link's query to run once
 * (null when the link has none, or one that must not run).
 * @typedef {object} ViewsOptions
 * @property {ReactGlobal} React
 * @property {GraphiQLReact} hooks
 * @property {(query: string, variables: Record<string, unknown>) => Promise<GraphQLResult>} fetch
 * @property {(query: string | null) => string | undefined} operationNameOf
 * @property {{ exports: readonly import('./export-download.js').ExportLink[], path: string }} exportPage
 * @property {string | null} runOnOpen
 */

/** The views: their GraphiQL plugin titles and their keys in the URL (url-state.js). */
/** @type {readonly { title: string, key: View }[]} */
var VIEWS = [
  { title: 'Graph', key: 'graph' },
  { title: 'Chart', key: 'chart' },
];

/**
 * The URL key of a plugin (or a plugin title); null for GraphiQL's own plugins and for none.
 * @param {GraphiQLPlugin | string | null | undefined} plugin
 * @returns {View | null}
 */
export function viewKey(plugin) {
  var title = plugin && typeof plugin === 'object' ? plugin.title : plugin;
  var found = VIEWS.filter(function (view) {
    return view.title === title;
  })[0];
  return found ? found.key : null;
}

/**
 * The plugin title of a view's URL key.
 * @param {View} key
 * @returns {string | undefined}
 */
export function viewTitle(key) {
  var found = VIEWS.filter(function (view) {
    return view.key === key;
  })[0];
  return found ? found.title : undefined;
}

/**
 * The active tab of GraphiQL's editor context.
 * @param {EditorContext | null} editor
 * @returns {GraphiQLTab | null}
 */
function activeTab(editor) {
  return editor && editor.tabs ? editor.tabs[editor.activeTabIndex] || null : null;
}

/**
 * The Graph and Chart plugins, and the header's view switch.
 * @param {ViewsOptions} options
 * @returns {{ plugins: GraphiQLPlugin[], ViewSwitch: () => ReactElement }}
 */
export function createViews(options) {
  var React = options.React;
  var hooks = options.hooks;
  var h = React.createElement;
  var runOnOpen = options.runOnOpen;

  /**
   * GraphiQL's contexts, kept by ViewSwitch (always mounted) for code outside React.
   * @type {{ editor: EditorContext | null, plugins: PluginContext | null, execution: { run(): void } | null, schema: import('graphql').GraphQLSchema | null }}
   */
  var bridge = { editor: null, plugins: null, execution: null, schema: null };

  /** @type {import('./graph-view.js').GraphHost} What the graph view runs and opens, through the same fetcher and tabs as the user. */
  var graphHost = {
    fetch: options.fetch,
    openTab: function (query, variables) {
      var editor = bridge.editor;
      if (!editor || !editor.addTab) return;
      editor.addTab();
      // addTab switches the editors to the new tab's (default) text; fill it in once it has.
      setTimeout(function () {
        var current = bridge.editor;
        if (!current) return;
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
   * @param {string} title
   * @param {boolean} close
   */
  function openView(title, close) {
    var sidebarButton = document.querySelector('.graphiql-sidebar button[aria-label="' + (close ? 'Hide ' : 'Show ') + title + '"]');
    if (sidebarButton instanceof HTMLElement) {
      sidebarButton.click();
      return;
    }
    var plugins = bridge.plugins;
    if (!plugins) return;
    var plugin = plugins.plugins.filter(function (candidate) {
      return candidate.title === title;
    })[0];
    plugins.setVisiblePlugin(close ? null : plugin);
  }

  /**
   * The "Graph" and "Chart" buttons in the header; also keeps the bridge and runs a shared query.
   * @returns {ReactElement}
   */
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
      var shared = runOnOpen;
      if (shared === null || !editor || !editor.queryEditor || !execution) return;
      runOnOpen = null;
      // A shared link: run its query once the editor holds it.
      var tries = 0;
      var timer = setInterval(function () {
        tries++;
        var queryEditor = bridge.editor && bridge.editor.queryEditor;
        if ((queryEditor && queryEditor.getValue() === shared) || tries > 50) {
          clearInterval(timer);
          if (bridge.execution) bridge.execution.run();
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

  /** @returns {ReactElement} */
  function GraphPanel() {
    var tab = activeTab(hooks.useEditorContext());
    var response = tab ? tab.response : null;
    var hostRef = React.useRef(/** @type {HTMLDivElement | null} */ (null));
    var viewRef = React.useRef(/** @type {import('./graph-view.js').GraphView | null} */ (null));
    React.useEffect(function () {
      if (!hostRef.current) return undefined;
      var view = createGraphView(hostRef.current, graphHost);
      viewRef.current = view;
      return function () {
        view.dispose();
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

  /**
   * The headers of GraphiQL's Headers tab, as its fetcher sends them with every query: a JSON
   * object, or {} when the tab is empty. Throws a TypeError naming the tab when it is not an object.
   * @returns {Record<string, string>}
   */
  function editorHeaders() {
    var editor = bridge.editor;
    var tab = activeTab(editor);
    var text = editor && editor.headerEditor ? editor.headerEditor.getValue() : tab ? tab.headers : null;
    if (typeof text !== 'string' || text.trim() === '') return {};
    var headers = parseJson(text);
    if (!headers || typeof headers !== 'object' || Array.isArray(headers)) {
      throw new TypeError('The Headers tab must hold a JSON object, such as {"Authorization": "Bearer …"}');
    }
    // fetch() sends each value as its text, as GraphiQL's own fetcher does.
    return /** @type {Record<string, string>} */ (headers);
  }

  /**
   * The export link of the tab's query, when its main list has one, and the chart of its answer.
   * @param {HTMLElement} host
   * @param {string | null} response
   * @param {string | null} query
   * @param {string | null} variablesText
   * @returns {(() => void) | undefined} what takes the chart down
   */
  function showChart(host, response, query, variablesText) {
    host.textContent = '';
    var variables = parseJson(variablesText) || undefined;
    /** @type {string | null} */
    var csv = null;
    try {
      csv = query ? csvUrl(query, variables, options.operationNameOf(query), options.exportPage) : null;
    } catch (error) {
      csv = null;
    }
    if (csv) {
      var url = csv;
      var link = document.createElement('a');
      link.className = 'pg-button';
      link.href = url;
      link.setAttribute('download', '');
      // Named by its file ("Download clusterEvents.csv"): the chart's own "Download CSV" saves the groups.
      link.textContent = 'Download ' + fileOf(url);
      var status = document.createElement('p');
      status.className = 'pg-muted';
      status.setAttribute('role', 'status');
      // A plain link sends no Authorization header: download with the Headers tab's instead.
      link.addEventListener('click', function (event) {
        event.preventDefault();
        download(url, editorHeaders, status);
      });
      host.appendChild(link);
      host.appendChild(status);
    }
    /** @param {string} text */
    var message = function (text) {
      var note = document.createElement('p');
      note.className = 'pg-muted';
      note.textContent = text;
      host.appendChild(note);
    };
    if (!window.echarts) {
      message('The chart view is not available: its drawing library did not load.');
      return undefined;
    }
    var result = parseJson(response);
    var stats = null;
    try {
      stats = result && query ? findStats(result, query, variables) : null;
    } catch (error) {
      stats = null;
    }
    if (!stats) {
      message('No stats groups in this answer: run a query with a …Stats(groupBy: …) field, such as the Aggregates example.');
      return undefined;
    }
    var area = document.createElement('div');
    host.appendChild(area);
    var mounted = mount(area, stats);
    return function () {
      mounted.dispose();
    };
  }

  /** @returns {ReactElement} */
  function ChartPanel() {
    var tab = activeTab(hooks.useEditorContext());
    var response = tab ? tab.response : null;
    var query = tab ? tab.query : null;
    var variablesText = tab ? tab.variables : null;
    var hostRef = React.useRef(/** @type {HTMLDivElement | null} */ (null));
    React.useEffect(
      function () {
        return hostRef.current ? showChart(hostRef.current, response, query, variablesText) : undefined;
      },
      [response, query, variablesText],
    );
    return h('div', { className: 'pg-panel' }, h('div', { className: 'graphiql-doc-explorer-title' }, 'Chart'), h('div', { ref: hostRef }));
  }

  /**
   * A sidebar icon of SVG paths.
   * @param {string[]} paths
   * @returns {() => ReactElement}
   */
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

  /** @returns {ReactElement} The Saved panel (saved-queries.js), through the Headers tab's token and the tabs. */
  function SavedPanel() {
    var hostRef = React.useRef(/** @type {HTMLDivElement | null} */ (null));
    React.useEffect(function () {
      if (!hostRef.current) return;
      createSavedPanel(hostRef.current, {
        post: function (query, variables) {
          var headers = Object.assign({ 'content-type': 'application/json' }, editorHeaders());
          return window.fetch(options.exportPage.path, { method: 'POST', headers: headers, body: JSON.stringify({ query: query, variables: variables }) }).then(function (response) {
            return response.json();
          });
        },
        currentQuery: function () {
          return bridge.editor && bridge.editor.queryEditor ? bridge.editor.queryEditor.getValue() : null;
        },
        openTab: function (query) {
          graphHost.openTab(query, '');
        },
      });
    }, []);
    return h('div', { className: 'pg-panel' }, h('div', { className: 'graphiql-doc-explorer-title' }, 'Saved'), h('div', { ref: hostRef }));
  }

  return {
    plugins: [
      {
        title: 'Graph',
        icon: icon(['M6 6l12 3M6 6l4 12M18 9l-8 9', 'M4 6a2 2 0 104 0 2 2 0 10-4 0M16 9a2 2 0 104 0 2 2 0 10-4 0M8 18a2 2 0 104 0 2 2 0 10-4 0']),
        content: GraphPanel,
      },
      { title: 'Chart', icon: icon(['M4 20h16', 'M7 20V11M12 20V5M17 20v-6']), content: ChartPanel },
      { title: 'Saved', icon: icon(['M6 4h10l3 3v13H6z', 'M9 4v5h6V4M9 20v-6h6v6']), content: SavedPanel },
    ],
    ViewSwitch: ViewSwitch,
  };
}
