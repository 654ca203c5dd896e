/*
 * The Playground's shareable state in the page's URL (issue 17): the query, its variables and the
 * open view, in the hash fragment, e.g. /graphql#view=graph&query=...&variables=...
 *
 * The hash, not the query string: `GET /graphql?query=...` is a GraphQL request (the server answers
 * it with JSON), and a fragment never reaches the server at all.
 *
 * window.PlaygroundUrlState.read() -> { query, variables, view } (each null when absent)
 * window.PlaygroundUrlState.write(state) replaces the current history entry's hash (no reload, no new entry)
 * window.PlaygroundUrlState.link(state) -> the URL that opens `state`
 */
(function () {
  'use strict';

  var VIEWS = ['graph', 'chart'];

  function parse(hash) {
    var params = new URLSearchParams(String(hash || '').replace(/^#/, ''));
    var view = params.get('view');
    return {
      query: params.get('query'),
      variables: params.get('variables'),
      view: VIEWS.indexOf(view) >= 0 ? view : null,
    };
  }

  function format(state) {
    var params = new URLSearchParams();
    if (state.view && VIEWS.indexOf(state.view) >= 0) params.set('view', state.view);
    if (state.query) params.set('query', state.query);
    if (state.variables && state.variables.trim() !== '' && state.variables.trim() !== '{}') {
      params.set('variables', state.variables);
    }
    var text = params.toString();
    return text ? '#' + text : '';
  }

  function read() {
    return parse(window.location.hash);
  }

  function link(state) {
    return window.location.pathname + window.location.search + format(state);
  }

  function write(state) {
    var target = link(state);
    if (target !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', target);
    }
  }

  window.PlaygroundUrlState = { read: read, write: write, link: link, parse: parse, format: format, VIEWS: VIEWS };
})();
