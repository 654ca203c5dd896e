/*
 * The Playground's saved queries (README, "Saved queries"): the Saved panel stores the current
 * operation under a name (any token, from the Headers tab), lists every saved query with its owner
 * and last use, opens one in a new tab, and gives its link, /graphql#documentId=sha256:..., which
 * opens it by its id for whoever follows it. An ES module served as it is written; type-checked
 * by `npm run typecheck`.
 */
import { element } from './dom.js';

/** @typedef {import('./vendor').GraphQLResult} GraphQLResult */

/**
 * What the panel needs of the page.
 * @typedef {object} SavedHost
 * @property {(query: string, variables: Record<string, unknown>) => Promise<GraphQLResult>} post  sends with the Headers tab's headers
 * @property {() => string | null} currentQuery  the active tab's operation
 * @property {(query: string) => void} openTab
 */

/**
 * A saved query as the server lists it.
 * @typedef {{ documentId: string, name: string, owner: string, lastUsedAt: string | null, body: string }} Saved
 */

var SAVE = 'mutation SaveQuery($name: String!, $document: String!) { saveQuery(name: $name, document: $document) { documentId name } }';
var LIST = 'query SavedQueries { savedQueries { documentId name owner lastUsedAt body } }';
var OPEN = 'mutation OpenSavedQuery($documentId: String!) { openSavedQuery(documentId: $documentId) { body } }';

/** A saved query's id: `sha256:` and 64 lower-case hex digits. */
var DOCUMENT_ID = /^sha256:[0-9a-f]{64}$/;

/**
 * The saved query a link names ("#documentId=sha256:..."); null when the fragment names none.
 * @param {string | null | undefined} hash
 * @returns {string | null}
 */
export function sharedDocumentId(hash) {
  var id = new URLSearchParams(String(hash || '').replace(/^#/, '')).get('documentId');
  return id && DOCUMENT_ID.test(id) ? id : null;
}

/**
 * The link that opens a saved query.
 * @param {{ origin: string, pathname: string }} location
 * @param {string} documentId
 * @returns {string}
 */
export function savedLink(location, documentId) {
  return location.origin + location.pathname + '#documentId=' + documentId;
}

/**
 * The text of the saved query a link names, asked for without a token; null when none is saved under it.
 * @param {string} path  the GraphQL endpoint (the page's own path)
 * @param {string} documentId
 * @returns {Promise<string | null>}
 */
export function openShared(path, documentId) {
  return window.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: OPEN, variables: { documentId: documentId } }) })
    .then(function (response) {
      return response.json();
    })
    .then(function (/** @type {{ data?: { openSavedQuery?: { body: string } | null } }} */ answer) {
      var saved = answer && answer.data ? answer.data.openSavedQuery : null;
      return saved ? saved.body : null;
    });
}

/**
 * The first error's message of an answer, or null.
 * @param {GraphQLResult} answer
 * @returns {string | null}
 */
function errorOf(answer) {
  return answer.errors && answer.errors.length > 0 ? answer.errors[0].message : null;
}

/**
 * Builds the Saved panel in `host`: a name, Save, and the list. Resolves nothing; the list is read
 * when the panel opens and after each save.
 * @param {HTMLElement} host
 * @param {SavedHost} saved
 */
export function createSavedPanel(host, saved) {
  var name = element('input', { type: 'text', placeholder: 'Name of the current operation', 'aria-label': 'Name', class: 'pg-saved-name' });
  var status = element('p', { class: 'pg-saved-status', role: 'status' });
  var list = element('ul', { class: 'pg-saved-list' });

  function refresh() {
    saved.post(LIST, {}).then(
      function (answer) {
        var message = errorOf(answer);
        var rows = answer.data ? /** @type {{ savedQueries: Saved[] }} */ (answer.data).savedQueries : [];
        list.replaceChildren();
        if (message) status.textContent = 'The list needs a token in the Headers tab: ' + message;
        rows.forEach(function (row) {
          list.appendChild(item(row));
        });
        if (!message && rows.length === 0) status.textContent = 'Nothing saved yet.';
      },
      function (/** @type {Error} */ error) {
        status.textContent = 'Could not read the list: ' + error.message;
      },
    );
  }

  /**
   * @param {Saved} row
   * @returns {HTMLLIElement}
   */
  function item(row) {
    var link = savedLink(window.location, row.documentId);
    var used = row.lastUsedAt ? 'last opened ' + row.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never opened';
    return element('li', null, [
      element('strong', null, row.name),
      element('span', { class: 'pg-saved-meta' }, ' by ' + row.owner + ', ' + used + ' '),
      element('button', { type: 'button', class: 'pg-button', onclick: function () { saved.openTab(row.body); } }, 'Open'),
      element('a', { href: link, class: 'pg-saved-link', title: 'Opens this query by its id' }, 'Link'),
    ]);
  }

  var save = element('button', {
    type: 'button',
    class: 'pg-button',
    onclick: function () {
      var query = saved.currentQuery();
      if (!query || name.value.trim() === '') {
        status.textContent = 'Give the current operation a name first.';
        return;
      }
      saved.post(SAVE, { name: name.value, document: query }).then(
        function (answer) {
          var message = errorOf(answer);
          var result = answer.data ? /** @type {{ saveQuery: { documentId: string, name: string } | null }} */ (answer.data).saveQuery : null;
          status.textContent = message || !result ? 'Not saved: ' + (message || 'no answer') : 'Saved as “' + result.name + '”: ' + savedLink(window.location, result.documentId);
          refresh();
        },
        function (/** @type {Error} */ error) {
          status.textContent = 'Not saved: ' + error.message;
        },
      );
    },
  }, 'Save');
  host.replaceChildren(element('div', { class: 'pg-saved-form' }, [name, save]), status, list);
  refresh();
}
