/*
 * The Playground's shareable state in the page's URL (issue 17): the query, its variables and the
 * open view, in the hash fragment, e.g. /graphql#view=graph&query=...&variables=...
 *
 * The hash, not the query string: `GET /graphql?query=...` is a GraphQL request (the server answers
 * it with JSON), and a fragment never reaches the server at all.
 *
 * read() -> { query, variables, view } (each null when absent); write(state) replaces the current
 * history entry's hash (no reload, no new entry); link(state) -> the URL that opens `state`.
 * An ES module served as it is written; type-checked by `npm run typecheck`.
 */

/** @typedef {'graph' | 'chart'} View */

/**
 * What a link holds: each part null when absent.
 * @typedef {{ query: string | null, variables: string | null, view: View | null }} UrlState
 */

/** @type {readonly View[]} */
export var VIEWS = ['graph', 'chart'];

/**
 * @param {unknown} value
 * @returns {value is View}
 */
function isView(value) {
  return VIEWS.some(function (view) {
    return view === value;
  });
}

/**
 * The state a hash fragment holds ("#view=graph&query=...", with or without the "#").
 * @param {string | null | undefined} hash
 * @returns {UrlState}
 */
export function parse(hash) {
  var params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  var view = params.get('view');
  return {
    query: params.get('query'),
    variables: params.get('variables'),
    view: isView(view) ? view : null,
  };
}

/**
 * The hash fragment of `state` ("" when it holds nothing); variables that are empty or {} are left out.
 * @param {{ query?: string | null, variables?: string | null, view?: string | null }} state
 * @returns {string}
 */
export function format(state) {
  var params = new URLSearchParams();
  if (isView(state.view)) params.set('view', state.view);
  if (state.query) params.set('query', state.query);
  if (state.variables && state.variables.trim() !== '' && state.variables.trim() !== '{}') {
    params.set('variables', state.variables);
  }
  var text = params.toString();
  return text ? '#' + text : '';
}

/** @returns {UrlState} */
export function read() {
  return parse(window.location.hash);
}

/**
 * @param {UrlState} state
 * @returns {string}
 */
export function link(state) {
  return window.location.pathname + window.location.search + format(state);
}

/** @param {UrlState} state */
export function write(state) {
  var target = link(state);
  if (target !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(window.history.state, '', target);
  }
}
