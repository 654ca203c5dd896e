import type Redis from 'ioredis';
import { connectRedis } from '../shared/redis';
import { type CacheStore, type CachedAnswer, EVERY_CHANGE, type Lookup } from './cache-store';

/**
 * Keeps `KEYS[1]` (an entry) for `ARGV[2]` ms and adds it to the sets of its tags (`KEYS[3..]`),
 * unless the purge count (`KEYS[2]`) moved since the lookup that saw `ARGV[3]`. A tag's set lives
 * as long as the longest entry in it (PTTL is -1 for a set made by this very SADD).
 */
const SET_SCRIPT = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 1`;

/** Counts a purge (`KEYS[1]`), then unlinks every entry in the sets of the tags (`KEYS[2..]`), and the sets. */
const PURGE_SCRIPT = `
redis.call('INCR', KEYS[1])
local dropped = 0
for i = 2, #KEYS do
  for _, key in ipairs(redis.call('SMEMBERS', KEYS[i])) do dropped = dropped + redis.call('UNLINK', key) end
  redis.call('UNLINK', KEYS[i])
end
return dropped`;

interface Scripts {
  keepTagged(numberOfKeys: number, ...args: (string | Buffer | number)[]): Promise<number>;
  purgeTags(numberOfKeys: number, ...args: string[]): Promise<number>;
}

/**
 * The response cache's answers in Redis (REDIS_URL), shared by every instance: a publish on one
 * drops the answers the others stored. Under `prefix`: `e:<key>` an entry (its metadata as JSON,
 * a newline, the bytes of its data) with the answer's TTL; `t:<tag>` the set of the entries
 * holding the tag; `purges` the count of purges. A purge reads the sets of its tags (SMEMBERS)
 * and unlinks what they name, in one script; the keyspace is never scanned. Each script is
 * atomic, so an answer computed before a purge is never kept after it. Redis down or slow: a
 * lookup is a miss, an answer is not kept, a purge is lost (the entries then live out their TTL),
 * each reported to `onError`; no request fails for it.
 */
export class RedisCacheStore implements CacheStore {
  private readonly redis: Redis & Scripts;

  constructor(
    url: string,
    private readonly options: { prefix: string; onError(error: Error, doing: string): void },
  ) {
    // Its connection's own errors repeat while it retries: reported where a command fails instead.
    this.redis = connectRedis(url, () => undefined, { commandTimeoutMs: 1000 }) as Redis & Scripts;
    this.redis.defineCommand('keepTagged', { lua: SET_SCRIPT });
    this.redis.defineCommand('purgeTags', { lua: PURGE_SCRIPT });
  }

  async lookup(key: string): Promise<Lookup> {
    try {
      const results = await this.redis.pipeline().getBuffer(this.entryKey(key)).get(this.purgesKey).exec();
      const [[entryError, raw], [countError, count]] = results ?? [[null, null], [null, null]];
      if (entryError || countError) throw entryError ?? countError;
      return { entry: raw ? decode(raw as Buffer) : undefined, generation: String(count ?? '0') };
    } catch (error) {
      this.options.onError(error as Error, 'lookup');
      // No generation matches this one: the answer of this miss is not kept either.
      return { entry: undefined, generation: 'unavailable' };
    }
  }

  async set(key: string, entry: CachedAnswer, tags: readonly string[], ttlMs: number, generation: string): Promise<void> {
    if (generation === 'unavailable') return;
    const keys = [this.entryKey(key), this.purgesKey, ...tags.map((tag) => this.tagKey(tag))];
    try {
      await this.redis.keepTagged(keys.length, ...keys, encode(entry), Math.max(1, Math.round(ttlMs)), generation);
    } catch (error) {
      this.options.onError(error as Error, 'set');
    }
  }

  async purge(tags: readonly string[]): Promise<number> {
    const keys = [this.purgesKey, ...[...tags, EVERY_CHANGE].map((tag) => this.tagKey(tag))];
    try {
      return await this.redis.purgeTags(keys.length, ...keys);
    } catch (error) {
      this.options.onError(error as Error, 'purge');
      return 0;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private get purgesKey(): string {
    return `${this.options.prefix}purges`;
  }

  private entryKey(key: string): string {
    return `${this.options.prefix}e:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.options.prefix}t:${tag}`;
  }
}

type Metadata = Omit<CachedAnswer, 'data'>;

function encode(entry: CachedAnswer): Buffer {
  const { data, ...metadata } = entry;
  return Buffer.concat([Buffer.from(`${JSON.stringify(metadata satisfies Metadata)}\n`), data]);
}

function decode(raw: Buffer): CachedAnswer | undefined {
  const newline = raw.indexOf(0x0a);
  if (newline < 0) return undefined;
  const metadata = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Metadata;
  return { ...metadata, data: raw.subarray(newline + 1) };
}
