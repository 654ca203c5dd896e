import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { openDatabase } from '../src/db/data-source';
import { Sql } from '../src/db/sql';
import { createSchema } from '../src/schema';
import { BENCH_QUERIES } from './queries';
import { syntheticDatabasePath } from './seed-synthetic';
import { execute, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { useSynchronousTypeResolvers } from '../src/execution/jit';
import { resolveNodeType } from '../src/shared/node';
import { createSelectionCompiler } from '../src/compiler/compile';
import { rawData, stringifyResult } from '../src/execution/raw-result';
import { ENTITIES } from '../src/entities';

/**
 * `npm run bench:profile -- [--scale 1] [--database FILE|postgres://…] [--runs 30] [--only a,b] [--statements] [--jit] [--compiled]`: runs each query
 * of the mix in this process, one after another (no HTTP, no concurrency), and prints per query
 * the mean time of graphql execution, the SQL time inside it, and the statements; with
 * --statements, every statement's mean time, rows and text (and with --dump DIR, each query's
 * statements and parameters as DIR/<query>.json, to try other SQL on). This is where a lever is tried
 * first: the numbers are serial costs, not throughput (that is `npm run bench`). With --jit the
 * operations run compiled by graphql-jit; without, on graphql-js. With --compiled, the queries the
 * selection compiler covers run as the server runs them by default: its one statement, the parse of
 * its JSON and the finishing (the others as with --jit). The
 * npm script sets NODE_ENV=production, as graphql-js reads it when loaded (its development-mode
 * checks cost several % of a request).
 */
async function main(argv: readonly string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const scale = Number(value('scale') ?? 1);
  const runs = Number(value('runs') ?? 30);
  const only = value('only')?.split(',') ?? null;
  const given = value('database') ?? syntheticDatabasePath(scale);
  // A postgres:// URL is read as DATABASE_URL is; anything else is a SQLite file's path.
  const database = /^postgres(ql)?:\/\//.test(given) ? given : path.resolve(given);
  const config = loadConfig({ ...process.env, DATABASE_URL: database, NODE_ENV: 'production' });
  const db = await openDatabase(config.database, { entities: ENTITIES,  migrate: false, readConnections: config.sqliteReadConnections, sqliteDriver: config.sqliteDriver });
  const schema = await createSchema();
  const selections = argv.includes('--compiled') ? createSelectionCompiler(schema, db) : null;
  if (argv.includes('--jit') || selections) useSynchronousTypeResolvers(schema, { Node: resolveNodeType });
  const perStatement = new Map<string, { ms: number; rows: number; n: number; params?: unknown[] }>();
  const original = Sql.prototype.query;
  if (argv.includes('--statements')) {
    Sql.prototype.query = async function (this: Sql, text: string, params?: unknown[]) {
      const started = performance.now();
      const rows = await original.call(this, text, params);
      const entry = perStatement.get(text) ?? { ms: 0, rows: 0, n: 0, params };
      entry.ms += performance.now() - started;
      entry.rows += rows.length;
      entry.n += 1;
      perStatement.set(text, entry);
      return rows as never;
    };
  }
  for (const query of BENCH_QUERIES) {
    if (only && !only.includes(query.name)) continue;
    const document = parse(query.query);
    const compiled = argv.includes('--jit') || selections ? compileQuery(schema, document) : null;
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
    const statement = selections && operation ? selections.compile(document, operation, query.variables ?? {}) : null;
    if (compiled && !isCompiledQuery(compiled)) throw new Error(`${query.name}: ${JSON.stringify(compiled.errors)}`);
    const run = async () => {
      const contextValue = createContext(db);
      const started = performance.now();
      const result = statement
        ? { data: rawData(statement.finish((await contextValue.sql.query(statement.text, [...statement.params]))[0].data as Buffer | string), statement.keys) }
        : compiled
          ? await compiled.query(undefined, contextValue, query.variables ?? {})
          : await execute({ schema, document, contextValue, variableValues: query.variables ?? {} });
      if (result.errors) throw new Error(`${query.name}: ${JSON.stringify(result.errors)}`);
      const json = stringifyResult(result);
      return { ms: performance.now() - started, sql: contextValue.sql.stats, bytes: json.length };
    };
    for (let i = 0; i < 3; i++) await run();
    perStatement.clear();
    let ms = 0;
    let sqlMs = 0;
    let statements = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const r = await run();
      ms += r.ms;
      sqlMs += r.sql.ms;
      statements = r.sql.statements;
      bytes = r.bytes;
    }
    console.log(
      `${query.name.padEnd(12)} ${(ms / runs).toFixed(2).padStart(8)} ms/request, SQL ${(sqlMs / runs).toFixed(2).padStart(8)} ms in ${statements} statements, ${bytes} bytes`,
    );
    if (value('dump')) {
      const fs = await import('node:fs');
      fs.writeFileSync(`${value('dump')}/${query.name}.json`, JSON.stringify([...perStatement].map(([text, e]) => ({ text, params: e.params })), null, 1));
    }
    for (const [text, entry] of perStatement) {
      console.log(`    ${(entry.ms / entry.n).toFixed(2).padStart(8)} ms ${String(Math.round(entry.rows / entry.n)).padStart(5)} rows  ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
    }
  }
  await db.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
