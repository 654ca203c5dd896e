/** The UTF-8 byte order mark: spreadsheet programs read a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

/** Separates the items of a list value (the federal districts of an event) inside one field. */
export const LIST_SEPARATOR = '; ';

/**
 * One field per RFC 4180: quoted when it contains a comma, a double quote, CR or LF, with its
 * quotes doubled. null is the empty field; a list is its items joined by "; ".
 */
export function csvField(value: unknown): string {
  if (value == null) return '';
  const text = Array.isArray(value) ? value.map((item) => (item == null ? '' : String(item))).join(LIST_SEPARATOR) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: fields separated by commas, ended by CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
