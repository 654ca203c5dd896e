import fs from 'node:fs';
import type { Database } from './data-source';

/*
 * A consistent copy of an open SQLite file, made by the file system instead of by SQL: the write-
 * ahead log is checkpointed into the file and emptied, then the file is copied while this
 * connection holds the write lock, so no process can commit to the log meanwhile. SQLite's
 * backup API and VACUUM INTO copy a 2.3 GB file in 8.3 s and 10.0 s; copy_file_range in 1.5 s,
 * and a file system with reflinks (Btrfs, XFS) clones it at once, sharing the blocks until
 * either copy writes them.
 */

/**
 * Copies the SQLite file `from`, open as `database`, to `to` and returns true; or returns false,
 * having copied nothing, when its log cannot be emptied first (another process reads or writes
 * it): the caller copies by SQL instead.
 */
export async function copySqliteFile(database: Database, from: string, to: string): Promise<boolean> {
  const [checkpoint]: { busy: number; log: number; checkpointed: number }[] = await database.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  if (checkpoint && Number(checkpoint.busy) !== 0) return false;
  // Start-up's own connection, before anything else uses it: the lock is taken outright.
  await database.dataSource.query('BEGIN IMMEDIATE');
  try {
    if (logSize(from) > 0) return false;
    await fs.promises.copyFile(from, to, fs.constants.COPYFILE_FICLONE);
    return true;
  } finally {
    await database.dataSource.query('ROLLBACK');
  }
}

function logSize(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}
