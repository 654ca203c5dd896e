#!/usr/bin/env node
/**
 * npm's postinstall: makes sure node-sqlite3's bundled SQLite is built with
 * SQLITE_DEFAULT_MEMSTATUS=0, and rebuilds it from source with that option when it is not.
 *
 * Why: with memory statistics on (SQLite's default), every sqlite3_malloc and sqlite3_free takes
 * one process-wide mutex. The API reads on several connections at once, from libuv's threads;
 * once a connection's lookaside memory is held by its prepared statements (a few dozen shapes
 * kept prepared), the JSON a compiled statement builds is allocated through that mutex, and the
 * threads queue on it: the analysts' aggregate took 3 ms of CPU per run before the search
 * statements had run on the same connections and 9 ms after (70 futex calls per request instead
 * of 13). SQLite's own list of recommended options has SQLITE_DEFAULT_MEMSTATUS=0, and
 * better-sqlite3 is built with it. node-sqlite3 has no way to set it at run time
 * (sqlite3_config), and its build takes the compiler's flags from the environment (CPPFLAGS),
 * so this rebuilds it with them. Nothing fails if the rebuild cannot run: the server works
 * with either build (it logs which one it has).
 */
const { execFileSync } = require('node:child_process');

const OPTION = 'DEFAULT_MEMSTATUS=0';

function built() {
  // A fresh process: the sqlite3 binding loaded here would otherwise stay the old one.
  const check = `const s = require('sqlite3'); const db = new s.Database(':memory:');
    db.all('PRAGMA compile_options', (e, rows) => { process.stdout.write(e ? '' : rows.map((r) => r.compile_options).join(' ')); db.close(); });`;
  try {
    return execFileSync(process.execPath, ['-e', check], { encoding: 'utf8' }).split(' ').includes(OPTION);
  } catch {
    return null; // sqlite3 is not installed (or does not load): npm reports that itself.
  }
}

const before = built();
if (before === null || before) {
  if (before) console.log(`sqlite3: SQLite built with SQLITE_${OPTION}`);
  process.exit(0);
}
console.log(`sqlite3: rebuilding SQLite from source with SQLITE_${OPTION} (about a minute and a half)`);
try {
  execFileSync('npm', ['rebuild', 'sqlite3', '--build-from-source', '--foreground-scripts'], {
    stdio: 'inherit',
    env: { ...process.env, CPPFLAGS: `${process.env.CPPFLAGS ?? ''} -DSQLITE_${OPTION}`.trim() },
  });
} catch (error) {
  console.warn(`sqlite3: the rebuild failed (${error.message}); the installed build stays, without SQLITE_${OPTION}`);
  process.exit(0);
}
console.log(built() ? `sqlite3: SQLite built with SQLITE_${OPTION}` : `sqlite3: the rebuild did not take SQLITE_${OPTION}; the installed build stays`);
