import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { registerDocuments } from '../src/modules/documents/documents.registry';
import { createSchema } from '../src/schema';
import { type BenchQuery, documentHash } from './queries';

/** The app name and version the bench's trusted documents are registered under. */
const BENCH_APP = { app: 'bench', version: '1' };

/**
 * Registers the trusted queries of the mix in `database` (as `npm run documents -- register`
 * does, validated against the schema), so the servers measured answer them by `documentId`.
 * Registering again is a no-op.
 */
export async function registerBenchDocuments(database: string, queries: readonly BenchQuery[]): Promise<void> {
  const trusted = queries.filter((query) => query.trusted);
  if (trusted.length === 0) return;
  const config = loadConfig({ DATABASE_URL: database });
  const db = await openDatabase(config.database, { entities: ENTITIES });
  try {
    const manifest = Object.fromEntries(trusted.map((query) => [documentHash(query), query.query]));
    await registerDocuments(db.dataSource, db.dialect, await createSchema(), { ...BENCH_APP, manifest });
  } finally {
    await db.close();
  }
}
