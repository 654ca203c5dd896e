/*
 * How the Graph view looks: a colour per record type (the legend shows the same), the path and
 * selection colours, and cytoscape's stylesheet for GraphiQL's light and dark themes.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */

/** @type {Record<string, string>} */
var COLORS = {
  Forum: '#1f77b4',
  Session: '#ff7f0e',
  Speaker: '#2ca02c',
  Organization: '#d62728',
  Publication: '#9467bd',
  Quote: '#8c564b',
  Region: '#e377c2',
  FederalDistrict: '#7f7f7f',
  Cluster: '#bcbd22',
  ClusterEvent: '#17becf',
  Figure: '#393b79',
  Revision: '#637939',
};
var SPARE_COLORS = ['#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354', '#756bb1'];
export var PATH_COLOR = '#e8590c';
var SELECTED_COLOR = '#1c7ed6';

/**
 * A type's colour: a fixed one for the schema's node types, a stable spare one for any other.
 * @param {string} type
 * @returns {string}
 */
export function colorOf(type) {
  if (Object.prototype.hasOwnProperty.call(COLORS, type)) return COLORS[type];
  var hash = 0;
  for (var i = 0; i < type.length; i++) hash = (hash * 31 + type.charCodeAt(i)) | 0;
  return SPARE_COLORS[Math.abs(hash) % SPARE_COLORS.length];
}

/**
 * cytoscape's stylesheet for the light or the dark theme.
 * @param {boolean} dark
 * @returns {import('cytoscape').StylesheetJson}
 */
export function stylesheet(dark) {
  var text = dark ? '#dddddd' : '#222222';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        label: 'data(label)',
        width: 14,
        height: 14,
        'font-size': 11,
        color: text,
        'text-background-color': dark ? '#1b1b1b' : '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-max-width': '160px',
        'text-wrap': 'ellipsis',
        'min-zoomed-font-size': 5,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1,
        'line-color': dark ? '#666666' : '#b5b5b5',
        'target-arrow-color': dark ? '#666666' : '#b5b5b5',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.6,
        'curve-style': 'straight',
        label: 'data(label)',
        'font-size': 8,
        color: dark ? '#aaaaaa' : '#666666',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'node.on-path', style: { 'border-width': 3, 'border-color': PATH_COLOR, width: 20, height: 20 } },
    {
      selector: 'edge.on-path',
      style: { width: 3, 'line-color': PATH_COLOR, 'target-arrow-color': PATH_COLOR, color: PATH_COLOR, 'z-index': 10 },
    },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': SELECTED_COLOR } },
  ];
}
