/*
 * The Chart panel's export link: csvUrl(queryText, variables, operationName, page) gives the
 * /export/<list>.csv URL of a query whose main list is one of the exports the page's config lists,
 * with the same where/orderBy (null when it has none).
 *
 * And its download. A plain <a href download> sends no Authorization header, so a
 * DRAFT export (EDITOR and above) would be refused; this fetches the export with the headers of
 * GraphiQL's Headers tab, the ones the page's queries send, and saves the answer through an object
 * URL and a temporary <a download> (blob: URLs need no change to the page's CSP).
 *
 * download(url, headersOf, status) downloads `url` with the headers `headersOf()` returns and
 * writes every outcome into the element `status`: progress, the rows saved, or the error (the
 * status and the server's message). The headers are never logged and never put in a URL.
 *
 * An ES module served as it is written (no build step); type-checked by `npm run typecheck`.
 */
import { parseJson, saveAs } from './dom.js';
import { operationOf } from './query-document.js';

/**
 * A CSV export the page links to, as the server lists it in the page's config (publicExportLinks in
 * src/exports/export-route.ts): the Query field of the list, its file, and the field's arguments
 * the route takes with how each is written ('json' or as it is).
 * @typedef {{ field: string, file: string, parameters: Record<string, string> }} ExportLink
 */

/**
 * The file an export URL names: `/export/forums.csv?where=…` -> `forums.csv`.
 * @param {string} url
 * @returns {string}
 */
export function fileOf(url) {
  // (split gives at least one part: pop() is never undefined.)
  return url.split('?')[0].split('/').pop() || '';
}

/**
 * The message of an export's error answer: its status, and the server's code and message.
 * @param {Response} response
 * @param {string} text
 * @returns {string}
 */
function errorMessage(response, text) {
  var body = parseJson(text);
  var error = body !== null && typeof body === 'object' && 'error' in body && body.error !== null && typeof body.error === 'object' ? body.error : null;
  var message = error && 'message' in error && error.message ? String(error.message) : '';
  var code = error && 'code' in error && error.code ? String(error.code) : '';
  var said = message ? (code ? code + ': ' : '') + message : (text || '').trim().slice(0, 300);
  return 'The export answered ' + response.status + (response.statusText ? ' ' + response.statusText : '') + (said ? '. ' + said : '');
}

/**
 * @param {Blob} blob
 * @param {string} file
 */
function save(blob, file) {
  var objectUrl = URL.createObjectURL(blob);
  saveAs(file, objectUrl);
  // Revoked once the click has handed the blob to the download.
  setTimeout(function () {
    URL.revokeObjectURL(objectUrl);
  }, 1000);
}

/**
 * Downloads the export at `url` with the headers `headersOf()` gives (it may throw, e.g. on a
 * Headers tab that is not a JSON object: its message is shown). Resolves when done, never rejects.
 * @param {string} url
 * @param {() => Record<string, string>} headersOf
 * @param {HTMLElement} status
 * @returns {Promise<void>}
 */
export function download(url, headersOf, status) {
  var file = fileOf(url);
  /** @type {Record<string, string>} */
  var headers;
  try {
    headers = headersOf();
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    return Promise.resolve();
  }
  status.textContent = 'Downloading ' + file + '…';
  return window
    .fetch(url, { headers: headers, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          throw new Error(errorMessage(response, text));
        });
      }
      return response.blob().then(function (blob) {
        save(blob, file);
        var total = response.headers.get('X-Total-Count');
        var rows = total ? ' (' + total + (total === '1' ? ' row)' : ' rows)') : '';
        status.textContent = 'Downloaded ' + file + rows + '.';
      });
    })
    .catch(function (error) {
      // A network failure or a cut body is a TypeError ("Failed to fetch"); an error answer was described above.
      status.textContent = error instanceof TypeError ? 'The export could not be downloaded: ' + error.message : error.message;
    });
}

/**
 * The /export/<list>.csv URL for the query's main list (its first root field that `page.exports`
 * names), with the field's arguments the route takes (where and orderBy as JSON, stage by name;
 * literal or from variables) as its parameters; null when the operation (by `operationName`, or
 * the document's only one) has no such field or the document does not parse. The export holds
 * every row of the list, not just the page the query asked for. The export routes are beside the
 * Playground's own path (`page.path`: /graphql -> /export), so a proxy prefix carries over.
 * @param {unknown} queryText
 * @param {unknown} variables
 * @param {string | undefined} operationName
 * @param {{ exports: readonly ExportLink[], path: string }} page
 * @returns {string | null}
 */
export function csvUrl(queryText, variables, operationName, page) {
  var read = operationOf(queryText, variables, operationName);
  if (!read || read.operation !== 'query') return null;
  for (var i = 0; i < read.fields.length; i += 1) {
    var field = read.fields[i];
    var link = page.exports.filter(function (candidate) {
      return candidate.field === field.name;
    })[0];
    if (link) return exportUrl(link, field, page.path);
  }
  return null;
}

/**
 * @param {ExportLink} link
 * @param {import('./query-document.js').RootField} list
 * @param {string} pagePath
 * @returns {string}
 */
function exportUrl(link, list, pagePath) {
  var parameters = link.parameters;
  /** @type {string[]} */
  var params = [];
  Object.keys(parameters).forEach(function (name) {
    var value = list.argument(name);
    if (value == null) return;
    params.push(name + '=' + encodeURIComponent(parameters[name] === 'json' ? JSON.stringify(value) : String(value)));
  });
  var base = pagePath.replace(/\/+$/, '').replace(/[^/]*$/, '') + 'export/';
  return base + link.file + (params.length ? '?' + params.join('&') : '');
}
