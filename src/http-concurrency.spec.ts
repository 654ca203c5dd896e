import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { limitConcurrency } from './http-concurrency';

/** A response that records what was sent and emits `close` when told. */
function fakeResponse() {
  const res = new EventEmitter() as EventEmitter & { statusCode: number; headers: Record<string, string>; body: unknown };
  res.statusCode = 200;
  res.headers = {};
  Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    setHeader(name: string, value: string) {
      res.headers[name] = value;
      return res;
    },
    json(body: unknown) {
      res.body = body;
      res.emit('close');
      return res;
    },
  });
  return res;
}

function arrive(limit: ReturnType<typeof limitConcurrency>) {
  const res = fakeResponse();
  const started = { value: false };
  limit({} as Request, res as unknown as Response, () => {
    started.value = true;
  });
  return { res, started, close: () => res.emit('close') };
}

describe('limitConcurrency', () => {
  it('runs at most `max` at once and starts the waiting in order as others close', () => {
    const limit = limitConcurrency({ max: 2, maxQueued: 10 });
    const [a, b, c, d] = [arrive(limit), arrive(limit), arrive(limit), arrive(limit)];
    expect([a, b, c, d].map((r) => r.started.value)).toEqual([true, true, false, false]);
    expect(limit.stats).toEqual({ active: 2, queued: 2 });
    b.close();
    expect([c, d].map((r) => r.started.value)).toEqual([true, false]);
    a.close();
    expect(d.started.value).toBe(true);
    expect(limit.stats).toEqual({ active: 2, queued: 0 });
    c.close();
    d.close();
    d.close();
    expect(limit.stats).toEqual({ active: 0, queued: 0 });
  });

  it('drops a waiting request whose client went away, without giving it a slot', () => {
    const limit = limitConcurrency({ max: 1, maxQueued: 10 });
    const first = arrive(limit);
    const gone = arrive(limit);
    const next = arrive(limit);
    gone.close();
    expect(limit.stats).toEqual({ active: 1, queued: 1 });
    first.close();
    expect(gone.started.value).toBe(false);
    expect(next.started.value).toBe(true);
    expect(limit.stats).toEqual({ active: 1, queued: 0 });
  });

  it('refuses with 503 SERVER_BUSY when the queue is full, and says how busy', () => {
    const limit = limitConcurrency({ max: 1, maxQueued: 1 });
    arrive(limit);
    arrive(limit);
    const refused = arrive(limit);
    expect(refused.started.value).toBe(false);
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers['retry-after']).toBe('1');
    expect(refused.res.body).toEqual({
      errors: [{ message: expect.stringMatching(/^The server is busy: 1 operations are running and 1 waiting/), extensions: { code: 'SERVER_BUSY' } }],
    });
    expect(limit.stats).toEqual({ active: 1, queued: 1 });
  });
});
