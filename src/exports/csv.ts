/** The UTF-8 byte order mark: spreadsheet programs read a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

/** Separates the items of a list value (the federal districts of an event) inside one field. */
export const LIST_SEPARATOR = '; ';

/**
 * The first characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection
 * list: `=`, `+`, `-`, `@`, tab, CR).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell's text as a spreadsheet should show it: a text that begins like a formula gets a leading
 * `'`, so `=HYPERLINK(...)` is shown as the text `'=HYPERLINK(...)`, never run. A JS number (an
 * Int or Float field, such as a figure's value -5) is written as it is: a spreadsheet reads it as
 * the number it is, which runs nothing, and a `'` would turn it into text and break sums. A text
 * that merely looks like a number ("-5" in a title) is still a text and is neutralised.
 */
export function neutralised(value: unknown, text: string): string {
  return typeof value !== 'number' && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One field per RFC 4180: quoted when it contains a comma, a double quote, CR or LF, with its
 * quotes doubled. null is the empty field; a list is its items joined by "; "; a text that
 * begins like a formula is neutralised ({@link neutralised}).
 */
export function csvField(value: unknown): string {
  if (value == null) return '';
  const text = neutralised(value, Array.isArray(value) ? value.map((item) => (item == null ? '' : String(item))).join(LIST_SEPARATOR) : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: fields separated by commas, ended by CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
