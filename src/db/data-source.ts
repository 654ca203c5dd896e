import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { type Dialect, postgresDialect, sqliteDialect } from './dialect';
import { ENTITIES } from './entities';
import { Initial1764160000000 } from './migrations/1764160000000-initial';
import { Search1764400000000 } from './migrations/1764400000000-search';

/** Every migration, oldest first. A new schema change is a new file added here. */
export const MIGRATIONS = [Initial1764160000000, Search1764400000000];

export interface Database {
  dataSource: DataSource;
  dialect: Dialect;
}

/**
 * Opens the database the config names and migrates it forward: a new database gets every
 * migration, an existing one only those it lacks. Nothing is ever dropped; `synchronize` is off.
 */
export async function openDatabase(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<Database> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  if (config.kind === 'sqlite') {
    await dataSource.query('PRAGMA journal_mode = WAL');
    await dataSource.query('PRAGMA busy_timeout = 5000');
  }
  if (options.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, dialect: config.kind === 'postgres' ? postgresDialect : sqliteDialect };
}

export function createDataSource(config: DatabaseConfig): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  if (config.kind === 'postgres') {
    return new DataSource({ type: 'postgres', url: config.url, ...common });
  }
  if (config.path !== ':memory:') fs.mkdirSync(path.dirname(config.path), { recursive: true });
  return new DataSource({ type: 'sqlite', database: config.path, ...common });
}
