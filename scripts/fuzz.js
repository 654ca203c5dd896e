#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S] [--database postgres://...]`: the differential fuzzer
// (test/engines-fuzz.test.ts) for N random operations per data set, on SQLite, or on the
// PostgreSQL database given (each run makes and drops its own schemas there, as the tests do).
// `npm run fuzz:writes -- --runs N ...` (`--suite writes`): the write-input fuzzer
// (test/writes-fuzz.test.ts) for N random sequences of writes.
const { spawnSync } = require('node:child_process');

/** Each fuzzer: its test file, the variables it reads its runs and seed from, its default runs. */
const SUITES = {
  engines: { test: 'test/engines-fuzz.test.ts', runs: 'FUZZ_RUNS', seed: 'FUZZ_SEED', defaultRuns: '1000' },
  writes: { test: 'test/writes-fuzz.test.ts', runs: 'WRITES_FUZZ_RUNS', seed: 'WRITES_FUZZ_SEED', defaultRuns: '500' },
};

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const name = option('suite') ?? 'engines';
const suite = SUITES[name];
if (!suite) {
  console.error(`--suite: expected one of ${Object.keys(SUITES).join(', ')}; received "${name}"`);
  process.exit(2);
}
const runs = option('runs') ?? suite.defaultRuns;
if (!/^[1-9][0-9]*$/.test(runs)) {
  console.error(`--runs: expected a positive integer; received "${runs}"`);
  process.exit(2);
}
const seed = option('seed');
if (seed !== undefined && !/^-?[0-9]+$/.test(seed)) {
  console.error(`--seed: expected an integer; received "${seed}"`);
  process.exit(2);
}
const env = { ...process.env, [suite.runs]: runs, ...(seed === undefined ? {} : { [suite.seed]: seed }) };
const database = option('database');
if (database !== undefined) env.TEST_DATABASE_URL = database;
const result = spawnSync('npx', ['jest', suite.test], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
