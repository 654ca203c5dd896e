import { refreshAfterImport } from './import-cli';

/** A step that fails with each of `errors` in turn, then succeeds; `calls` counts its attempts. */
function failing(...errors: object[]) {
  const step = Object.assign(
    async () => {
      step.calls += 1;
      const error = errors.shift();
      if (error) throw Object.assign(new Error(String((error as { message?: string }).message ?? 'failed')), error);
    },
    { calls: 0 },
  );
  return step;
}

describe('refreshAfterImport: the rebuild after an import never fails the committed import', () => {
  it('retries a busy SQLite database after each wait, then rebuilds', async () => {
    let err = '';
    const step = failing({ code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' }, { code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' });
    expect(await refreshAfterImport([step], (text) => (err += text), [0, 0])).toBeNull();
    expect(step.calls).toBe(3);
    expect(err).toBe('The database is busy (SQLITE_BUSY: database is locked); rebuilding the summaries again in 0 ms.\n'.repeat(2));
  });

  it('retries a PostgreSQL deadlock or lock timeout the same way', async () => {
    const step = failing({ code: '40P01', message: 'deadlock detected' }, { code: '55P03', message: 'canceling statement due to lock timeout' });
    expect(await refreshAfterImport([step], () => undefined, [0, 0])).toBeNull();
    expect(step.calls).toBe(3);
  });

  it('answers a warning, never a throw, once the waits are spent or for another error, and still runs the next step', async () => {
    const busy = failing({ code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' }, { code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' });
    expect(await refreshAfterImport([busy], () => undefined, [0])).toBe(
      "Warning: the import is committed, but the summaries and search top lists were not rebuilt (SQLITE_BUSY: database is locked); readers compute them live until the server's next write or another import rebuilds them.",
    );
    expect(busy.calls).toBe(2);
    const broken = failing({ message: 'no such table: stats_rollup_state' });
    const next = failing();
    expect(await refreshAfterImport([broken, next], () => undefined, [0, 0])).toContain('(no such table: stats_rollup_state)');
    expect([broken.calls, next.calls]).toEqual([1, 1]);
  });
});
