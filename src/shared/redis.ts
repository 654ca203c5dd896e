import Redis from 'ioredis';

/**
 * A connection to Redis for a store the API can do without for a while (the rate-limit windows,
 * the automatic persisted queries): commands fail at once while it is down (no offline queue, no
 * retry of a command) instead of holding requests, and it reconnects in the background.
 */
export function connectRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on('error', onError);
  return redis;
}

/** Whether Redis answers a PING now (for /readyz). */
export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
