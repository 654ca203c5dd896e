/*
 * The Playground's small DOM helpers, shared by its views: served as the asset `dom.js` and loaded
 * before every other script of the Playground's own. Plain ES2017, no modules: the browser gets
 * exactly this text.
 *
 * window.PlaygroundDom = { element(tag, attributes, content), saveAs(file, href), parseJson(text) }
 */
(function () {
  'use strict';

  /**
   * A DOM element. In `attributes`, `text` sets its text, `onclick` listens for clicks, any other
   * key is an attribute. `content` is its text (a string) or its children (falsy ones skipped).
   */
  function element(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attributes[key];
      else if (key === 'onclick') node.addEventListener('click', attributes[key]);
      else node.setAttribute(key, attributes[key]);
    });
    if (typeof content === 'string') node.textContent = content;
    else
      (content || []).forEach(function (child) {
        if (child) node.appendChild(child);
      });
    return node;
  }

  /** Saves `href` (a data: or blob: URL) as the file `file`, through a hidden <a download>. */
  function saveAs(file, href) {
    var link = element('a', { href: href, download: file });
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /** The value of JSON text; null where it is not text or not JSON. */
  function parseJson(text) {
    if (typeof text !== 'string') return null;
    try {
      return JSON.parse(text);
    } catch (error) {
      return null;
    }
  }

  window.PlaygroundDom = { element: element, saveAs: saveAs, parseJson: parseJson };
})();
