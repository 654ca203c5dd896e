/*
 * The Chart panel's export download, served as the asset `export-download.js`. A plain
 * <a href download> sends no Authorization header, so a DRAFT export (EDITOR and above) would be
 * refused; this fetches the export with the headers of GraphiQL's Headers tab, the ones the page's
 * queries send, and saves the answer through an object URL and a temporary <a download> (blob:
 * URLs need no change to the page's CSP).
 *
 * window.PlaygroundExportDownload.download(url, headersOf, status) downloads `url` with the headers
 * `headersOf()` returns and writes every outcome into the element `status`: progress, the rows
 * saved, or the error (the status and the server's message). The headers are never logged and
 * never put in a URL.
 *
 * Plain ES2017, no modules and no build step: the browser gets exactly this text.
 */
(function () {
  'use strict';

  /** The file an export URL names: `/export/forums.csv?where=…` -> `forums.csv`. */
  function fileOf(url) {
    return url.split('?')[0].split('/').pop();
  }

  /** The message of an export's error answer: its status, and the server's code and message. */
  function errorMessage(response, text) {
    var body = window.PlaygroundDom.parseJson(text);
    var error = body && body.error && typeof body.error === 'object' ? body.error : null;
    var said = error && error.message ? (error.code ? error.code + ': ' : '') + error.message : (text || '').trim().slice(0, 300);
    return 'The export answered ' + response.status + (response.statusText ? ' ' + response.statusText : '') + (said ? '. ' + said : '');
  }

  function save(blob, file) {
    var objectUrl = URL.createObjectURL(blob);
    window.PlaygroundDom.saveAs(file, objectUrl);
    // Revoked once the click has handed the blob to the download.
    setTimeout(function () {
      URL.revokeObjectURL(objectUrl);
    }, 1000);
  }

  /**
   * Downloads the export at `url` with the headers `headersOf()` gives (it may throw, e.g. on a
   * Headers tab that is not a JSON object: its message is shown). Resolves when done, never rejects.
   */
  function download(url, headersOf, status) {
    var file = fileOf(url);
    var headers;
    try {
      headers = headersOf();
    } catch (error) {
      status.textContent = error.message;
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

  window.PlaygroundExportDownload = { fileOf: fileOf, download: download };
})();
