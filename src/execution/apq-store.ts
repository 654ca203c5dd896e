import type { PersistedQueryOptions } from '@apollo/server';
import type Redis from 'ioredis';
import { connectRedis, redisAnswers, throttled } from '../shared/redis';

/** Apollo's KeyValueCache of query texts, as @apollo/server names it (its package is not a dependency of ours). */
type QueryTextCache = NonNullable<PersistedQueryOptions['cache']>;
type SetOptions = Parameters<QueryTextCache['set']>[2];

/** The settings of the automatic persisted queries kept in Redis. */
export interface RedisApqOptions {
  /** Put before every key (Apollo adds `apq:` after it): instances that share queries share it; tests take their own. */
  prefix: string;
  /** How long a registered query is kept, in seconds, unless Apollo says otherwise per query. */
  ttlSeconds: number;
  /** Told when Redis does not answer: the query is then a miss (or not kept), and the request goes on. */
  onError: (error: Error) => void;
}

/**
 * Apollo's store of automatic persisted queries (a KeyValueCache) in Redis, so every instance
 * answers a hash any of them was sent the text of. Written here over ioredis rather than with
 * @apollo/utils.keyvadapter and @keyv/redis, which are not dependencies: three commands (GET,
 * SET with EX, DEL) on the connection the rate limiter already uses the settings of.
 *
 * Redis is an optimisation here: when it does not answer, a read is a miss (the client is told
 * PERSISTED_QUERY_NOT_FOUND and sends the text, as after an eviction) and a write is dropped;
 * neither fails the request.
 */
export class RedisApqStore implements QueryTextCache {
  private readonly redis: Redis;
  /** An outage fails every command and reconnection: onError hears of it once per REDIS_ERROR_EVERY_MS. */
  private readonly tell: (error: Error) => void;

  constructor(
    url: string,
    private readonly options: RedisApqOptions,
  ) {
    this.tell = throttled((_suppressed, error: Error) => options.onError(error));
    this.redis = connectRedis(url, (error) => this.tell(error));
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(this.options.prefix + key)) ?? undefined;
    } catch (error) {
      this.tell(error as Error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: SetOptions): Promise<void> {
    const ttl = options?.ttl === null ? null : Math.max(1, Math.round(options?.ttl ?? this.options.ttlSeconds));
    try {
      if (ttl === null) await this.redis.set(this.options.prefix + key, value);
      else await this.redis.set(this.options.prefix + key, value, 'EX', ttl);
    } catch (error) {
      this.tell(error as Error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.redis.del(this.options.prefix + key)) > 0;
    } catch (error) {
      this.tell(error as Error);
      return false;
    }
  }

  /** Whether Redis answers (for /readyz). */
  ready(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
