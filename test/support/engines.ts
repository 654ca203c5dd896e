import { generateSynthetic } from '../../bench/synthetic';
import { type TestApp, startTestApp } from './app';

/** The two data sets both engines are compared on. */
export const DATA_SETS = [
  ['the real data set', true],
  ['generated data (scale 0.01)', false],
] as const;

/** The compiling server and the resolving one of a describe block. */
export interface Engines {
  compiling: TestApp;
  resolving: TestApp;
}

/**
 * Starts, for the enclosing describe block, a server that compiles and one that only resolves,
 * over the same data: the real data set, or generated data (scale 0.01) with `generated` run on
 * each after it. Both are closed after the block.
 */
export function bothEngines(real: boolean, options: { env?: Record<string, string>; generated?: (app: TestApp) => Promise<void> } = {}): Engines {
  const engines = {} as Engines;
  beforeAll(async () => {
    engines.compiling = await startTestApp({ seed: real, env: { ...options.env, GRAPHQL_COMPILE: '1' } });
    engines.resolving = await startTestApp({ seed: real, env: { ...options.env, GRAPHQL_COMPILE: '0' } });
    if (real) return;
    for (const app of [engines.compiling, engines.resolving]) {
      await generateSynthetic(app.database, { scale: 0.01, progress: false });
      await options.generated?.(app);
    }
  }, 120_000);
  afterAll(async () => {
    await engines.compiling?.close();
    await engines.resolving?.close();
  });
  return engines;
}
