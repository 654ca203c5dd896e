import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Dialect } from '../../db/dialect';
import { BadUserInputError } from '../../shared/errors';
import { ROLES, type Role, Viewer, isRole } from './auth.roles';

/*
 * API tokens: made and revoked by the operator's CLI (src/token-cli.ts), looked up on every
 * request that sends one. Only the SHA-256 of a token is stored; the token is shown once.
 */

/** The prefix of every token, so a leaked one is recognisable (and greppable) as ours. */
const PREFIX = 'pgt_';

/** The stored form of a token: its SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** One token as the CLI lists it (never the token itself). */
export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

const NAME = /^[\w.@-]{1,100}$/;

/** Makes a token named `name` with `role`; resolves with the token, which is stored only as its hash. */
export async function createToken(dataSource: DataSource, dialect: Dialect, name: string, role: string): Promise<string> {
  if (!NAME.test(name)) throw new BadUserInputError(`name: expected 1 to 100 letters, digits or . _ @ -; received ${JSON.stringify(name)}`, 'name');
  if (!isRole(role)) throw new BadUserInputError(`role: expected one of ${ROLES.join(', ')}; received ${JSON.stringify(role)}`, 'role');
  const existing: unknown[] = await dataSource.query(dialect.placeholders('SELECT name FROM api_token WHERE name = ?'), [name]);
  if (existing.length > 0) throw new BadUserInputError(`name: a token named "${name}" exists already (revoked ones keep their name)`, 'name');
  const token = PREFIX + randomBytes(32).toString('base64url');
  await dataSource.query(dialect.placeholders('INSERT INTO api_token (name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)'), [
    name,
    role,
    tokenHash(token),
    new Date().toISOString(),
  ]);
  return token;
}

/** Every token, by name. */
export async function listTokens(dataSource: DataSource): Promise<TokenInfo[]> {
  const rows: { name: string; role: Role; created_at: string; revoked_at: string | null }[] = await dataSource.query(
    'SELECT name, role, created_at, revoked_at FROM api_token ORDER BY name',
  );
  return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Revokes the token named `name`; it is refused from the next request on. False when there is no such live token. */
export async function revokeToken(dataSource: DataSource, dialect: Dialect, name: string): Promise<boolean> {
  const live: unknown[] = await dataSource.query(dialect.placeholders('SELECT name FROM api_token WHERE name = ? AND revoked_at IS NULL'), [name]);
  if (live.length === 0) return false;
  await dataSource.query(dialect.placeholders('UPDATE api_token SET revoked_at = ? WHERE name = ?'), [new Date().toISOString(), name]);
  return true;
}

/** The viewer of a live token, or null for an unknown or revoked one. */
export async function viewerOf(read: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>, token: string): Promise<Viewer | null> {
  const rows = await read('SELECT name, role FROM api_token WHERE token_hash = ? AND revoked_at IS NULL', [tokenHash(token)]);
  const row = rows[0];
  return row && isRole(row.role) ? Viewer.of(String(row.name), row.role) : null;
}

/** Rows per `IN (...)` list: under SQLite's oldest bound on parameters (999). */
const NAMES_PER_READ = 500;

/** Which of `names` name a live token (one read per 500 names): what open subscriptions check their tokens by. */
export async function liveTokenNames(read: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>, names: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (let start = 0; start < names.length; start += NAMES_PER_READ) {
    const chunk = names.slice(start, start + NAMES_PER_READ);
    const rows = await read(`SELECT name FROM api_token WHERE revoked_at IS NULL AND name IN (${chunk.map(() => '?').join(', ')})`, chunk);
    for (const row of rows) live.add(String(row.name));
  }
  return live;
}
