import type { DataSource } from 'typeorm';
import type { Database } from './db/data-source';
import { Sql } from './db/sql';
import { Loaders } from './shared/loaders';

/** Everything one request works with; made anew for every request, shared by none. */
export interface Context {
  sql: Sql;
  loaders: Loaders;
  dataSource: DataSource;
}

export function createContext(database: Database): Context {
  const sql = new Sql(database.dataSource, database.dialect);
  return { sql, dataSource: database.dataSource, loaders: new Loaders(sql, database.dataSource) };
}
