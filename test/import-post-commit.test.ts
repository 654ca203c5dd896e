import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import yaml from 'js-yaml';
import { runImportCli } from '../src/import-cli';
import { draftConfigOf } from '../src/db/draft-location';
import { type TestApp, startTestApp } from './support/app';

/*
 * The work after an import's commit (rebuilding the summaries and top lists it made stale) never
 * turns the committed import into a failure. The busy database is SQLite's: another connection
 * holds the write lock (the server writing) when the rebuild starts. PostgreSQL waits for its
 * row locks instead of refusing, so these run on SQLite only.
 */

const sqlite = !process.env.TEST_DATABASE_URL?.startsWith('postgres');
const describeSqlite = sqlite ? describe : describe.skip;

let app: TestApp;
let dir: string;

beforeAll(async () => {
  if (!sqlite) return;
  app = await startTestApp({ draft: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-import-busy-'));
}, 90_000);
afterAll(async () => {
  await app?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Another connection to the drafts that takes and gives back their write lock, as the server's
 * writer would hold it: node-sqlite3 in a worker thread, so it shares the CLI's SQLite (locks
 * are per process; a second SQLite library in this process would not see them), and the test
 * waits for it synchronously, between two lines the CLI prints.
 */
class WriteLock {
  private readonly worker: Worker;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(file: string) {
    this.worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const sqlite3 = require('sqlite3');
       const db = new sqlite3.Database(workerData.file);
       const done = (error) => { Atomics.store(workerData.flag, 0, error ? -1 : 1); Atomics.notify(workerData.flag, 0); };
       parentPort.on('message', (sql) => (sql === 'CLOSE' ? db.close(() => parentPort.close()) : db.exec(sql, done)));`,
      { eval: true, workerData: { file, flag: this.flag } },
    );
  }

  private held = false;

  /** Takes the write lock, blocking this thread until it has it. */
  hold(): void {
    this.run('BEGIN IMMEDIATE');
    this.held = true;
  }

  /** Gives the write lock back, where it holds it. */
  release(): void {
    if (this.held) this.run('ROLLBACK');
    this.held = false;
  }

  async close(): Promise<void> {
    this.release();
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('CLOSE');
    await exited;
  }

  private run(sql: 'BEGIN IMMEDIATE' | 'ROLLBACK'): void {
    Atomics.store(this.flag, 0, 0);
    this.worker.postMessage(sql);
    if (Atomics.wait(this.flag, 0, 0, 10_000) === 'timed-out' || this.flag[0] !== 1) throw new Error(`the lock's connection could not run ${sql}`);
  }
}

describeSqlite('npm run import after its commit', () => {
  let drafts: WriteLock;
  let published: WriteLock;
  beforeAll(() => {
    const config = app.config.database;
    const draft = draftConfigOf(config);
    if (config.kind !== 'sqlite' || draft.kind !== 'sqlite') throw new Error('expected SQLite');
    drafts = new WriteLock(draft.path);
    published = new WriteLock(config.path);
  });
  afterEach(() => {
    drafts.release();
    published.release();
  });
  afterAll(async () => {
    await drafts?.close();
    await published?.close();
  });

  /** Runs the CLI on `records`; `onLine` sees each line of its standard output as it is printed, `onErr` each text of its standard error. */
  async function cli(name: string, records: object[], hooks: { onLine?: (line: string) => void; onErr?: (text: string) => void }, retryMs: number[], ...flags: string[]) {
    fs.mkdirSync(path.join(dir, name));
    const file = path.join(dir, name, 'clusters.yaml');
    fs.writeFileSync(file, yaml.dump(records));
    const out: string[] = [];
    let err = '';
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `sqlite:${(app.config.database as { path: string }).path}`;
    try {
      const code = await runImportCli(
        [file, '--actor', 'operator', ...flags],
        (line) => {
          out.push(line);
          hooks.onLine?.(line);
        },
        (text) => {
          err += text;
          hooks.onErr?.(text);
        },
        { refreshRetryMs: retryMs },
      );
      return { code, out, err };
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }

  async function draftCount(key: string): Promise<number> {
    const [{ n }] = await app.draft!.dataSource.query('SELECT COUNT(*) AS n FROM cluster WHERE id = ?', [key]);
    return Number(n);
  }

  it('import CLI exits 0 when the post-commit refresh meets a busy database', async () => {
    const answer = await cli('first', [{ key: 'busy-cluster', name: 'Кластер занятой базы', industry: 'импорт', sources: ['news-main'] }], {
      onLine: (line) => line === 'Imported as drafts.' && drafts.hold(),
    }, [10]);
    expect(answer.code).toBe(0);
    expect(answer.out).toEqual(['Cluster\tcreated 1\tupdated 0\tunchanged 0', 'Imported as drafts.']);
    expect(answer.err).toContain('The database is busy (SQLITE_BUSY: database is locked); rebuilding the summaries again in 10 ms.');
    expect(answer.err).toContain(
      "Warning: the import is committed, but the summaries and search top lists were not rebuilt (SQLITE_BUSY: database is locked); readers compute them live until the server's next write or another import rebuilds them.",
    );
    expect(await draftCount('busy-cluster')).toBe(1);
  }, 60_000);

  it('import CLI rebuilds once the busy database frees, and says nothing more', async () => {
    const answer = await cli('second', [{ key: 'busy-cluster-2', name: 'Кластер подождавший', industry: 'импорт', sources: ['news-main'] }], {
      onLine: (line) => line === 'Imported as drafts.' && drafts.hold(),
      onErr: (text) => text.startsWith('The database is busy') && drafts.release(),
    }, [10]);
    expect(answer.code).toBe(0);
    expect(answer.err).not.toContain('Warning');
    expect(await draftCount('busy-cluster-2')).toBe(1);
    const [state] = await app.draft!.dataSource.query("SELECT generation, built FROM stats_rollup_state WHERE name = 'cluster_event'");
    expect(Number(state.built)).toBe(Number(state.generation));
  }, 60_000);

  it('import CLI says the drafts are committed when its --publish meets a busy database', async () => {
    const answer = await cli('third', [{ key: 'busy-cluster-3', name: 'Кластер неопубликованный', industry: 'импорт', sources: ['news-main'] }], {
      // The last record is written, the drafts' transaction not yet committed: the published stage is locked first.
      onErr: (text) => text.includes('1/1 records') && published.hold(),
    }, [10], '--publish');
    expect(answer.code).toBe(1);
    expect(answer.out).toEqual([]);
    expect(answer.err).toContain('the publish failed: SQLITE_BUSY: database is locked\nImported as drafts, but not published.\n');
    expect(await draftCount('busy-cluster-3')).toBe(1);
    const [row] = await app.database.dataSource.query("SELECT COUNT(*) AS n FROM cluster WHERE id = 'busy-cluster-3'");
    expect(Number(row.n)).toBe(0);
  }, 60_000);
});
