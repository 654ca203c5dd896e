import http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from './config';
import { onExchangeEnd } from './http-lifecycle';
import { requestErrorBody, sendRequestError } from './shared/errors';

/** Requests the server received and answered in its life, and connections cut at the deadline. */
export interface DrainReport {
  received: number;
  answered: number;
  destroyed: number;
}

/** What the connection ceilings refused so far, by ceiling. */
export interface ConnectionRefusals {
  pipelined: number;
  perClient: number;
}

/**
 * The HTTP server's connections: the ceilings on what one client may hold, the timeouts that end a
 * stalled one, and the drain that stops the server without breaking a request.
 *
 * Ceilings: a socket with MAX_PIPELINED_REQUESTS requests received and not yet answered gets 503
 * TOO_MANY_PIPELINED for the next one, in its turn, and is closed after it (its earlier answers
 * still go out); an address with MAX_CONNECTIONS_PER_CLIENT open sockets has the next one closed
 * at once, with a 503 it can read. Node's own `maxConnections` bounds the sockets in all, and its
 * `headersTimeout`, `requestTimeout`, `keepAliveTimeout` and `timeout` (idle) cut the rest;
 * `connectionsCheckingInterval` is kept below the headers' deadline so that one is kept to.
 *
 * Drain: it stops accepting connections, answers every request already received (with
 * `Connection: close`), gives a connection that was accepted but has not sent its request yet a
 * moment to send it, and only then closes what is left. Not `server.close()` alone (or Apollo's
 * drain plugin): since Node 19 it also closes "idle" connections at once, and a connection the
 * kernel just handed over, whose request is still on the wire, counts as idle.
 */
export class HttpConnections {
  readonly server: http.Server;
  /** Each open socket, with its requests received and not yet done. */
  private readonly active = new Map<Socket, number>();
  private readonly perAddress = new Map<string, number>();
  private draining = false;
  private readonly counts = { received: 0, answered: 0, destroyed: 0 };
  readonly refusals: ConnectionRefusals = { pipelined: 0, perClient: 0 };

  constructor(
    handler: http.RequestListener,
    private readonly limits: ConnectionLimits,
    /** The classes of the requests and responses the server makes (http-direct.ts: born with Express's methods). */
    classes: Pick<http.ServerOptions, 'IncomingMessage' | 'ServerResponse'> = {},
  ) {
    this.server = http.createServer(
      {
        ...classes,
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestBodyTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      },
      (req, res) => this.onRequest(req, res, handler),
    );
    this.server.maxConnections = limits.maxConnections;
    this.server.timeout = limits.socketIdleTimeoutMs;
    this.server.on('connection', (socket: Socket) => this.onConnection(socket));
  }

  /** Connections open now. */
  get open(): number {
    return this.active.size;
  }

  /** Sockets are counted by the address they come from: no request is read yet, so TRUST_PROXY cannot apply. */
  private onConnection(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.limits.maxPerClient) {
      this.refusals.perClient += 1;
      const body = requestErrorBody('TOO_MANY_CONNECTIONS', `Too many connections: this address has ${open} open (the most is ${this.limits.maxPerClient}); reuse them, or close some.`);
      socket.on('error', () => socket.destroy());
      socket.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`);
      socket.setTimeout(1_000, () => socket.destroy());
      return;
    }
    this.perAddress.set(address, open + 1);
    this.active.set(socket, 0);
    socket.once('close', () => {
      this.active.delete(socket);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse, handler: http.RequestListener): void {
    const socket = req.socket;
    const inFlight = (this.active.get(socket) ?? 0) + 1;
    this.active.set(socket, inFlight);
    this.counts.received += 1;
    if (this.draining) res.setHeader('connection', 'close');
    res.once('finish', () => {
      this.counts.answered += 1;
    });
    onExchangeEnd(req, res, () => {
      const left = (this.active.get(socket) ?? 1) - 1;
      if (!this.active.has(socket)) return;
      this.active.set(socket, left);
      if (this.draining && left === 0) socket.end();
    });
    if (inFlight > this.limits.maxPipelined) {
      this.refusals.pipelined += 1;
      res.shouldKeepAlive = false;
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '1');
      sendRequestError(
        res,
        503,
        'TOO_MANY_PIPELINED',
        `Too many requests pipelined on one connection: ${inFlight - 1} are waiting for their answers (the most is ${this.limits.maxPipelined}); this connection closes after this answer.`,
      );
      return;
    }
    handler(req, res);
  }

  /**
   * Drains within `deadlineMs`; connections with no request after `idleGraceMs` are closed,
   * and whatever is still open at the deadline is destroyed.
   */
  async drain(options: { idleGraceMs?: number; deadlineMs?: number } = {}): Promise<DrainReport> {
    const { idleGraceMs = 1000, deadlineMs = 10_000 } = options;
    this.draining = true;
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    const endIdle = () => {
      for (const [socket, requests] of this.active) if (requests === 0) socket.end();
    };
    const grace = setTimeout(endIdle, idleGraceMs);
    const deadline = setTimeout(() => {
      for (const socket of this.active.keys()) {
        this.counts.destroyed += 1;
        socket.destroy();
      }
    }, deadlineMs);
    await closed;
    clearTimeout(grace);
    clearTimeout(deadline);
    return { ...this.counts };
  }
}

/** Listens on `host`:`port`; resolves with the port actually bound (0 picks one). */
export function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
