import type { EntityManager } from 'typeorm';
import type { Dialect } from '../src/db/dialect';

/** Fewer bound parameters per statement than either database allows (SQLite 32,766; PostgreSQL 65,535). */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 500;

/**
 * Buffers the rows of one table and writes them as multi-row INSERTs through `manager` (inside
 * the caller's transaction). `onRows` is told how many rows each statement wrote.
 */
export class TableWriter {
  private rows: unknown[][] = [];
  private readonly chunk: number;

  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    readonly table: string,
    private readonly columns: readonly string[],
    private readonly onRows: (n: number) => void,
    /** Tables whose rows these rows refer to: flushed first, so foreign keys hold. */
    private readonly dependsOn: readonly TableWriter[] = [],
  ) {
    this.chunk = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  }

  async add(row: unknown[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.chunk) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    for (const table of this.dependsOn) await table.flush();
    const rows = this.rows;
    this.rows = [];
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
    await this.manager.query(this.dialect.placeholders(sql), rows.flat());
    this.onRows(rows.length);
  }
}

/** A progress bar on stderr: redrawn in place on a terminal, a line per 10% elsewhere. */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private total: number,
    private readonly enabled = true,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  phase = '';

  add(n: number): void {
    this.done += n;
    if (this.done > this.total) this.total = this.done;
    this.draw(false);
  }

  draw(force: boolean): void {
    if (!this.enabled) return;
    const share = this.total === 0 ? 1 : this.done / this.total;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const text = `${this.phase.padEnd(28)} ${(share * 100).toFixed(0).padStart(3)}% ${this.done.toLocaleString('en')} rows ${seconds} s`;
    if (this.stream.isTTY) {
      if (!force && Date.now() - this.lastDraw < 100) return;
      this.lastDraw = Date.now();
      const width = 30;
      const filled = Math.round(share * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
    } else {
      const decile = Math.floor(share * 10);
      if (!force && decile === this.lastDecile) return;
      this.lastDecile = decile;
      this.stream.write(`[synthetic] ${text}\n`);
    }
  }

  finish(message: string): void {
    if (!this.enabled) return;
    this.draw(true);
    this.stream.write(`${this.stream.isTTY ? '\n' : ''}${message}\n`);
  }
}
