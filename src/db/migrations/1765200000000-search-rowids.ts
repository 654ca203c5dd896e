import type { MigrationInterface } from 'typeorm';
import type { Rebuild } from './rebuild';

/**
 * On SQLite, an entry of the search index now has the rowid of its document's first field in
 * search_document, so a write finds the entries of the documents it rewrites through that
 * table's key instead of reading the whole index. The entries are numbered anew by a rebuild;
 * PostgreSQL's index is rebuilt too, the same as before. No SQL of its own.
 */
export class SearchRowids1765200000000 implements MigrationInterface {
  name = 'SearchRowids1765200000000';
  readonly rebuilds: readonly Rebuild[] = ['search-index', 'search-top'];

  async up(): Promise<void> {}

  async down(): Promise<void> {}
}
