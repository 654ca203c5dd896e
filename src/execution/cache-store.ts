import { LRUCache } from 'lru-cache';
import type { Clock } from '../shared/clock';

/** One cached answer: the JSON of its `data`, and what a hit needs to answer as Apollo did. */
export interface CachedAnswer {
  data: Buffer;
  /** The operation's cost, charged to the client's rate-limit window on every hit. */
  cost: number;
  operation: string;
  contentType: string;
  /** The answer's `cache-control` as the miss said it (a hit says it again, with `age`). */
  cacheControl: string;
  storedAt: number;
  /** The answer's Cache-Tag (cdn-headers.ts): the same data, the same tags. */
  cacheTag: string;
  /** The strong ETag of the bytes a hit sends (the same for every hit: data and extensions alike). */
  etag: string;
}

/** What a lookup found, and the purges seen so far (`generation`): an answer computed before a later purge is not kept. */
export interface Lookup {
  entry: CachedAnswer | undefined;
  generation: string;
}

/**
 * Where the response cache keeps its answers: in memory (one process) or in Redis (shared by the
 * instances). Every entry is indexed by its tags; `purge` drops exactly the entries holding any
 * of the tags given. A store never throws: a failure is a miss (or an answer not kept).
 */
export interface CacheStore {
  lookup(key: string): Promise<Lookup>;
  /** Keeps `entry` for `ttlMs` under `tags`, unless a purge came after the lookup that saw `generation`. */
  set(key: string, entry: CachedAnswer, tags: readonly string[], ttlMs: number, generation: string): Promise<void>;
  /** Drops the entries indexed under any of `tags`; resolves with how many went (where known). */
  purge(tags: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

/** The tag under which every entry whose tags do not name all it depends on is kept: every purge drops it. */
export const EVERY_CHANGE = '*';

interface MemoryEntry {
  answer: CachedAnswer;
  tags: readonly string[];
}

/**
 * The store of one process: a least-recently-used map bounded by bytes, and the index tag → keys,
 * kept as entries come and go (an entry evicted or expired leaves the index by the LRU's dispose).
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, MemoryEntry>;
  private readonly byTag = new Map<string, Set<string>>();
  private generation = 0;

  constructor(options: { maxBytes: number; clock: Clock }) {
    this.entries = new LRUCache<string, MemoryEntry>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry, key) => entry.answer.data.length + key.length + entry.answer.cacheTag.length + 200,
      // The entries expire by the clock their `age` is told by.
      perf: options.clock,
      // Read the clock at every look-up (its default keeps the time of the last millisecond's timer).
      ttlResolution: 0,
      dispose: (entry, key) => this.unindex(key, entry.tags),
    });
  }

  async lookup(key: string): Promise<Lookup> {
    return { entry: this.entries.get(key)?.answer, generation: String(this.generation) };
  }

  async set(key: string, answer: CachedAnswer, tags: readonly string[], ttlMs: number, generation: string): Promise<void> {
    if (generation !== String(this.generation)) return;
    this.entries.set(key, { answer, tags }, { ttl: ttlMs });
    // Too large for the store: set dropped it (and disposed of nothing indexed).
    if (!this.entries.has(key)) return;
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  async purge(tags: readonly string[]): Promise<number> {
    this.generation += 1;
    const keys = new Set<string>();
    for (const tag of [...tags, EVERY_CHANGE]) for (const key of this.byTag.get(tag) ?? []) keys.add(key);
    // delete disposes of each entry, which takes it out of the index.
    for (const key of keys) this.entries.delete(key);
    return keys.size;
  }

  /** How many tags the index holds (for tests: it shrinks as entries go). */
  get indexedTags(): number {
    return this.byTag.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }
}
