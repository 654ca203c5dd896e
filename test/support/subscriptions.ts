import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient, type Client as SseClient } from 'graphql-sse';
import WebSocket from 'ws';
import type { Server } from '../../src/server';

/*
 * Real clients of the subscriptions: graphql-ws over `ws`, graphql-sse over fetch. Each
 * subscription's events land in a Feed, which a test awaits until what it needs has come
 * (a generous deadline, never a timing assertion).
 */

/** What one subscription has received so far, and how it ended. */
export interface Feed<T = any> {
  events: T[];
  /** The errors of an `error` message or a refused stream; the close event of a closed socket. */
  error: unknown;
  done: boolean;
  /** Resolves once `ready(events)` holds (or the subscription ended); fails after `ms`. */
  until(ready: (events: T[]) => boolean, ms?: number): Promise<T[]>;
  stop(): void;
}

function feedOf<T>(): Feed<T> & { push(event: T): void; end(error?: unknown): void; onStop(stop: () => void): void } {
  const waiters = new Set<() => void>();
  let stopper: () => void = () => undefined;
  const feed = {
    events: [] as T[],
    error: undefined as unknown,
    done: false,
    push(event: T) {
      feed.events.push(event);
      for (const waiter of waiters) waiter();
    },
    end(error?: unknown) {
      feed.error = error;
      feed.done = true;
      for (const waiter of waiters) waiter();
    },
    onStop(stop: () => void) {
      stopper = stop;
    },
    stop: () => stopper(),
    until(ready: (events: T[]) => boolean, ms = 10_000): Promise<T[]> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!ready(feed.events) && !feed.done) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(feed.events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected the subscription's events to be ready within ${ms} ms; received ${JSON.stringify(feed.events).slice(0, 2000)} (error: ${String(feed.error)})`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
  };
  return feed;
}

/** A graphql-ws client of the server at `url` (http://.../graphql), without retries; `headers` go on its upgrade request. */
export function wsClient(url: string, token?: string, options: { closed?: (event: unknown) => void; headers?: Record<string, string> } = {}): WsClient {
  const { headers, closed } = options;
  return createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(address: string | URL, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
      : WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: { closed },
  });
}

/** A graphql-sse client (distinct connections) of the server at `url`, without retries. */
export function sseClient(url: string, headers: Record<string, string> = {}): SseClient {
  return createSseClient({ url, fetchFn: fetch, headers, retryAttempts: 0 });
}

/** Subscribes with either client; each `next` payload lands in the feed. */
export function subscribe<T = any>(client: WsClient | SseClient, query: string, variables: Record<string, unknown> = {}): Feed<T> {
  const feed = feedOf<T>();
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => feed.push(value as T),
      error: (error) => feed.end(error),
      complete: () => feed.end(),
    },
  );
  feed.onStop(stop);
  return feed;
}

/** The events an SSE GET stream sends (each `id`, `event` and `data`), read raw, until `count` `next` events came. */
export async function rawEventStream(url: string, headers: Record<string, string>, count: number, ms = 10_000): Promise<{ status: number; events: { id: string | null; event: string; data: string }[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const events: { id: string | null; event: string; data: string }[] = [];
    if (!response.body || !/event-stream/.test(response.headers.get('content-type') ?? '')) return { status: response.status, events };
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? null;
        if (field('event')) events.push({ id: field('id'), event: field('event')!, data: field('data') ?? '' });
      }
      if (events.filter((event) => event.event === 'next').length >= count) break;
    }
    return { status: response.status, events };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** A WebSocket speaking graphql-transport-ws by hand: what a client that misbehaves does (stops reading, vanishes). */
export interface ProtocolSocket {
  socket: WebSocket;
  /** Every message received, parsed, in order. */
  messages: any[];
  /** Resolves once `ready(messages)` holds (or the socket closed); fails after `ms`. */
  until(ready: (messages: any[]) => boolean, ms?: number): Promise<any[]>;
  send(message: Record<string, unknown>): void;
  /** The close code and reason, once closed. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a WebSocket to `url` (http://.../graphql) and completes connection_init (with the token, if any). */
export async function protocolSocket(url: string, token?: string): Promise<ProtocolSocket> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: any[] = [];
  const waiters = new Set<() => void>();
  let done = false;
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const waiter of waiters) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => {
      done = true;
      for (const waiter of waiters) waiter();
      resolve({ code, reason: String(reason) });
    }),
  );
  socket.on('error', () => undefined);
  const until = (ready: (messages: any[]) => boolean, ms = 10_000) =>
    new Promise<any[]>((resolve, reject) => {
      const check = () => {
        if (!ready(messages) && !done) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(messages);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`expected the socket's messages to be ready within ${ms} ms; received ${messages.length}: ${JSON.stringify(messages).slice(0, 1000)}`));
      }, ms);
      waiters.add(check);
      check();
    });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`expected the upgrade to be accepted; received ${response.statusCode}`)));
  });
  const send = (message: Record<string, unknown>) => socket.send(JSON.stringify(message));
  send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
  await until((received) => received.some((message) => message.type === 'connection_ack'));
  if (!messages.some((message) => message.type === 'connection_ack')) throw new Error(`expected connection_ack; received ${JSON.stringify(messages)} and the close ${JSON.stringify(await closed)}`);
  return { socket, messages, until, send, closed };
}

/** The answer to a WebSocket upgrade of `url` that the server refuses: its status and JSON body. */
export function refusedUpgrade(url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.on('error', () => undefined);
    socket.once('open', () => {
      socket.terminate();
      reject(new Error('expected the upgrade to be refused; received 101 Switching Protocols'));
    });
    socket.once('unexpected-response', (request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      });
    });
  });
}

/**
 * Until the change feed of `server` holds exactly `count` subscribers. A subscriber without a
 * cursor starts at the feed's position when it registers, so a change committed before that is
 * not its own: a test waits for 0 (the previous test's clients gone), subscribes, waits for its
 * count, and only then writes.
 */
export async function untilSubscribed(server: Server, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && server.subscriptions!.open().subscribers !== count) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(server.subscriptions!.open().subscribers).toBe(count);
}
