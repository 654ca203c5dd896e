#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S] [--database postgres://...]`: the differential fuzzer
// (test/engines-fuzz.test.ts) for N random operations per data set, on SQLite, or on the
// PostgreSQL database given (each run makes and drops its own schemas there, as the tests do).
const { spawnSync } = require('node:child_process');

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const runs = option('runs') ?? '1000';
if (!/^[1-9][0-9]*$/.test(runs)) {
  console.error(`--runs: expected a positive integer; received "${runs}"`);
  process.exit(2);
}
const seed = option('seed');
if (seed !== undefined && !/^-?[0-9]+$/.test(seed)) {
  console.error(`--seed: expected an integer; received "${seed}"`);
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: runs, ...(seed === undefined ? {} : { FUZZ_SEED: seed }) };
const database = option('database');
if (database !== undefined) env.TEST_DATABASE_URL = database;
const result = spawnSync('npx', ['jest', 'test/engines-fuzz.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
