/*
 * The Graph view's text beside the drawing: the legend, the list of nodes and edges (also the
 * fallback where the canvas renderer is missing or fails), and the selected node's fields with its
 * controls. Plain DOM from the model; graph-view.js owns the drawing and says when to render these.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { element } from './dom.js';
import { PATH_COLOR, colorOf } from './graph-style.js';

/** @typedef {import('./graph-model.js').GraphModel} GraphModel */
/** @typedef {import('./graph-model.js').GraphNode} GraphNode */

/**
 * A button of the Playground's look.
 * @param {string} text
 * @param {(event: MouseEvent) => void} onclick
 * @param {import('./dom.js').Attributes} [extra] more attributes
 * @returns {HTMLButtonElement}
 */
export function button(text, onclick, extra) {
  return element('button', Object.assign({ type: 'button', class: 'pg-button', text: text, onclick: onclick }, extra || {}));
}

/**
 * One line per node type with its colour and count, and the path's colour when one is highlighted.
 * @param {HTMLElement} legend
 * @param {GraphModel} model
 */
export function renderLegend(legend, model) {
  /** @type {Map<string, number>} */
  var counts = new Map();
  model.nodes.forEach(function (node) {
    counts.set(node.type, (counts.get(node.type) || 0) + 1);
  });
  legend.textContent = '';
  counts.forEach(function (count, type) {
    legend.appendChild(
      element('li', {}, [
        element('span', { class: 'pg-swatch', style: 'background:' + colorOf(type), 'aria-hidden': 'true' }),
        element('span', { text: type + ' (' + count + ')' }),
      ]),
    );
  });
  if (model.path.length > 0) {
    legend.appendChild(
      element('li', {}, [
        element('span', { class: 'pg-swatch pg-swatch-path', style: 'border-color:' + PATH_COLOR, 'aria-hidden': 'true' }),
        element('span', { text: 'path' }),
      ]),
    );
  }
}

/**
 * The nodes (each a button that selects it) and the edges, as text.
 * @param {HTMLElement} list
 * @param {GraphModel} model
 * @param {(id: string) => void} onSelect
 */
export function renderList(list, model, onSelect) {
  list.textContent = '';
  var nodes = element('ul', { class: 'pg-graph-list-nodes' });
  model.nodes.forEach(function (node) {
    nodes.appendChild(
      element('li', {}, [
        button(node.label, function () {
          onSelect(node.id);
        }, { class: 'pg-link' }),
        element('span', { class: 'pg-muted', text: ' ' + node.type }),
      ]),
    );
  });
  var edges = element('ul', { class: 'pg-graph-list-edges' });
  model.edges.forEach(function (edge) {
    var from = model.nodes.get(edge.source);
    var to = model.nodes.get(edge.target);
    edges.appendChild(element('li', { text: (from ? from.label : edge.source) + ' —' + edge.label + '→ ' + (to ? to.label : edge.target) }));
  });
  list.appendChild(element('h3', { text: 'Nodes (' + model.nodes.size + ')' }));
  list.appendChild(nodes);
  list.appendChild(element('h3', { text: 'Edges (' + model.edges.size + ')' }));
  list.appendChild(edges);
}

/**
 * The selected node's label, type, id, Expand and "Open in new tab" controls and fields; a hint when none is.
 * @param {HTMLElement} details
 * @param {GraphNode | null} node
 * @param {{ expand(id: string): void, open(node: GraphNode): void }} actions
 */
export function renderDetails(details, node, actions) {
  details.textContent = '';
  if (!node) {
    details.appendChild(element('p', { class: 'pg-muted', text: 'Click a node (or pick one in the list) to see its fields.' }));
    return;
  }
  var shown = node;
  var fields = element('dl', {});
  Object.keys(shown.fields).forEach(function (key) {
    var value = shown.fields[key];
    fields.appendChild(element('dt', { text: key }));
    fields.appendChild(element('dd', { text: value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value) }));
  });
  details.appendChild(element('h3', { text: shown.label }));
  details.appendChild(element('p', { class: 'pg-muted', text: shown.type + ' · ' + shown.id }));
  details.appendChild(
    element('div', { class: 'pg-toolbar', role: 'toolbar', 'aria-label': 'Node controls' }, [
      button('Expand', function () {
        actions.expand(shown.id);
      }),
      button('Open in new tab', function () {
        actions.open(shown);
      }),
    ]),
  );
  details.appendChild(fields);
}
