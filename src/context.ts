import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Database } from './db/data-source';
import { Sql } from './db/sql';
import { Loaders } from './shared/loaders';
import type { RawAnswer } from './execution/raw-result';
import type { Viewer } from './modules/auth/auth.roles';
import { Stage } from './shared/stage';
import type { WriteEvents } from './modules/writes/write-events';

/** Everything one request works with; made anew for every request, shared by none. */
export interface Context {
  /** The stage the operation reads (and writes): its SQL, loaders and data source are that stage's database. */
  stage: Stage;
  sql: Sql;
  loaders: Loaders;
  dataSource: DataSource;
  /** The request's token: who it is and its role; null for an anonymous reader. */
  viewer: Viewer | null;
  /** Who is asking, for rate limits: "token:<name of its token or issued key>" or "ip:<address>". */
  client: string;
  /** The request's id: the caller's X-Request-Id, or a new one; in every log line and response. */
  requestId: string;
  /** Whether a search may read the top lists of common words (SEARCH_TOP_HITS). */
  searchTop: boolean;
  /** Where a compiled answer's bytes go to the response (see raw-result.ts); null without such a response. */
  answer: RawAnswer | null;
  /** When database work must stop (see Sql). */
  deadline?: number;
  /** Both stages' databases, whatever the operation reads: the write side and revisions use them. */
  stages: { published: Database; draft: Database | null };
  /** Where the request's writes emit their events (the derived data and the response cache follow them); null: it cannot write. */
  writeEvents: WriteEvents | null;
  /** Loaders over the drafts, where revisions are kept, when the operation reads PUBLISHED: made on first use. */
  draftLoaders: Loaders | null;
  /** What the operation changed, for its log line: action, record, version after. */
  changes: { action: string; id: string; version: number | null }[];
  /** Tells the server's cache of trusted documents that these ids were registered or retired: resolves once the live ones are prepared. */
  documentsChanged: (ids: readonly string[]) => Promise<void>;
}

export interface RequestInfo {
  viewer?: Viewer | null;
  draft?: Database | null;
  writeEvents?: WriteEvents | null;
  client?: string;
  requestId?: string;
  /** When database work must stop: a statement asked for after it fails with TIMEOUT. */
  deadline?: number;
  /** Whether a search may read the top lists of common words (default true). */
  searchTop?: boolean;
  /** The response's RawAnswer (apolloHandler), where there is one. */
  answer?: RawAnswer;
  /** See Context.documentsChanged (default: nothing to tell). */
  documentsChanged?: (ids: readonly string[]) => Promise<void>;
}

export function createContext(database: Database, request: RequestInfo = {}): Context {
  const sql = new Sql(database, database.dialect, request.deadline);
  return {
    stage: Stage.PUBLISHED,
    sql,
    deadline: request.deadline,
    dataSource: database.dataSource,
    loaders: new Loaders(sql, database.dataSource),
    viewer: request.viewer ?? null,
    client: request.client ?? 'local',
    requestId: request.requestId ?? randomUUID(),
    searchTop: request.searchTop ?? true,
    answer: request.answer ?? null,
    stages: { published: database, draft: request.draft ?? null },
    writeEvents: request.writeEvents ?? null,
    draftLoaders: null,
    changes: [],
    documentsChanged: request.documentsChanged ?? (async () => undefined),
  };
}

/**
 * Makes `ctx` read `stage` from `database`, before anything of the operation has run: its SQL,
 * loaders and data source are replaced, so every read path (both engines) reads that stage.
 */
export function useStage(ctx: Context, stage: Stage, database: Database): void {
  ctx.stage = stage;
  ctx.sql = new Sql(database, database.dialect, ctx.deadline);
  ctx.loaders = new Loaders(ctx.sql, database.dataSource);
  ctx.dataSource = database.dataSource;
}
