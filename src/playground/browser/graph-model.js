/*
 * The graph an answer holds, and where to draw it: pure functions, no DOM, so that they run the
 * same in the page and in a test under Node.
 *
 * - extract(result): every object with an `id` is a node (type from __typename, or from the global
 *   ID, which is base64url of "Type:key"); an object nested under a node is an edge named after the
 *   first field below the parent (Forum.sessions.nodes[i] -> "sessions"); a `neighbors` entry's
 *   `via` and a `path`'s `edges` are edges named by their `relation`. A `path` is the highlighted chain.
 * - place(model, positions, anchorId): positions for the nodes that have none; nodes that have one
 *   never move. A fresh graph gets a radial tree per connected component; nodes added later go on
 *   a ring around the node they hang from, on the side away from the rest of the graph.
 */
(function (root) {
  'use strict';

  var LABEL_FIELDS = ['title', 'name', 'fullName', 'shortName', 'text', 'label'];
  var NODE_SPACING = 30;
  var RING_STEP = 110;

  /** The type a global ID names ("Forum" for base64url("Forum:baikal-...")), or null. */
  function typeOfId(id) {
    var decoded = decodeId(id);
    return decoded ? decoded.type : null;
  }

  /** { type, key } of a global ID, or null when it is not one. */
  function decodeId(id) {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id) || id.length > 400) return null;
    var base64 = id.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var text;
    try {
      var binary = root.atob(base64);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      text = new root.TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      return null;
    }
    var match = /^([A-Z][A-Za-z0-9]*):(.+)$/.exec(text);
    return match ? { type: match[1], key: match[2] } : null;
  }

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function isNodeObject(value) {
    return isObject(value) && typeof value.id === 'string' && value.id !== '';
  }

  function shorten(text, max) {
    var flat = String(text).replace(/\s+/g, ' ').trim();
    return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
  }

  /** A node's label: its title or name (or the first of LABEL_FIELDS it has), else "Type key". */
  function labelOf(node) {
    for (var i = 0; i < LABEL_FIELDS.length; i++) {
      var value = node.fields[LABEL_FIELDS[i]];
      if (typeof value === 'string' && value.trim() !== '') return shorten(value, 60);
    }
    var decoded = decodeId(node.id);
    return decoded ? decoded.type + ' ' + shorten(decoded.key, 40) : shorten(node.id, 40);
  }

  /** An empty model: nodes and edges by id, in the order they were found. */
  function emptyModel() {
    return { nodes: new Map(), edges: new Map(), path: [] };
  }

  function addNode(model, object) {
    var node = model.nodes.get(object.id);
    if (!node) {
      node = { id: object.id, type: null, label: '', fields: {} };
      model.nodes.set(object.id, node);
    }
    if (typeof object.__typename === 'string') node.type = object.__typename;
    if (!node.type) node.type = typeOfId(object.id) || 'Node';
    Object.keys(object).forEach(function (key) {
      var value = object[key];
      // What the record says of itself: scalars, and small objects such as a date { iso precision }.
      if (value === null || typeof value !== 'object' || (isObject(value) && !hasNodeInside(value))) {
        node.fields[key] = value;
      }
    });
    node.label = labelOf(node);
    return node;
  }

  function hasNodeInside(value) {
    if (Array.isArray(value)) return value.some(hasNodeInside);
    if (!isObject(value)) return false;
    if (isNodeObject(value)) return true;
    return Object.keys(value).some(function (key) {
      return hasNodeInside(value[key]);
    });
  }

  /** Adds an edge unless one with the same ends and label is there; returns the edge. */
  function addEdge(model, source, target, label, kind, direction) {
    if (!source || !target) return null;
    var id = source + '\u0001' + target + '\u0001' + label;
    var edge = model.edges.get(id);
    if (!edge) {
      edge = { id: id, source: source, target: target, label: label, kind: kind, direction: direction || null };
      model.edges.set(id, edge);
    }
    return edge;
  }

  function idOf(value) {
    return isNodeObject(value) ? value.id : null;
  }

  /**
   * Adds what `data` (a GraphQL answer's `data`, or any part of it) holds to `model` (a new one
   * when absent) and returns the model.
   */
  function extract(data, model) {
    model = model || emptyModel();
    var paths = [];

    function walk(value, owner, field) {
      if (Array.isArray(value)) {
        value.forEach(function (item) {
          walk(item, owner, field);
        });
        return;
      }
      if (!isObject(value)) return;
      if (isNodeObject(value)) {
        var node = addNode(model, value);
        if (owner && field && owner !== node.id) addEdge(model, owner, node.id, field, 'nested', null);
        Object.keys(value).forEach(function (key) {
          walk(value[key], node.id, key);
        });
        return;
      }
      // A GraphEdge that names both its ends.
      if (typeof value.relation === 'string' && idOf(value.from) && idOf(value.to)) {
        addNode(model, value.from);
        addNode(model, value.to);
        addEdge(model, value.from.id, value.to.id, value.relation, 'relation', value.direction);
      }
      // A Neighbor: the node, and the edge `via` which the walk reached it (to = the node).
      if (isNodeObject(value.node) && isObject(value.via) && typeof value.via.relation === 'string' && idOf(value.via.from)) {
        addNode(model, value.node);
        addNode(model, value.via.from);
        var target = idOf(value.via.to) || value.node.id;
        addEdge(model, value.via.from.id, target, value.via.relation, 'relation', value.via.direction);
      }
      // A GraphPath: nodes[i] --edges[i]--> nodes[i+1].
      if (Array.isArray(value.nodes) && Array.isArray(value.edges) && value.nodes.every(isNodeObject)) {
        var chain = value.nodes.map(function (node) {
          addNode(model, node);
          return node.id;
        });
        value.edges.forEach(function (edge, index) {
          if (isObject(edge) && typeof edge.relation === 'string' && index + 1 < chain.length) {
            addEdge(model, chain[index], chain[index + 1], edge.relation, 'relation', edge.direction);
          }
        });
        if (value.edges.length === chain.length - 1) paths.push(chain);
      }
      Object.keys(value).forEach(function (key) {
        walk(value[key], owner, field || key);
      });
    }

    walk(data, null, null);
    if (paths.length > 0) model.path = paths[0];
    return model;
  }

  /** The edges of the highlighted path, in order (ids of model.edges). */
  function pathEdgeIds(model) {
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

  function adjacency(model) {
    var next = new Map();
    model.nodes.forEach(function (_node, id) {
      next.set(id, []);
    });
    model.edges.forEach(function (edge) {
      if (!next.has(edge.source) || !next.has(edge.target)) return;
      next.get(edge.source).push(edge.target);
      next.get(edge.target).push(edge.source);
    });
    return next;
  }

  /** A radial tree of one component from `rootId`: returns { positions: Map, radius }. */
  function radialTree(rootId, next, taken) {
    var children = new Map();
    var depthOf = new Map([[rootId, 0]]);
    var levels = [[rootId]];
    taken.add(rootId);
    for (var depth = 0; depth < levels.length; depth++) {
      var level = [];
      levels[depth].forEach(function (id) {
        var kids = [];
        next.get(id).forEach(function (other) {
          if (taken.has(other)) return;
          taken.add(other);
          depthOf.set(other, depth + 1);
          kids.push(other);
          level.push(other);
        });
        children.set(id, kids);
      });
      if (level.length > 0) levels.push(level);
    }
    var leaves = new Map();
    for (var d = levels.length - 1; d >= 0; d--) {
      levels[d].forEach(function (id) {
        var kids = children.get(id);
        leaves.set(
          id,
          kids.length === 0
            ? 1
            : kids.reduce(function (sum, kid) {
                return sum + leaves.get(kid);
              }, 0),
        );
      });
    }
    // Each ring is long enough for its nodes, and each deeper ring farther out than the last.
    var radii = [0];
    for (var r = 1; r < levels.length; r++) {
      radii.push(Math.max(radii[r - 1] + RING_STEP, (levels[r].length * NODE_SPACING) / (2 * Math.PI)));
    }
    var positions = new Map();
    function placeSubtree(id, start, end) {
      var depth = depthOf.get(id);
      var angle = (start + end) / 2;
      positions.set(id, { x: radii[depth] * Math.cos(angle), y: radii[depth] * Math.sin(angle) });
      var kids = children.get(id);
      var total = leaves.get(id);
      var at = start;
      kids.forEach(function (kid) {
        var share = ((end - start) * leaves.get(kid)) / total;
        placeSubtree(kid, at, at + share);
        at += share;
      });
    }
    placeSubtree(rootId, -Math.PI, Math.PI);
    return { positions: positions, radius: radii[radii.length - 1] + NODE_SPACING };
  }

  /**
   * Positions for every node of `model` that has none in `positions` (a Map id -> {x, y}, changed in
   * place and returned). Existing positions are never changed. `anchorId`: the node that new nodes
   * hang from when they touch no positioned node (the node being expanded).
   */
  function place(model, positions, anchorId) {
    var next = adjacency(model);
    var missing = [];
    model.nodes.forEach(function (_node, id) {
      if (!positions.has(id)) missing.push(id);
    });
    if (missing.length === 0) return positions;

    if (positions.size === 0 && model.path.length > 1) {
      // A path: the chain left to right, zigzagging so that its labels do not overlap; anything
      // else the answer holds hangs from the chain as added nodes do.
      model.path.forEach(function (id, index) {
        if (!positions.has(id)) positions.set(id, { x: index * RING_STEP * 1.5, y: index % 2 ? RING_STEP * 0.6 : 0 });
      });
      return place(model, positions, model.path[0]);
    }

    if (positions.size === 0) {
      // A fresh drawing: a radial tree per component, rooted at its best connected node, the
      // components side by side in rows, largest first.
      var taken = new Set();
      var components = [];
      var byDegree = missing.slice().sort(function (a, b) {
        return next.get(b).length - next.get(a).length;
      });
      var start = model.path.length > 0 ? [model.path[0]] : [];
      start.concat(byDegree).forEach(function (id) {
        if (!taken.has(id)) components.push(radialTree(id, next, taken));
      });
      components.sort(function (a, b) {
        return b.radius - a.radius;
      });
      var rowWidth = Math.max(components[0].radius * 2, Math.sqrt(missing.length) * NODE_SPACING * 3);
      var x = 0;
      var y = 0;
      var rowHeight = 0;
      components.forEach(function (component, index) {
        var size = component.radius * 2;
        if (index > 0 && x + size > rowWidth) {
          x = 0;
          y += rowHeight;
          rowHeight = 0;
        }
        component.positions.forEach(function (point, id) {
          positions.set(id, { x: x + component.radius + point.x, y: y + component.radius + point.y });
        });
        x += size;
        rowHeight = Math.max(rowHeight, size);
      });
      return positions;
    }

    // Added nodes: each hangs from a positioned neighbour (the anchor first), on a ring around it
    // facing away from the middle of what is drawn.
    var centre = { x: 0, y: 0 };
    positions.forEach(function (point) {
      centre.x += point.x / positions.size;
      centre.y += point.y / positions.size;
    });
    var groups = new Map();
    var pending = missing.slice();
    var guard = 0;
    while (pending.length > 0 && guard++ < 50) {
      var rest = [];
      pending.forEach(function (id) {
        var around = next.get(id).filter(function (other) {
          return positions.has(other) || groups.has(other);
        });
        var parent = around.indexOf(anchorId) >= 0 ? anchorId : around[0];
        if (!parent) {
          rest.push(id);
          return;
        }
        if (!groups.has(parent)) groups.set(parent, []);
        groups.get(parent).push(id);
        groups.set(id, groups.get(id) || []);
      });
      placeGroups();
      if (rest.length === pending.length) break;
      pending = rest;
    }
    // Unconnected leftovers go round the anchor (or the centre).
    var leftover = missing.filter(function (id) {
      return !positions.has(id);
    });
    if (leftover.length > 0) {
      var hub = anchorId && positions.has(anchorId) ? anchorId : null;
      groups = new Map();
      leftover.forEach(function (id) {
        if (positions.has(id)) return;
        if (!hub) {
          positions.set(id, { x: centre.x, y: centre.y });
          hub = id;
          return;
        }
        if (!groups.has(hub)) groups.set(hub, []);
        groups.get(hub).push(id);
      });
      placeGroups();
    }
    return positions;

    function placeGroups() {
      groups.forEach(function (kids, parent) {
        var from = positions.get(parent);
        var fresh = kids.filter(function (id) {
          return !positions.has(id);
        });
        if (!from || fresh.length === 0) return;
        var outward = Math.atan2(from.y - centre.y, from.x - centre.x);
        if (from.x === centre.x && from.y === centre.y) outward = 0;
        var radius = Math.max(RING_STEP * 0.8, (fresh.length * NODE_SPACING) / Math.PI);
        // Half a circle facing outward when they fit, the whole circle when there are many.
        var spread = fresh.length * NODE_SPACING > Math.PI * radius ? 2 * Math.PI : Math.PI;
        fresh.forEach(function (id, index) {
          var angle = fresh.length === 1 ? outward : outward - spread / 2 + (spread * (index + 0.5)) / fresh.length;
          positions.set(id, { x: from.x + radius * Math.cos(angle), y: from.y + radius * Math.sin(angle) });
        });
      });
    }
  }

  root.PlaygroundGraphModel = {
    typeOfId: typeOfId,
    decodeId: decodeId,
    labelOf: labelOf,
    emptyModel: emptyModel,
    extract: extract,
    pathEdgeIds: pathEdgeIds,
    place: place,
  };
})(typeof window !== 'undefined' ? window : globalThis);
