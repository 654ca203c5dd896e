/*
 * Where to draw the graph graph-model.js extracts: pure functions, no DOM, so that they run the same
 * in the page and in a test under Node (graph-model.spec.ts).
 *
 * place(model, positions, anchorId): positions for the nodes that have none; nodes that have one
 * never move. A fresh graph gets a radial tree per connected component; nodes added later go on a
 * ring around the node they hang from, on the side away from the rest of the graph.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */

/** @typedef {import('./graph-model.js').GraphModel} GraphModel */
/** @typedef {{ x: number, y: number }} Point */

var NODE_SPACING = 30;
var RING_STEP = 110;

/**
 * Each node's neighbours, either way along an edge.
 * @param {GraphModel} model
 * @returns {Map<string, string[]>}
 */
function adjacency(model) {
  /** @type {Map<string, string[]>} */
  var next = new Map();
  model.nodes.forEach(function (_node, id) {
    next.set(id, []);
  });
  model.edges.forEach(function (edge) {
    var out = next.get(edge.source);
    var back = next.get(edge.target);
    if (!out || !back) return;
    out.push(edge.target);
    back.push(edge.source);
  });
  return next;
}

/**
 * The value `map` holds for `key`, which the caller has put there.
 * @template K, V
 * @param {Map<K, V>} map
 * @param {K} key
 * @returns {V}
 */
function known(map, key) {
  var value = map.get(key);
  if (value === undefined) throw new TypeError('graph-model.js: expected an entry for ' + String(key) + '; there is none');
  return value;
}

/**
 * A radial tree of one component from `rootId`.
 * @param {string} rootId
 * @param {Map<string, string[]>} next
 * @param {Set<string>} taken
 * @returns {{ positions: Map<string, Point>, radius: number }}
 */
function radialTree(rootId, next, taken) {
  /** @type {Map<string, string[]>} */
  var children = new Map();
  var depthOf = new Map([[rootId, 0]]);
  var levels = [[rootId]];
  taken.add(rootId);
  for (var depth = 0; depth < levels.length; depth++) {
    /** @type {string[]} */
    var level = [];
    var below = depth + 1;
    levels[depth].forEach(function (id) {
      /** @type {string[]} */
      var kids = [];
      known(next, id).forEach(function (other) {
        if (taken.has(other)) return;
        taken.add(other);
        depthOf.set(other, below);
        kids.push(other);
        level.push(other);
      });
      children.set(id, kids);
    });
    if (level.length > 0) levels.push(level);
  }
  /** @type {Map<string, number>} */
  var leaves = new Map();
  for (var d = levels.length - 1; d >= 0; d--) {
    levels[d].forEach(function (id) {
      var kids = known(children, id);
      leaves.set(
        id,
        kids.length === 0
          ? 1
          : kids.reduce(function (sum, kid) {
              return sum + known(leaves, kid);
            }, 0),
      );
    });
  }
  // Each ring is long enough for its nodes, and each deeper ring farther out than the last.
  var radii = [0];
  for (var r = 1; r < levels.length; r++) {
    radii.push(Math.max(radii[r - 1] + RING_STEP, (levels[r].length * NODE_SPACING) / (2 * Math.PI)));
  }
  /** @type {Map<string, Point>} */
  var positions = new Map();
  /**
   * @param {string} id
   * @param {number} start
   * @param {number} end
   */
  function placeSubtree(id, start, end) {
    var radius = radii[known(depthOf, id)];
    var angle = (start + end) / 2;
    positions.set(id, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    var total = known(leaves, id);
    var at = start;
    known(children, id).forEach(function (kid) {
      var share = ((end - start) * known(leaves, kid)) / total;
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
 * @param {GraphModel} model
 * @param {Map<string, Point>} positions
 * @param {string | null} anchorId
 * @returns {Map<string, Point>}
 */
export function place(model, positions, anchorId) {
  var next = adjacency(model);
  /** @type {string[]} */
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
    /** @type {Set<string>} */
    var taken = new Set();
    /** @type {{ positions: Map<string, Point>, radius: number }[]} */
    var components = [];
    var byDegree = missing.slice().sort(function (a, b) {
      return known(next, b).length - known(next, a).length;
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
      var left = x;
      var top = y;
      component.positions.forEach(function (point, id) {
        positions.set(id, { x: left + component.radius + point.x, y: top + component.radius + point.y });
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
  /** @type {Map<string, string[]>} The nodes to place around each placed (or to-be-placed) node. */
  var groups = new Map();
  var pending = missing.slice();
  var guard = 0;
  while (pending.length > 0 && guard++ < 50) {
    /** @type {string[]} */
    var rest = [];
    pending.forEach(function (id) {
      var around = known(next, id).filter(function (other) {
        return positions.has(other) || groups.has(other);
      });
      var parent = anchorId !== null && around.indexOf(anchorId) >= 0 ? anchorId : around[0];
      if (!parent) {
        rest.push(id);
        return;
      }
      hangFrom(parent, id);
      if (!groups.has(id)) groups.set(id, []);
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
      hangFrom(hub, id);
    });
    placeGroups();
  }
  return positions;

  /**
   * @param {string} parent
   * @param {string} id
   */
  function hangFrom(parent, id) {
    var kids = groups.get(parent);
    if (kids) kids.push(id);
    else groups.set(parent, [id]);
  }

  function placeGroups() {
    groups.forEach(function (kids, parent) {
      var from = positions.get(parent);
      var fresh = kids.filter(function (id) {
        return !positions.has(id);
      });
      if (!from || fresh.length === 0) return;
      var origin = from;
      var outward = Math.atan2(origin.y - centre.y, origin.x - centre.x);
      if (origin.x === centre.x && origin.y === centre.y) outward = 0;
      var radius = Math.max(RING_STEP * 0.8, (fresh.length * NODE_SPACING) / Math.PI);
      // Half a circle facing outward when they fit, the whole circle when there are many.
      var spread = fresh.length * NODE_SPACING > Math.PI * radius ? 2 * Math.PI : Math.PI;
      fresh.forEach(function (id, index) {
        var angle = fresh.length === 1 ? outward : outward - spread / 2 + (spread * (index + 0.5)) / fresh.length;
        positions.set(id, { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) });
      });
    });
  }
}
