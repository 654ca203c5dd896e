import fs from 'node:fs';
import net from 'node:net';

/**
 * The services some suites use beside Node and npm. A newcomer's machine may have none of them:
 * `npm test` finds which answer (test/support/global-setup.ts, once per run), says in one line
 * per missing service which tests it skips and how to run them, and the suites that need one
 * skip those tests. With CI=true a missing service fails the run instead: CI runs everything.
 */
export type Service = 'postgres' | 'redis' | 'chromium';

interface ServiceFacts {
  /** What is missing when it is, in words. */
  absent: string;
  /** What the tests that need it check. */
  tests: string;
  /** The command that makes it available. */
  start: string;
  /** Whether it answers here. */
  probe(): Promise<boolean>;
}

/** PostgreSQL as the suites reach it: TEST_DATABASE_URL when it names one, else the local server. */
export const POSTGRES_URL = new URL(process.env.TEST_DATABASE_URL?.startsWith('postgres') ? process.env.TEST_DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test');
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const CHROMIUM = '/usr/bin/chromium';

export const SERVICES: Record<Service, ServiceFacts> = {
  postgres: {
    absent: `PostgreSQL does not answer at ${POSTGRES_URL.host}`,
    tests: 'PostgreSQL going away and a statement cancelled by its timeout (test/faults.test.ts)',
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    probe: () => answers(POSTGRES_URL.hostname, Number(POSTGRES_URL.port || 5432)),
  },
  redis: {
    absent: `Redis does not answer at ${new URL(REDIS_URL).host}`,
    tests: 'rate-limit windows kept in Redis (test/limits.test.ts, test/faults.test.ts) and /readyz with Redis (test/operations.test.ts)',
    start: "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no",
    probe: () => answers('127.0.0.1', 6379),
  },
  chromium: {
    absent: `Chromium is not installed at ${CHROMIUM}`,
    tests: 'the Playground in a browser (test/playground.browser.test.ts)',
    start: 'bash scripts/ensure-chromium.sh',
    probe: async () => fs.existsSync(CHROMIUM),
  },
};

/** Whether something accepts a TCP connection at host:port within a second. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The environment variable through which global setup tells the suites what it found. */
export const MISSING_SERVICES_VARIABLE = 'TEST_MISSING_SERVICES';

function missing(service: Service): boolean {
  return (process.env[MISSING_SERVICES_VARIABLE] ?? '').split(',').includes(service);
}

/** `describe` when every service is there, else `describe.skip` (global setup said so). */
export function describeWith(...services: Service[]): jest.Describe {
  return services.some(missing) ? describe.skip : describe;
}

/** `it` when every service is there, else `it.skip`. */
export function itWith(...services: Service[]): jest.It {
  return services.some(missing) ? it.skip : it;
}

/** Probes every service; what is missing goes into the environment the test files inherit. */
export async function findServices(): Promise<Service[]> {
  const absent: Service[] = [];
  for (const [name, facts] of Object.entries(SERVICES) as [Service, ServiceFacts][]) {
    if (!(await facts.probe())) absent.push(name);
  }
  return absent;
}
