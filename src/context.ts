import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Database } from './db/data-source';
import { Sql } from './db/sql';
import { Loaders } from './shared/loaders';
import type { RawAnswer } from './execution/raw-result';
import type { Viewer } from './modules/auth/auth.roles';

/** Everything one request works with; made anew for every request, shared by none. */
export interface Context {
  sql: Sql;
  loaders: Loaders;
  dataSource: DataSource;
  /** The request's token: who it is and its role; null for an anonymous reader. */
  viewer: Viewer | null;
  /** Who is asking, for rate limits: "key:<hash of the API key>" or "ip:<address>". */
  client: string;
  /** The request's id: the caller's X-Request-Id, or a new one; in every log line and response. */
  requestId: string;
  /** Whether a search may read the top lists of common words (SEARCH_TOP_HITS). */
  searchTop: boolean;
  /** Where a compiled answer's bytes go to the response (see raw-result.ts); null without such a response. */
  answer: RawAnswer | null;
}

export interface RequestInfo {
  viewer?: Viewer | null;
  client?: string;
  requestId?: string;
  /** When database work must stop: a statement asked for after it fails with TIMEOUT. */
  deadline?: number;
  /** Whether a search may read the top lists of common words (default true). */
  searchTop?: boolean;
  /** The response's RawAnswer (sendRawAnswers), where there is one. */
  answer?: RawAnswer;
}

export function createContext(database: Database, request: RequestInfo = {}): Context {
  const sql = new Sql(database, database.dialect, request.deadline);
  return {
    sql,
    dataSource: database.dataSource,
    loaders: new Loaders(sql, database.dataSource),
    viewer: request.viewer ?? null,
    client: request.client ?? 'local',
    requestId: request.requestId ?? randomUUID(),
    searchTop: request.searchTop ?? true,
    answer: request.answer ?? null,
  };
}
