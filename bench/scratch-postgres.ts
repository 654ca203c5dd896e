import { Client } from 'pg';

/** A database of the benchmarks' own on a PostgreSQL server, dropped (connections and all) by `drop`. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Makes the database `name` on the server of `base` (a postgres:// URL): empty, or a copy of
 * the database `base` names (`copy: true`: PostgreSQL's CREATE DATABASE … TEMPLATE, a file copy,
 * drafts and all; the source must have no session open meanwhile, so the statement runs from
 * the server's `postgres` database).
 */
export async function scratchPostgres(base: string, name: string, options: { copy?: boolean } = {}): Promise<ScratchDatabase> {
  const source = decodeURIComponent(new URL(base).pathname.slice(1));
  const admin = new URL(base);
  if (options.copy) admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${quoted(name)}${options.copy ? ` TEMPLATE ${quoted(source)}` : ''}`);
  const url = new URL(base);
  url.pathname = `/${encodeURIComponent(name)}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`) };
}
