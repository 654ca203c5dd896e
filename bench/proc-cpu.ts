import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time of processes from /proc (Linux): a server's own, and PostgreSQL's backends serving one
 * database, read before and after a measured window so that CPU per request is the delta over the
 * requests answered in it.
 */

let ticksPerSecond: number | null = null;

/** USER_HZ (`getconf CLK_TCK`): the unit of /proc/<pid>/stat's utime and stime; 100 when getconf is missing. */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of `pid` in ms, or null when the process is gone (or /proc is not there). */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime), 1-based; fields[0] is field 3.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
}

/** The database name of a postgres:// URL. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/**
 * The CPU ms of each PostgreSQL backend serving `database`, by pid: the processes named
 * `postgres` whose title (`postgres: <cluster>: <user> <database> <host> <state>`) names it.
 * Other databases' backends (other work on the same server) and the server's own background
 * processes are left out.
 */
export function postgresBackendsCpuMs(database: string): Map<number, number> {
  const cpu = new Map<number, number>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return cpu;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (!title.startsWith('postgres: ') || !title.split(/\s+/).includes(database)) continue;
      const ms = processCpuMs(Number(entry));
      if (ms !== null) cpu.set(Number(entry), ms);
    } catch {
      // the process ended while being read
    }
  }
  return cpu;
}

/** CPU spent between `start()` and `stop()`: of one process, and of a database's PostgreSQL backends. */
export interface CpuWindow {
  start(): void;
  /** Adds the window's CPU to the totals. */
  stop(): void;
  /** Totals over every window so far, in ms; null where /proc could not be read. */
  nodeMs: number | null;
  postgresMs: number | null;
}

/** A CpuWindow of `pid` and of the backends of `database` (null: a SQLite server, no PostgreSQL to count). */
export function cpuWindow(pid: number, database: string | null): CpuWindow {
  let node0: number | null = null;
  let pg0 = new Map<number, number>();
  const window: CpuWindow = {
    nodeMs: 0,
    postgresMs: database === null ? null : 0,
    start() {
      node0 = processCpuMs(pid);
      if (database !== null) pg0 = postgresBackendsCpuMs(database);
    },
    stop() {
      const node1 = processCpuMs(pid);
      window.nodeMs = node0 === null || node1 === null || window.nodeMs === null ? null : window.nodeMs + node1 - node0;
      if (database !== null && window.postgresMs !== null) {
        // A backend that started in the window counts from 0; one that ended in it is lost (pools keep theirs).
        for (const [backend, ms] of postgresBackendsCpuMs(database)) window.postgresMs += ms - (pg0.get(backend) ?? 0);
      }
    },
  };
  return window;
}
