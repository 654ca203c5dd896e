import { TokenWatch } from './token-watch';

describe('TokenWatch', () => {
  it('ends every holder of a revoked token once, in one read of the names held, and keeps the live', async () => {
    const live = new Set(['anna', 'boris']);
    const reads: string[][] = [];
    const watch = new TokenWatch({ live: async (names) => (reads.push([...names]), new Set(names.filter((name) => live.has(name)))), pollMs: 3_600_000 });
    const ended: string[] = [];
    watch.hold('anna', () => ended.push('anna 1'));
    watch.hold('anna', () => ended.push('anna 2'));
    const releaseBoris = watch.hold('boris', () => ended.push('boris'));
    await watch.check();
    expect(ended).toEqual([]);
    live.delete('anna');
    await watch.check();
    await watch.check();
    expect(ended).toEqual(['anna 1', 'anna 2']);
    expect(reads).toEqual([['anna', 'boris'], ['anna', 'boris'], ['boris']]);
    expect(watch.size).toBe(1);
    releaseBoris();
    expect(watch.size).toBe(0);
    await watch.check();
    expect(reads).toHaveLength(3);
    watch.stop();
  });

  it('keeps its holders when a check cannot read, and says so', async () => {
    const errors: unknown[] = [];
    const watch = new TokenWatch({ live: () => Promise.reject(new Error('database gone')), pollMs: 3_600_000, onError: (error) => errors.push(error) });
    const ended: string[] = [];
    watch.hold('anna', () => ended.push('anna'));
    await expect(watch.check()).resolves.toBeUndefined();
    expect(ended).toEqual([]);
    expect(errors.map((error) => (error as Error).message)).toEqual(['database gone']);
    expect(watch.size).toBe(1);
    watch.stop();
  });

  it('a release after its token was found revoked, or twice, changes nothing', async () => {
    const watch = new TokenWatch({ live: async () => new Set(), pollMs: 3_600_000 });
    const ended: string[] = [];
    const release = watch.hold('anna', () => ended.push('anna'));
    await watch.check();
    release();
    release();
    expect(ended).toEqual(['anna']);
    expect(watch.size).toBe(0);
    watch.stop();
  });
});
