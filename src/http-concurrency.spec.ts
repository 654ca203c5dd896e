import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { limitConcurrency } from './http-concurrency';

/** A socket that closes when told. */
function fakeSocket() {
  return Object.assign(new EventEmitter(), { destroyed: false });
}

/** A response that records what was sent; `end` completes it, `close` is emitted when told. */
function fakeResponse() {
  const res = new EventEmitter() as EventEmitter & { statusCode: number; headers: Record<string, unknown>; body: unknown; end: (body?: string) => void };
  res.statusCode = 200;
  res.headers = {};
  Object.assign(res, {
    setHeader(name: string, value: unknown) {
      res.headers[name] = value;
      return res;
    },
    end(body?: string) {
      if (body !== undefined) res.body = JSON.parse(body);
      return res;
    },
  });
  return res;
}

function arrive(limit: ReturnType<typeof limitConcurrency>, socket = fakeSocket()) {
  const res = fakeResponse();
  const started = { value: false };
  limit({ socket } as unknown as Request, res as unknown as Response, () => {
    started.value = true;
  });
  return { res, socket, started, close: () => res.emit('close'), answer: () => res.end('{}') };
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

  it('frees the slot when the answer is complete, before a slow client has read it', () => {
    const limit = limitConcurrency({ max: 1, maxQueued: 10 });
    const first = arrive(limit);
    const second = arrive(limit);
    first.answer();
    expect(second.started.value).toBe(true);
    expect(limit.stats).toEqual({ active: 1, queued: 0 });
    first.close();
    expect(limit.stats).toEqual({ active: 1, queued: 0 });
  });

  it('frees the slots of pipelined requests whose socket closed before their responses closed', () => {
    const limit = limitConcurrency({ max: 2, maxQueued: 10 });
    const socket = fakeSocket();
    const pipelined = [arrive(limit, socket), arrive(limit, socket), arrive(limit, socket)];
    expect(limit.stats).toEqual({ active: 2, queued: 1 });
    // Node never emits `close` on a response queued behind another on a socket that died.
    socket.destroyed = true;
    socket.emit('close');
    expect(limit.stats).toEqual({ active: 0, queued: 0 });
    expect(pipelined[2].started.value).toBe(false);
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

  it('says how long every slot has been taken with none freed', () => {
    let now = 1_000;
    const limit = limitConcurrency({ max: 2, maxQueued: 10, clock: { now: () => now } });
    const a = arrive(limit);
    now += 5_000;
    expect(limit.fullFor()).toBe(0);
    arrive(limit);
    arrive(limit);
    now += 7_000;
    expect(limit.fullFor()).toBe(7_000);
    a.answer();
    expect(limit.fullFor()).toBe(0);
    now += 3_000;
    expect(limit.fullFor()).toBe(3_000);
  });
});
