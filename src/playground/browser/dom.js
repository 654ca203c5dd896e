/*
 * The Playground's small DOM helpers, shared by its views. An ES module served as it is written
 * (no build step); type-checked by `npm run typecheck` (tsconfig.json in this folder).
 */

/**
 * Attributes of element(): `text` sets its text, `onclick` listens for clicks, any other key is an
 * attribute.
 * @typedef {{ [name: string]: string | ((event: MouseEvent) => void) }} Attributes
 */

/**
 * A DOM element. `content` is its text (a string) or its children (falsy ones skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes | null} [attributes]
 * @param {string | readonly (Node | null | undefined | false)[]} [content]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function element(tag, attributes, content) {
  var node = document.createElement(tag);
  /** @type {HTMLElement} (addEventListener's event types are lost on the generic element) */
  var target = node;
  var given = attributes || {};
  Object.keys(given).forEach(function (key) {
    var value = given[key];
    if (typeof value === 'function') {
      if (key === 'onclick') target.addEventListener('click', value);
    } else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  });
  if (typeof content === 'string') node.textContent = content;
  else
    (content || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
  return node;
}

/**
 * Saves `href` (a data: or blob: URL) as the file `file`, through a hidden <a download>.
 * @param {string} file
 * @param {string} href
 */
export function saveAs(file, href) {
  var link = element('a', { href: href, download: file });
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * The value of JSON text; null where it is not text or not JSON.
 * @param {unknown} text
 * @returns {unknown}
 */
export function parseJson(text) {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    return null;
  }
}
