import { type CachedAnswer, EVERY_CHANGE, MemoryCacheStore } from './cache-store';

const answer = (data: string): CachedAnswer => ({ data: Buffer.from(data), cost: 1, operation: 'Op', contentType: 'application/json', cacheControl: 'public, max-age=60', storedAt: 0, cacheTag: '', etag: '"e"' });

describe('MemoryCacheStore', () => {
  const clock = { now: () => now };
  // Not 0: lru-cache takes a start time of 0 for "no TTL".
  let now = 1_000_000;

  it('purges exactly the entries holding a tag given, and EVERY_CHANGE with any purge', async () => {
    const store = new MemoryCacheStore({ maxBytes: 1 << 20, clock });
    const { generation } = await store.lookup('a');
    await store.set('a', answer('"a"'), ['Rm9ydW06YQ', 'U2Vzc2lvbjox'], 60_000, generation);
    await store.set('b', answer('"b"'), ['Rm9ydW06Qg'], 60_000, generation);
    await store.set('lists', answer('"l"'), ['list:Forum'], 60_000, generation);
    await store.set('search', answer('"s"'), [EVERY_CHANGE], 60_000, generation);
    expect(await store.purge(['U2Vzc2lvbjox', 'list:Session'])).toBe(2);
    expect((await store.lookup('a')).entry).toBeUndefined();
    expect((await store.lookup('search')).entry).toBeUndefined();
    expect((await store.lookup('b')).entry?.data.toString()).toBe('"b"');
    expect(await store.purge(['list:Forum'])).toBe(1);
    expect((await store.lookup('b')).entry).toBeDefined();
    // The index lets go of the tags of the entries gone.
    expect(store.indexedTags).toBe(1);
  });

  it('does not keep an answer looked up before a purge; its index follows evictions and expiry', async () => {
    const store = new MemoryCacheStore({ maxBytes: 1_000, clock });
    const before = (await store.lookup('x')).generation;
    await store.purge(['anything']);
    await store.set('x', answer('"x"'), ['t'], 60_000, before);
    expect((await store.lookup('x')).entry).toBeUndefined();
    const { generation } = await store.lookup('x');
    // Each about 500 bytes: two fit, the third evicts the first, whose tag leaves the index.
    for (const key of ['p', 'q', 'r']) await store.set(key, answer('"'.padEnd(290, 'y') + '"'), [`tag-${key}`], 60_000, generation);
    expect((await store.lookup('p')).entry).toBeUndefined();
    expect((await store.lookup('q')).entry).toBeDefined();
    expect(store.indexedTags).toBe(2);
    now += 61_000;
    expect((await store.lookup('q')).entry).toBeUndefined();
    expect((await store.lookup('r')).entry).toBeUndefined();
    expect(store.indexedTags).toBe(0);
  });
});
