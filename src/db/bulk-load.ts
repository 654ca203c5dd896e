import type { EntityManager } from 'typeorm';

/*
 * A bulk load into a PostgreSQL schema, its secondary indexes and foreign keys set aside while it
 * runs: PostgreSQL builds an index from sorted rows and checks a foreign key with one join far
 * faster than it keeps them row by row (the drafts' first fill at scale 10 copies ten million
 * rows, a GIN index of stems among them). Dropped and made again in the load's transaction, so
 * a failure leaves the schema as it was; the primary keys and unique constraints stay, and so
 * does every check they make.
 */

interface SetAside {
  indexes: string[];
  /** Names quoted as identifiers (quote_ident). */
  foreignKeys: { table: string; name: string; definition: string }[];
}

/** Runs `load` in `manager`'s transaction with the secondary indexes and foreign keys of `schema` set aside, then makes them again. */
export async function loadWithIndexesAfter(manager: EntityManager, schema: string, load: () => Promise<void>): Promise<void> {
  const aside = await setAside(manager, schema);
  await load();
  // Index builds sort in memory where they can (the session's default is 64 MB).
  await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const definition of aside.indexes) await manager.query(definition);
  for (const { table, name, definition } of aside.foreignKeys) await manager.query(`ALTER TABLE ${schema}.${table} ADD CONSTRAINT ${name} ${definition}`);
}

async function setAside(manager: EntityManager, schema: string): Promise<SetAside> {
  const indexes: { name: string; definition: string }[] = await manager.query(
    `SELECT quote_ident(i.indexname) AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
     ORDER BY i.indexname`,
    [schema],
  );
  const foreignKeys: { table: string; name: string; definition: string }[] = await manager.query(
    `SELECT quote_ident(t.relname) AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE c.connamespace = $1::regnamespace AND c.contype = 'f'
     ORDER BY t.relname, c.conname`,
    [schema],
  );
  for (const { table, name } of foreignKeys) await manager.query(`ALTER TABLE ${schema}.${table} DROP CONSTRAINT ${name}`);
  for (const { name } of indexes) await manager.query(`DROP INDEX ${schema}.${name}`);
  return { indexes: indexes.map(({ definition }) => definition), foreignKeys };
}
