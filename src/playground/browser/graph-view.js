/*
 * The Playground's graph view (issue 17): draws the records and relations of the current answer
 * with cytoscape.js (canvas 2D: no WebGL needed), with a text list of nodes and edges beside it
 * that is also the fallback where the canvas renderer is missing or fails (the legend, the list and
 * the selected node's fields are graph-panels.js's).
 *
 * window.PlaygroundGraphView.create(container, host) -> view
 *   host.fetch(query, variables) -> Promise<GraphQL result>   (the Playground's own fetcher)
 *   host.openTab(query, variables)                           (a new GraphiQL tab)
 *   host.schema() -> GraphQLSchema | null
 *   view.show(result)    draws a result (an object or GraphQL's JSON text); the same text twice is a no-op
 *   view.select(id), view.expand(id) -> Promise, view.fit(), view.dispose()
 *
 * The view in use is window.__playgroundGraph: counts, nodes, edges and the highlighted path read
 * from the renderer's own model (the tests read this, not pixels).
 */
(function () {
  'use strict';

  var Model = window.PlaygroundGraphModel;
  var Style = window.PlaygroundGraphStyle;
  var Queries = window.PlaygroundGraphQueries;
  var Panels = window.PlaygroundGraphPanels;
  var colorOf = Style.colorOf;
  var element = window.PlaygroundDom.element;
  var button = Panels.button;

  // ---------------------------------------------------------------- the view

  function create(container, host) {
    var model = Model.emptyModel();
    var positions = new Map();
    var lastShown = null;
    var selected = null;
    var cy = null;
    var renderer = 'list';
    var listShown = false;
    /** How long the last show() took: to extract, to lay out, and until the renderer's first frame. */
    var lastDraw = null;
    var renders = 0;
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

    if (typeof window.cytoscape === 'function') {
      try {
        cy = window.cytoscape({
          container: canvas,
          elements: [],
          layout: { name: 'preset' },
          minZoom: 0.03,
          maxZoom: 4,
          boxSelectionEnabled: false,
          style: style(),
        });
        renderer = 'cytoscape';
        // GraphiQL switches its theme with a class on <body>: the drawing follows.
        if (window.MutationObserver) {
          themeObserver = new MutationObserver(function () {
            if (cy) cy.style(style());
          });
          themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
        }
        cy.on('render', function () {
          renders++;
        });
        cy.on('tap', 'node', function (event) {
          select(event.target.id());
        });
      } catch (error) {
        cy = null;
        canvas.textContent = 'The drawing could not start here (' + error.message + '); the list below shows the graph.';
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
      return Style.stylesheet(document.body.classList.contains('graphiql-dark'));
    }

    function nodeElement(node) {
      var point = positions.get(node.id);
      return {
        group: 'nodes',
        data: { id: node.id, label: node.label, type: node.type, color: colorOf(node.type) },
        position: { x: point.x, y: point.y },
      };
    }

    function edgeElement(edge) {
      return { group: 'edges', data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label } };
    }

    /** Draws what the model holds and the renderer does not (all of it after a reset). */
    function sync(reset) {
      if (cy) {
        var added = [];
        model.nodes.forEach(function (node) {
          if (reset || cy.getElementById(node.id).empty()) added.push(nodeElement(node));
          else cy.getElementById(node.id).data('label', node.label);
        });
        model.edges.forEach(function (edge) {
          if (reset || cy.getElementById(edge.id).empty()) added.push(edgeElement(edge));
        });
        cy.batch(function () {
          if (reset) cy.elements().remove();
          cy.add(added);
          cy.elements().removeClass('on-path');
          model.path.forEach(function (id) {
            cy.getElementById(id).addClass('on-path');
          });
          Model.pathEdgeIds(model).forEach(function (id) {
            cy.getElementById(id).addClass('on-path');
          });
        });
        if (reset) fit();
      }
      describe();
    }

    function describe() {
      var text = model.nodes.size + ' nodes, ' + model.edges.size + ' edges';
      if (model.path.length > 0) text += '; a path of ' + (model.path.length - 1) + ' edges highlighted';
      status.textContent = model.nodes.size === 0 ? 'No records with an id in this answer: run a query, then its nodes appear here.' : text + '.';
      Panels.renderLegend(legend, model);
      if (listShown) renderList();
    }

    function renderList() {
      Panels.renderList(list, model, select);
    }

    function toggleList() {
      listShown = !listShown || !cy;
      list.hidden = !listShown;
      listButton.setAttribute('aria-pressed', String(listShown));
      if (listShown) renderList();
    }

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
      model = Model.extract(parsed && parsed.data ? parsed.data : null);
      var extracted = performance.now();
      positions = Model.place(model, new Map(), null);
      var placed = performance.now();
      selected = null;
      showDetails();
      var timing = {
        nodes: model.nodes.size,
        edges: model.edges.size,
        extractMs: extracted - started,
        layoutMs: placed - extracted,
        addMs: null,
        drawnMs: null,
      };
      if (cy) {
        cy.one('render', function () {
          timing.drawnMs = performance.now() - started;
          lastDraw = timing;
        });
      }
      sync(true);
      timing.addMs = performance.now() - placed;
      if (!cy) {
        timing.drawnMs = performance.now() - started;
        lastDraw = timing;
      }
    }

    function select(id) {
      selected = model.nodes.get(id) || null;
      if (cy) {
        cy.$(':selected').unselect();
        if (selected) cy.getElementById(id).select();
      }
      showDetails();
    }

    function showDetails() {
      Panels.renderDetails(details, selected, {
        expand: expand,
        open: function (node) {
          host.openTab(Queries.nodeQuery(host.schema(), node), JSON.stringify({ id: node.id }, null, 2));
        },
      });
    }

    /** Runs neighbors(id, depth: 1) and merges the answer; nothing drawn moves. */
    function expand(id) {
      status.textContent = 'Expanding…';
      return Promise.resolve(host.fetch(Queries.expandQuery(host.schema()), { id: id })).then(
        function (result) {
          if (result && result.errors && result.errors.length) {
            status.textContent = 'Expanding failed: ' + result.errors[0].message;
            return;
          }
          var path = model.path;
          Model.extract(result && result.data ? result.data : null, model);
          model.path = path;
          Model.place(model, positions, id);
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
      if (!cy || cy.nodes().length === 0) return;
      var box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
      cy.nodes().forEach(function (node) {
        var point = node.position();
        box.x1 = Math.min(box.x1, point.x);
        box.y1 = Math.min(box.y1, point.y);
        box.x2 = Math.max(box.x2, point.x);
        box.y2 = Math.max(box.y2, point.y);
      });
      // Labels sit under their nodes, up to 160 pixels wide: more room at the sides than above.
      var width = Math.max(cy.width() - 2 * 85, 1);
      var height = Math.max(cy.height() - 2 * 30, 1);
      var zoom = Math.min(1.25, width / Math.max(box.x2 - box.x1, 1), height / Math.max(box.y2 - box.y1, 1));
      cy.viewport({
        zoom: zoom,
        pan: { x: cy.width() / 2 - (zoom * (box.x1 + box.x2)) / 2, y: cy.height() / 2 - (zoom * (box.y1 + box.y2)) / 2 },
      });
    }

    function zoomBy(factor) {
      if (!cy) return;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    }

    var view = {
      show: show,
      select: select,
      expand: expand,
      fit: fit,
      dispose: function () {
        if (themeObserver) themeObserver.disconnect();
        if (cy) cy.destroy();
        cy = null;
        if (root.parentNode) root.parentNode.removeChild(root);
        if (window.__playgroundGraph === testHandle) window.__playgroundGraph = null;
      },
    };

    // What the tests read: the renderer's own elements when it draws, else the model the list shows.
    var testHandle = {
      get renderer() {
        return renderer;
      },
      get nodeCount() {
        return cy ? cy.nodes().length : model.nodes.size;
      },
      get edgeCount() {
        return cy ? cy.edges().length : model.edges.size;
      },
      nodes: function () {
        if (!cy) {
          return Array.from(model.nodes.values()).map(function (node) {
            return { id: node.id, type: node.type, label: node.label, position: positions.get(node.id) || null };
          });
        }
        var box = canvas.getBoundingClientRect();
        return cy.nodes().map(function (node) {
          var rendered = node.renderedPosition();
          return {
            id: node.id(),
            type: node.data('type'),
            label: node.data('label'),
            position: { x: node.position('x'), y: node.position('y') },
            page: { x: box.left + rendered.x, y: box.top + rendered.y },
          };
        });
      },
      edges: function () {
        if (!cy) {
          return Array.from(model.edges.values()).map(function (edge) {
            return { source: edge.source, target: edge.target, label: edge.label };
          });
        }
        return cy.edges().map(function (edge) {
          return { source: edge.data('source'), target: edge.data('target'), label: edge.data('label') };
        });
      },
      highlighted: function () {
        if (!cy) {
          return {
            nodes: model.path.slice(),
            edges: Model.pathEdgeIds(model).map(function (id) {
              var edge = model.edges.get(id);
              return { source: edge.source, target: edge.target, label: edge.label };
            }),
          };
        }
        return {
          nodes: model.path.filter(function (id) {
            return cy.getElementById(id).hasClass('on-path');
          }),
          edges: cy.edges('.on-path').map(function (edge) {
            return { source: edge.data('source'), target: edge.data('target'), label: edge.data('label') };
          }),
        };
      },
      selected: function () {
        return selected ? selected.id : null;
      },
      /** { nodes, edges, extractMs, layoutMs, drawnMs } of the last answer shown (the benchmark reads it). */
      lastDraw: function () {
        return lastDraw;
      },
      /** Frames the renderer has drawn so far. */
      get renders() {
        return renders;
      },
    };
    window.__playgroundGraph = testHandle;
    describe();
    return view;
  }

  window.PlaygroundGraphView = { create: create };
})();
