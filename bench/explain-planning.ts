import 'reflect-metadata';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { createContext } from '../src/context';
import { openDatabase } from '../src/db/data-source';
import { postgresDialect } from '../src/db/dialect';
import { Sql } from '../src/db/sql';
import { createSchema } from '../src/schema';
import { ENTITIES } from '../src/entities';
import { createSelectionCompiler } from '../src/compiler/compile';
import { useSynchronousTypeResolvers } from '../src/execution/jit';
import { resolveNodeType } from '../src/shared/node';
import { rawData } from '../src/execution/raw-result';
import { execute, parse } from 'graphql';
import { BENCH_QUERIES } from './queries';

/**
 * `npm run bench:planning -- --database postgres://… [--runs 20] [--only a,b]`: what PostgreSQL
 * spends planning each statement of the mix, sent as the server sent them before named statements
 * (unnamed: parsed and planned on every request) and as it sends them now (prepared once per
 * connection: PREPARE, then EXECUTE, where PostgreSQL's plan cache keeps a generic plan after
 * five custom ones when it is no worse). Each statement's text and parameters are those a request
 * of the mix runs (the selection compiler's, as the server runs them by default, and the loaders'
 * batches); every figure is EXPLAIN ANALYZE's own `Planning Time` and `Execution Time`, the median
 * of `runs`, after the first six (the warm-up, which also lets the plan cache settle).
 */
async function main(argv: readonly string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const url = value('database');
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error(`--database: expected a postgres:// URL of a database the synthetic generator wrote; received ${JSON.stringify(url ?? null)}`);
  const runs = Number(value('runs') ?? 20);
  const only = value('only')?.split(',') ?? null;
  const config = loadConfig({ ...process.env, DATABASE_URL: url, NODE_ENV: 'production' });
  const db = await openDatabase(config.database, { entities: ENTITIES, migrate: false, namedStatements: 0 });
  const schema = await createSchema();
  const selections = createSelectionCompiler(schema, db);
  useSynchronousTypeResolvers(schema, { Node: resolveNodeType });
  const client = new Client({ connectionString: url });
  await client.connect();

  const original = Sql.prototype.query;
  let captured: { text: string; params: unknown[] }[] = [];
  Sql.prototype.query = async function (this: Sql, text: string, params?: unknown[]) {
    captured.push({ text, params: [...(params ?? [])] });
    return original.call(this, text, params) as never;
  };

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // EXPLAIN takes no bound parameters: the values are written into its text (an unnamed statement
  // with parameters is planned for its values too, a custom plan each time).
  const arrayText = (values: unknown[]) => `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
  const literal = (value: unknown): string =>
    value === null || value === undefined
      ? 'NULL'
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : client.escapeLiteral(Array.isArray(value) ? arrayText(value) : typeof value === 'string' ? value : JSON.stringify(value));
  const withValues = (sql: string, params: unknown[]) => sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]));
  const explain = async (sql: string) => {
    const [plan] = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`)).rows[0]['QUERY PLAN'] as { 'Planning Time': number; 'Execution Time': number }[];
    return { planning: plan['Planning Time'], execution: plan['Execution Time'] };
  };
  const measure = async (sql: string) => {
    const figures: { planning: number; execution: number }[] = [];
    for (let i = 0; i < runs + 6; i += 1) figures.push(await explain(sql));
    const kept = figures.slice(6);
    return { planning: median(kept.map((f) => f.planning)), execution: median(kept.map((f) => f.execution)) };
  };

  console.log(`planning and execution, ms (median of ${runs} EXPLAIN ANALYZE after 6), unnamed (parsed and planned per request) vs prepared (planned once per connection)`);
  console.log(`${'query'.padEnd(14)} ${'statement'.padEnd(10)} ${'unnamed: plan'.padStart(14)} ${'exec'.padStart(8)} ${'prepared: plan'.padStart(15)} ${'exec'.padStart(8)}`);
  const totals = { unnamed: 0, prepared: 0 };
  for (const query of BENCH_QUERIES) {
    if (only && !only.includes(query.name)) continue;
    const document = parse(query.query);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
    const statement = operation ? selections.compile(document, operation, query.variables ?? {}) : null;
    captured = [];
    const contextValue = createContext(db);
    if (statement) rawData(statement.finish((await contextValue.sql.query(statement.text, [...statement.params]))[0].data as Buffer | string), statement.keys);
    else await execute({ schema, document, contextValue, variableValues: query.variables ?? {} });
    const statements = captured;
    let sum = { unnamed: 0, prepared: 0 };
    for (const [i, { text, params }] of statements.entries()) {
      const sql = postgresDialect.placeholders(text);
      const unnamed = await measure(withValues(sql, params));
      const name = `bench_plan_${i}`;
      await client.query(`PREPARE ${name} AS ${sql}`);
      const prepared = await measure(`EXECUTE ${name}${params.length > 0 ? `(${params.map(literal).join(', ')})` : ''}`);
      await client.query(`DEALLOCATE ${name}`);
      sum = { unnamed: sum.unnamed + unnamed.planning, prepared: sum.prepared + prepared.planning };
      console.log(
        `${(i === 0 ? query.name : '').padEnd(14)} ${`#${i + 1}/${statements.length}`.padEnd(10)} ${unnamed.planning.toFixed(3).padStart(14)} ${unnamed.execution.toFixed(3).padStart(8)} ${prepared.planning.toFixed(3).padStart(15)} ${prepared.execution.toFixed(3).padStart(8)}`,
      );
    }
    totals.unnamed += sum.unnamed;
    totals.prepared += sum.prepared;
    console.log(`${''.padEnd(14)} ${'planning per request:'.padEnd(10)} ${sum.unnamed.toFixed(3)} ms unnamed, ${sum.prepared.toFixed(3)} ms prepared`);
  }
  Sql.prototype.query = original;
  await client.end();
  await db.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
