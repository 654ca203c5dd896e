import { MISSING_SERVICES_VARIABLE, SERVICES, findServices } from './services';

/**
 * Jest's global setup: which of the services the suites use answer here. Each missing one is one
 * line on stderr (what is skipped, and the command that makes it available); with CI=true a
 * missing service fails the run.
 */
export default async function globalSetup(): Promise<void> {
  const absent = await findServices();
  process.env[MISSING_SERVICES_VARIABLE] = absent.join(',');
  if (absent.length === 0) return;
  if (process.env.CI === 'true') {
    const lines = absent.map((name) => `${SERVICES[name].absent}, needed by ${SERVICES[name].tests}; start it: ${SERVICES[name].start}`);
    throw new Error(`CI=true runs every test, and a service they use is missing:\n  ${lines.join('\n  ')}`);
  }
  const lines = absent.map((name) => `${SERVICES[name].absent}: skipping ${SERVICES[name].tests}; to run them: ${SERVICES[name].start}, then npm test`);
  process.stderr.write(`\n${lines.join('\n')}\n`);
}
