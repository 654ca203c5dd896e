import { type TestApp, dataOf, startTestApp } from './support/app';

/** The most statements in flight at once while `requests` identical one-statement operations run together. */
async function peakStatements(app: TestApp, requests: number): Promise<number> {
  const read = app.database.read;
  let inFlight = 0;
  let peak = 0;
  app.database.read = async (...args: Parameters<typeof read>) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return await read(...args);
    } finally {
      inFlight -= 1;
    }
  };
  try {
    const answers = await Promise.all(Array.from({ length: requests }, () => app.gql(`{ forums { totalCount } }`)));
    for (const answer of answers) expect(dataOf(answer).forums.totalCount).toBe(4);
    return peak;
  } finally {
    app.database.read = read;
  }
}

describe('MAX_CONCURRENT_OPERATIONS', () => {
  it('runs that many operations at once and queues the rest, which all get their answers', async () => {
    const limited = await startTestApp({ env: { MAX_CONCURRENT_OPERATIONS: '1' } });
    const open = await startTestApp({ env: { MAX_CONCURRENT_OPERATIONS: '0' } });
    try {
      expect(await peakStatements(limited, 6)).toBe(1);
      expect(await peakStatements(open, 6)).toBeGreaterThan(1);
    } finally {
      await limited.close();
      await open.close();
    }
  });

  it('refuses with 503 SERVER_BUSY past MAX_QUEUED_OPERATIONS, and keeps serving', async () => {
    const app = await startTestApp({ env: { MAX_CONCURRENT_OPERATIONS: '1', MAX_QUEUED_OPERATIONS: '1' } });
    const read = app.database.read;
    try {
      app.database.read = async (...args: Parameters<typeof read>) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return read(...args);
      };
      const responses = await Promise.all(Array.from({ length: 3 }, () => app.post({ query: '{ forums { totalCount } }' })));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 503]);
      const refused = responses.find((r) => r.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.errors[0].extensions.code).toBe('SERVER_BUSY');
      app.database.read = read;
      expect(dataOf(await app.gql(`{ forums { totalCount } }`)).forums.totalCount).toBe(4);
    } finally {
      app.database.read = read;
      await app.close();
    }
  });
});
