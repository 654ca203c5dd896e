import type http from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

/** Requests the server received and answered in its life, and connections cut at the deadline. */
export interface DrainReport {
  received: number;
  answered: number;
  destroyed: number;
}

/**
 * Stops an HTTP server without breaking a request: it stops accepting connections, answers every
 * request already received (with `Connection: close`), gives a connection that was accepted but
 * has not sent its request yet a moment to send it, and only then closes what is left.
 *
 * Why not `server.close()` alone (or Apollo's drain plugin): since Node 19 it also closes "idle"
 * connections at once, and a connection the kernel just handed over, whose request is still on
 * the wire, counts as idle: its client sees ECONNRESET for a request it had sent.
 */
export class HttpDrain {
  private readonly active = new Map<Socket, number>();
  private draining = false;
  private readonly counts = { received: 0, answered: 0, destroyed: 0 };

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: Socket) => {
      this.active.set(socket, 0);
      socket.once('close', () => this.active.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const socket = req.socket;
      this.active.set(socket, (this.active.get(socket) ?? 0) + 1);
      this.counts.received += 1;
      if (this.draining) res.setHeader('connection', 'close');
      res.once('finish', () => {
        this.counts.answered += 1;
      });
      res.once('close', () => {
        const left = (this.active.get(socket) ?? 1) - 1;
        this.active.set(socket, left);
        if (this.draining && left === 0) socket.end();
      });
    });
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
