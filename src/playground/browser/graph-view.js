/*
 * The Playground's graph view (issue 17): draws the records and relations of the current answer
 * with cytoscape.js (canvas 2D: no WebGL needed; the UMD build's global `cytoscape`), with a text
 * list of nodes and edges beside it that is also the fallback where the canvas renderer is missing
 * or fails (the legend, the list and the selected node's fields are graph-panels.js's).
 *
 * create(container, host) -> view
 *   host.fetch(query, variables) -> Promise<GraphQL result>   (the Playground's own fetcher)
 *   host.openTab(query, variables)                           (a new GraphiQL tab)
 *   host.schema() -> GraphQLSchema | null
 *   view.show(result)    draws a result (an object or GraphQL's JSON text); the same text twice is a no-op
 *   view.select(id), view.expand(id) -> Promise, view.fit(), view.dispose()
 *
 * Each drawing times itself as User Timing measures (DRAW_MEASURES; DevTools' Performance panel
 * shows them, `npm run bench:draw` reads them), the last drawing's only.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { element } from './dom.js';
import { place } from './graph-layout.js';
import { emptyModel, extract, pathEdgeIds } from './graph-model.js';
import { button, renderDetails, renderLegend, renderList } from './graph-panels.js';
import { expandQuery, nodeQuery } from './graph-queries.js';
import { colorOf, stylesheet } from './graph-style.js';

/** @typedef {import('./graph-model.js').GraphModel} GraphModel */
/** @typedef {import('./graph-model.js').GraphNode} GraphNode */
/** @typedef {import('./graph-model.js').GraphEdge} GraphEdge */
/** @typedef {import('./graph-layout.js').Point} Point */

/**
 * What the view needs of the page around it.
 * @typedef {object} GraphHost
 * @property {(query: string, variables: Record<string, unknown>) => Promise<GraphQLResult>} fetch
 * @property {(query: string, variables: string) => void} openTab
 * @property {() => import('graphql').GraphQLSchema | null} schema
 */
/** @typedef {{ data?: unknown, errors?: readonly { message: string }[] }} GraphQLResult */
/**
 * @typedef {object} GraphView
 * @property {(result: unknown) => void} show
 * @property {(id: string) => void} select
 * @property {(id: string) => Promise<void>} expand
 * @property {() => void} fit
 * @property {() => void} dispose
 */

/**
 * The names of a drawing's User Timing measures; each measure's `detail` is { nodes, edges }.
 * From the answer reaching the view: extracting the graph, laying it out, handing the elements to
 * the renderer (cytoscape's add, style and fit), and in all until the renderer's first frame.
 */
export var DRAW_MEASURES = {
  extract: 'graph view: extract',
  layout: 'graph view: layout',
  add: 'graph view: add to renderer',
  drawn: 'graph view: answer to first frame',
};

/**
 * Records one measure of a drawing, from `start` to now, after forgetting the one of the drawing before.
 * @param {string} name
 * @param {number} start
 * @param {{ nodes: number, edges: number }} detail
 */
function measure(name, start, detail) {
  performance.clearMeasures(name);
  performance.measure(name, { start: start, end: performance.now(), detail: detail });
}

/**
 * @param {HTMLElement} container
 * @param {GraphHost} host
 * @returns {GraphView}
 */
export function create(container, host) {
  var model = emptyModel();
  /** @type {Map<string, Point>} */
  var positions = new Map();
  /** @type {unknown} */
  var lastShown = null;
  /** @type {GraphNode | null} */
  var selected = null;
  /** @type {import('cytoscape').Core | null} */
  var cy = null;
  var listShown = false;
  /** @type {MutationObserver | null} */
  var themeObserver = null;

  var status = element('p', { class: 'pg-graph-status', role: 'status', 'aria-live': 'polite' });
  var canvas = element('div', {
    class: 'pg-graph-canvas',
    role: 'img',
    'aria-label': 'Graph drawing (drag to pan, wheel to zoom, click a node); List shows the same as text',
  });
  var legend = element('ul', { class: 'pg-graph-legend', 'aria-label': 'Legend: node colours by type' });
  var details = element('section', { class: 'pg-graph-details', 'aria-label': 'Selected node' });
  var list = element('section', { class: 'pg-graph-list', 'aria-label': 'Nodes and edges as text', hidden: '' });
  var listButton = button('List', toggleList, { 'aria-pressed': 'false' });
  var toolbar = element('div', { class: 'pg-toolbar', role: 'toolbar', 'aria-label': 'Graph controls' }, [
    button('Fit', fit),
    button('Zoom in', function () {
      zoomBy(1.4);
    }),
    button('Zoom out', function () {
      zoomBy(1 / 1.4);
    }),
    listButton,
  ]);
  var root = element('div', { class: 'pg-graph' }, [toolbar, status, canvas, legend, details, list]);
  container.appendChild(root);

  var cytoscape = window.cytoscape;
  if (typeof cytoscape === 'function') {
    try {
      var drawing = cytoscape({
        container: canvas,
        elements: [],
        layout: { name: 'preset' },
        minZoom: 0.03,
        maxZoom: 4,
        boxSelectionEnabled: false,
        style: style(),
      });
      cy = drawing;
      // GraphiQL switches its theme with a class on <body>: the drawing follows.
      themeObserver = new MutationObserver(function () {
        drawing.style(style());
      });
      themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
      drawing.on('tap', 'node', function (event) {
        select(event.target.id());
      });
    } catch (error) {
      cy = null;
      canvas.textContent = 'The drawing could not start here (' + (error instanceof Error ? error.message : String(error)) + '); the list below shows the graph.';
    }
  } else {
    canvas.textContent = 'The drawing library did not load; the list below shows the graph.';
  }
  if (!cy) {
    canvas.removeAttribute('role');
    canvas.removeAttribute('aria-label');
    canvas.classList.add('pg-graph-canvas-failed');
    listShown = true;
    list.hidden = false;
    listButton.setAttribute('aria-pressed', 'true');
  }
  showDetails();

  function style() {
    return stylesheet(document.body.classList.contains('graphiql-dark'));
  }

  /**
   * @param {GraphNode} node
   * @returns {import('cytoscape').ElementDefinition}
   */
  function nodeElement(node) {
    var point = positions.get(node.id) || { x: 0, y: 0 };
    return {
      group: 'nodes',
      data: { id: node.id, label: node.label, type: node.type, color: colorOf(node.type) },
      position: { x: point.x, y: point.y },
    };
  }

  /**
   * @param {GraphEdge} edge
   * @returns {import('cytoscape').ElementDefinition}
   */
  function edgeElement(edge) {
    return { group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label } };
  }

  /**
   * Draws what the model holds and the renderer does not (all of it after a reset).
   * @param {boolean} reset
   */
  function sync(reset) {
    if (cy) draw(cy, reset);
    describe();
  }

  /**
   * @param {import('cytoscape').Core} drawn
   * @param {boolean} reset
   */
  function draw(drawn, reset) {
    /** @type {import('cytoscape').ElementDefinition[]} */
    var added = [];
    model.nodes.forEach(function (node) {
      if (reset || drawn.getElementById(node.id).empty()) added.push(nodeElement(node));
      else drawn.getElementById(node.id).data('label', node.label);
    });
    model.edges.forEach(function (edge) {
      if (reset || drawn.getElementById(edge.id).empty()) added.push(edgeElement(edge));
    });
    drawn.batch(function () {
      if (reset) drawn.elements().remove();
      drawn.add(added);
      drawn.elements().removeClass('on-path');
      model.path.concat(pathEdgeIds(model)).forEach(function (id) {
        drawn.getElementById(id).addClass('on-path');
      });
    });
    if (reset) fit();
  }

  function describe() {
    var text = model.nodes.size + ' nodes, ' + model.edges.size + ' edges';
    if (model.path.length > 0) text += '; a path of ' + (model.path.length - 1) + ' edges highlighted';
    status.textContent = model.nodes.size === 0 ? 'No records with an id in this answer: run a query, then its nodes appear here.' : text + '.';
    renderLegend(legend, model);
    if (listShown) showList();
  }

  function showList() {
    renderList(list, model, select);
  }

  function toggleList() {
    listShown = !listShown || !cy;
    list.hidden = !listShown;
    listButton.setAttribute('aria-pressed', String(listShown));
    if (listShown) showList();
  }

  /** @param {unknown} result */
  function show(result) {
    if (result === lastShown) return;
    lastShown = result;
    var parsed = result;
    if (typeof result === 'string') {
      try {
        parsed = result.trim() === '' ? null : JSON.parse(result);
      } catch (error) {
        parsed = null;
      }
    }
    var started = performance.now();
    model = extract(parsed !== null && typeof parsed === 'object' && 'data' in parsed ? parsed.data : null);
    var counts = { nodes: model.nodes.size, edges: model.edges.size };
    measure(DRAW_MEASURES.extract, started, counts);
    var extracted = performance.now();
    positions = place(model, new Map(), null);
    measure(DRAW_MEASURES.layout, extracted, counts);
    var placed = performance.now();
    selected = null;
    showDetails();
    // Until this drawing's first frame, no measure of it: not the last drawing's either.
    performance.clearMeasures(DRAW_MEASURES.drawn);
    if (cy) {
      cy.one('render', function () {
        measure(DRAW_MEASURES.drawn, started, counts);
      });
    }
    sync(true);
    measure(DRAW_MEASURES.add, placed, counts);
    if (!cy) measure(DRAW_MEASURES.drawn, started, counts);
  }

  /** @param {string} id */
  function select(id) {
    selected = model.nodes.get(id) || null;
    if (cy) {
      cy.$(':selected').unselect();
      if (selected) cy.getElementById(id).select();
    }
    showDetails();
  }

  function showDetails() {
    renderDetails(details, selected, {
      expand: expand,
      open: function (node) {
        host.openTab(nodeQuery(host.schema(), node), JSON.stringify({ id: node.id }, null, 2));
      },
    });
  }

  /**
   * Runs neighbors(id, depth: 1) and merges the answer; nothing drawn moves.
   * @param {string} id
   * @returns {Promise<void>}
   */
  function expand(id) {
    status.textContent = 'Expanding…';
    return Promise.resolve(host.fetch(expandQuery(host.schema()), { id: id })).then(
      function (result) {
        if (result && result.errors && result.errors.length) {
          status.textContent = 'Expanding failed: ' + result.errors[0].message;
          return;
        }
        var path = model.path;
        extract(result && result.data ? result.data : null, model);
        model.path = path;
        place(model, positions, id);
        sync(false);
      },
      function (error) {
        status.textContent = 'Expanding failed: ' + (error && error.message ? error.message : String(error));
      },
    );
  }

  /**
   * Everything in view, but a few nodes no larger than life. From the node positions rather than
   * cy.fit(): that measures every label first, which costs more than the whole first frame.
   */
  function fit() {
    var drawn = cy;
    if (!drawn || drawn.nodes().length === 0) return;
    var box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    drawn.nodes().forEach(function (node) {
      var point = node.position();
      box.x1 = Math.min(box.x1, point.x);
      box.y1 = Math.min(box.y1, point.y);
      box.x2 = Math.max(box.x2, point.x);
      box.y2 = Math.max(box.y2, point.y);
    });
    // Labels sit under their nodes, up to 160 pixels wide: more room at the sides than above.
    var width = Math.max(drawn.width() - 2 * 85, 1);
    var height = Math.max(drawn.height() - 2 * 30, 1);
    var zoom = Math.min(1.25, width / Math.max(box.x2 - box.x1, 1), height / Math.max(box.y2 - box.y1, 1));
    drawn.viewport({
      zoom: zoom,
      pan: { x: drawn.width() / 2 - (zoom * (box.x1 + box.x2)) / 2, y: drawn.height() / 2 - (zoom * (box.y1 + box.y2)) / 2 },
    });
  }

  /** @param {number} factor */
  function zoomBy(factor) {
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  describe();
  return {
    show: show,
    select: select,
    expand: expand,
    fit: fit,
    dispose: function () {
      if (themeObserver) themeObserver.disconnect();
      if (cy) cy.destroy();
      cy = null;
      if (root.parentNode) root.parentNode.removeChild(root);
    },
  };
}
