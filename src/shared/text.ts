/**
 * The folded form of a text that filters and ordering compare: lower case in Russian and Latin
 * alike, with «ё» read as «е» (Russian text writes either for the same word). Stored beside each
 * searchable column, because SQLite's lower() and LIKE fold ASCII only.
 */
export function foldText(text: string): string;
export function foldText(text: string | null | undefined): string | null;
export function foldText(text: string | null | undefined): string | null {
  if (text == null) return null;
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е');
}
