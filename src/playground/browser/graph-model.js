/*
 * The graph an answer holds: pure functions, no DOM, so that they run the same in the page and in
 * a test under Node (graph-model.spec.ts); graph-layout.js places it.
 *
 * extract(result): every object with an `id` is a node (type from __typename, or from the global
 * ID, which is base64url of "Type:key"); an object nested under a node is an edge named after the
 * first field below the parent (Forum.sessions.nodes[i] -> "sessions"); a `neighbors` entry's `via`
 * and a `path`'s `edges` are edges named by their `relation`. A `path` is the highlighted chain.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */

/**
 * A record of the answer.
 * @typedef {{ id: string, type: string, label: string, fields: Record<string, unknown> }} GraphNode
 */
/**
 * A relation between two records: `nested` (an object under a field of another) or `relation` (a
 * GraphEdge or a Neighbor's `via`, named by its relation).
 * @typedef {{ id: string, source: string, target: string, label: string, kind: 'nested' | 'relation', direction: string | null }} GraphEdge
 */
/**
 * Nodes and edges by id, in the order they were found, and the highlighted path (node ids in order).
 * @typedef {{ nodes: Map<string, GraphNode>, edges: Map<string, GraphEdge>, path: string[] }} GraphModel
 */
/** An object of the answer that has an id: a record. @typedef {{ id: string, [field: string]: unknown }} NodeObject */

/** The fields a node is labelled with, first found first (graph-queries.js asks for the same). */
export var LABEL_FIELDS = ['title', 'name', 'fullName', 'shortName', 'text', 'label'];

/**
 * The type a global ID names ("Forum" for base64url("Forum:baikal-...")), or null.
 * @param {unknown} id
 * @returns {string | null}
 */
export function typeOfId(id) {
  var decoded = decodeId(id);
  return decoded ? decoded.type : null;
}

/**
 * { type, key } of a global ID, or null when it is not one.
 * @param {unknown} id
 * @returns {{ type: string, key: string } | null}
 */
export function decodeId(id) {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id) || id.length > 400) return null;
  var base64 = id.replace(/-/g, '+').replace(/_/g, '/');
  while (base64.length % 4) base64 += '=';
  var text;
  try {
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return null;
  }
  var match = /^([A-Z][A-Za-z0-9]*):(.+)$/.exec(text);
  return match ? { type: match[1], key: match[2] } : null;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * @param {unknown} value
 * @returns {value is NodeObject}
 */
function isNodeObject(value) {
  return isObject(value) && typeof value.id === 'string' && value.id !== '';
}

/**
 * @param {unknown} text
 * @param {number} max
 * @returns {string}
 */
function shorten(text, max) {
  var flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/**
 * A node's label: its title or name (or the first of LABEL_FIELDS it has), else "Type key".
 * @param {{ id: string, fields: Record<string, unknown> }} node
 * @returns {string}
 */
export function labelOf(node) {
  for (var i = 0; i < LABEL_FIELDS.length; i++) {
    var value = node.fields[LABEL_FIELDS[i]];
    if (typeof value === 'string' && value.trim() !== '') return shorten(value, 60);
  }
  var decoded = decodeId(node.id);
  return decoded ? decoded.type + ' ' + shorten(decoded.key, 40) : shorten(node.id, 40);
}

/**
 * An empty model: nodes and edges by id, in the order they were found.
 * @returns {GraphModel}
 */
export function emptyModel() {
  return { nodes: new Map(), edges: new Map(), path: [] };
}

/**
 * Adds the record `object` to the model (or adds what it says to the node already there).
 * @param {GraphModel} model
 * @param {NodeObject} object
 * @returns {GraphNode}
 */
function addNode(model, object) {
  var typename = typeof object.__typename === 'string' ? object.__typename : null;
  var node = model.nodes.get(object.id);
  if (!node) {
    node = { id: object.id, type: typename || typeOfId(object.id) || 'Node', label: '', fields: {} };
    model.nodes.set(object.id, node);
  } else if (typename) {
    node.type = typename;
  }
  var fields = node.fields;
  Object.keys(object).forEach(function (key) {
    var value = object[key];
    // What the record says of itself: scalars, and small objects such as a date { iso precision }.
    if (value === null || typeof value !== 'object' || (isObject(value) && !hasNodeInside(value))) {
      fields[key] = value;
    }
  });
  node.label = labelOf(node);
  return node;
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function hasNodeInside(value) {
  if (Array.isArray(value)) return value.some(hasNodeInside);
  if (!isObject(value)) return false;
  if (isNodeObject(value)) return true;
  return Object.keys(value).some(function (key) {
    return hasNodeInside(value[key]);
  });
}

/**
 * Adds an edge unless one with the same ends and label is there; returns the edge.
 * @param {GraphModel} model
 * @param {string} source
 * @param {string} target
 * @param {string} label
 * @param {GraphEdge['kind']} kind
 * @param {unknown} direction
 * @returns {GraphEdge}
 */
function addEdge(model, source, target, label, kind, direction) {
  var id = source + '\u0001' + target + '\u0001' + label;
  var edge = model.edges.get(id);
  if (!edge) {
    edge = { id: id, source: source, target: target, label: label, kind: kind, direction: typeof direction === 'string' ? direction : null };
    model.edges.set(id, edge);
  }
  return edge;
}

/**
 * Adds what `data` (a GraphQL answer's `data`, or any part of it) holds to `model` (a new one
 * when absent) and returns the model.
 * @param {unknown} data
 * @param {GraphModel} [model]
 * @returns {GraphModel}
 */
export function extract(data, model) {
  var into = model || emptyModel();
  /** @type {string[][]} */
  var paths = [];

  /**
   * @param {unknown} value
   * @param {string | null} owner
   * @param {string | null} field
   */
  function walk(value, owner, field) {
    if (Array.isArray(value)) {
      value.forEach(function (item) {
        walk(item, owner, field);
      });
      return;
    }
    if (!isObject(value)) return;
    if (isNodeObject(value)) {
      var node = addNode(into, value);
      if (owner && field && owner !== node.id) addEdge(into, owner, node.id, field, 'nested', null);
      Object.keys(value).forEach(function (key) {
        walk(value[key], node.id, key);
      });
      return;
    }
    // A GraphEdge that names both its ends.
    var from = value.from;
    var to = value.to;
    if (typeof value.relation === 'string' && isNodeObject(from) && isNodeObject(to)) {
      addNode(into, from);
      addNode(into, to);
      addEdge(into, from.id, to.id, value.relation, 'relation', value.direction);
    }
    // A Neighbor: the node, and the edge `via` which the walk reached it (to = the node).
    var reached = value.node;
    var via = value.via;
    if (isNodeObject(reached) && isObject(via) && typeof via.relation === 'string' && isNodeObject(via.from)) {
      addNode(into, reached);
      addNode(into, via.from);
      var target = isNodeObject(via.to) ? via.to.id : reached.id;
      addEdge(into, via.from.id, target, via.relation, 'relation', via.direction);
    }
    // A GraphPath: nodes[i] --edges[i]--> nodes[i+1].
    var nodes = value.nodes;
    var edges = value.edges;
    if (Array.isArray(nodes) && Array.isArray(edges) && nodes.every(isNodeObject)) {
      var chain = nodes.map(function (node) {
        addNode(into, node);
        return node.id;
      });
      edges.forEach(function (edge, index) {
        if (isObject(edge) && typeof edge.relation === 'string' && index + 1 < chain.length) {
          addEdge(into, chain[index], chain[index + 1], edge.relation, 'relation', edge.direction);
        }
      });
      if (edges.length === chain.length - 1) paths.push(chain);
    }
    Object.keys(value).forEach(function (key) {
      walk(value[key], owner, field || key);
    });
  }

  walk(data, null, null);
  if (paths.length > 0) into.path = paths[0];
  return into;
}

/**
 * The edges of the highlighted path, in order (ids of model.edges).
 * @param {GraphModel} model
 * @returns {string[]}
 */
export function pathEdgeIds(model) {
  /** @type {string[]} */
  var ids = [];
  for (var i = 0; i + 1 < model.path.length; i++) {
    var a = model.path[i];
    var b = model.path[i + 1];
    model.edges.forEach(function (edge) {
      if (edge.source === a && edge.target === b && edge.kind === 'relation' && ids.indexOf(edge.id) < 0) ids.push(edge.id);
    });
  }
  return ids;
}
