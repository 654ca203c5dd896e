import type { Database } from '../db/data-source';
import { CacheFollower } from './cache-follower';

/** An outbox row as the drafts' database returns it. */
const row = (id: number, stage: 'PUBLISHED' | 'DRAFT', tags: string[]) => ({ id, node_type: 'Forum', node_id: `f${id}`, global_id: `g${id}`, action: 'UPDATE', version: 1, stage, at: '2030-01-01T00:00:00.000Z', tags: JSON.stringify(tags) });

/** A drafts' database holding `rows` in its outbox; `failNext` makes the next read throw. */
function outbox(rows: ReturnType<typeof row>[]) {
  const state = { failNext: false, reads: [] as unknown[][] };
  const drafts = {
    async read(sql: string, params: unknown[]) {
      if (sql.includes('MAX(id)')) return [{ id: rows.length === 0 ? null : Math.max(...rows.map((r) => r.id)) }];
      state.reads.push(params);
      if (state.failNext) {
        state.failNext = false;
        throw new Error('SQLITE_BUSY: database is locked');
      }
      const [after, limit] = params as [number, number];
      return rows.filter((r) => r.id > after).slice(0, limit);
    },
  } as unknown as Database;
  return { drafts, rows, state };
}

describe('CacheFollower', () => {
  it('starts at the newest row, then purges the tags of the PUBLISHED rows after it, one purge per page', async () => {
    const { drafts, rows, state } = outbox([row(1, 'PUBLISHED', ['old'])]);
    const purged: string[][] = [];
    const follower = new CacheFollower({ drafts, purge: async (tags) => (purged.push([...tags]), 0), pollMs: 3_600_000, batch: 2, onError: (error) => { throw error; } });
    await follower.start();
    expect(follower.position).toBe(1);
    rows.push(row(2, 'PUBLISHED', ['a', 'list:Forum']), row(3, 'DRAFT', ['draft-only']), row(4, 'DRAFT', ['draft-only']), row(5, 'PUBLISHED', ['b', 'list:Forum']));
    await follower.wake();
    // Pages of two: [2, 3] purges a's tags; [4, 5] b's; the empty page after ends the read.
    expect(purged).toEqual([['a', 'list:Forum'], ['b', 'list:Forum']]);
    expect(state.reads).toEqual([[1, 2], [3, 2], [5, 2]]);
    expect(follower.position).toBe(5);
    expect(follower.stats).toEqual({ rows: 4, purges: 2, skipped: 0 });
    await follower.stop();
  });

  it('skips the rows this process purged already, and only those, forgetting each once the cursor passes it', async () => {
    const { drafts, rows } = outbox([row(1, 'PUBLISHED', ['old'])]);
    const purged: string[][] = [];
    const follower = new CacheFollower({ drafts, purge: async (tags) => (purged.push([...tags]), 0), pollMs: 3_600_000, onError: (error) => { throw error; } });
    await follower.start();
    // Row 1 is behind the cursor: told, it is not held.
    follower.ownRows([1, 2, 3]);
    rows.push(row(2, 'PUBLISHED', ['own']), row(3, 'PUBLISHED', ['own too']), row(4, 'PUBLISHED', ['another process']));
    await follower.wake();
    expect(purged).toEqual([['another process']]);
    expect(follower.stats).toEqual({ rows: 3, purges: 1, skipped: 2 });
    // A page of this process's rows only purges nothing.
    follower.ownRows([5]);
    rows.push(row(5, 'PUBLISHED', ['own']));
    await follower.wake();
    expect(purged).toEqual([['another process']]);
    expect(follower.stats).toEqual({ rows: 4, purges: 1, skipped: 3 });
    // Ids the cursor passed are not held: told late (a read came first), they skip nothing.
    follower.ownRows([2, 5]);
    rows.push(row(6, 'PUBLISHED', ['later']));
    await follower.wake();
    expect(purged).toEqual([['another process'], ['later']]);
    expect(follower.stats).toEqual({ rows: 5, purges: 2, skipped: 3 });
    await follower.stop();
  });

  it('reads drafts only without purging', async () => {
    const { drafts, rows } = outbox([]);
    const purged: string[][] = [];
    const follower = new CacheFollower({ drafts, purge: async (tags) => (purged.push([...tags]), 0), pollMs: 3_600_000, onError: (error) => { throw error; } });
    await follower.start();
    expect(follower.position).toBe(0);
    rows.push(row(1, 'DRAFT', ['x']));
    await follower.wake();
    expect(purged).toEqual([]);
    expect(follower.position).toBe(1);
    await follower.stop();
  });

  it('reports a failed read and retries it from the same cursor at the next wake', async () => {
    const { drafts, rows, state } = outbox([]);
    const purged: string[][] = [];
    const errors: string[] = [];
    const follower = new CacheFollower({ drafts, purge: async (tags) => (purged.push([...tags]), 0), pollMs: 3_600_000, onError: (error) => errors.push((error as Error).message) });
    await follower.start();
    rows.push(row(1, 'PUBLISHED', ['a']));
    state.failNext = true;
    await follower.wake();
    expect(errors).toEqual(['SQLITE_BUSY: database is locked']);
    expect(purged).toEqual([]);
    expect(follower.position).toBe(0);
    await follower.wake();
    expect(purged).toEqual([['a']]);
    expect(follower.position).toBe(1);
    await follower.stop();
  });

  it('reads nothing once stopped', async () => {
    const { drafts, rows, state } = outbox([]);
    const follower = new CacheFollower({ drafts, purge: async () => 0, pollMs: 3_600_000, onError: (error) => { throw error; } });
    await follower.start();
    await follower.stop();
    rows.push(row(1, 'PUBLISHED', ['a']));
    await follower.wake();
    expect(state.reads).toEqual([]);
  });
});
