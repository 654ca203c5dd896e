import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What runs when a socket closes: one listener per socket, however many requests it carries. */
const onSocketClose = new WeakMap<Socket, Set<() => void>>();

/**
 * Calls `done` once, when the exchange of `req` and `res` is over, however it ends: the response
 * closed (sent, or its socket died while it was being written), or the request's socket closed
 * before the response ever reached it.
 *
 * The second case is why the response's `close` event alone is not enough. With HTTP/1.1
 * pipelining, Node's server queues each response behind the one being written on its socket and
 * gives it the socket only when its turn comes; if the socket dies first, the queued responses
 * never get a socket and never emit `close`. Whatever a request holds until its response closes
 * (an operation slot, a pending response-cache key) was then held for the life of the process.
 * `on-finished` (what Express uses) waits for the response's socket too, and so has the same gap.
 */
export function onExchangeEnd(req: IncomingMessage, res: ServerResponse, done: () => void): void {
  const socket = req.socket;
  let called = false;
  const end = () => {
    if (called) return;
    called = true;
    res.off('close', end);
    onSocketClose.get(socket)?.delete(end);
    done();
  };
  if (socket.destroyed) {
    queueMicrotask(end);
    return;
  }
  res.once('close', end);
  let waiting = onSocketClose.get(socket);
  if (!waiting) {
    const callbacks = new Set<() => void>();
    waiting = callbacks;
    onSocketClose.set(socket, callbacks);
    socket.once('close', () => {
      onSocketClose.delete(socket);
      for (const callback of [...callbacks]) callback();
    });
  }
  waiting.add(end);
}
