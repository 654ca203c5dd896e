import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { CloseCode, type Context as WsContext, handleProtocols, makeServer } from 'graphql-ws';
import type { GraphQLError } from 'graphql';
import { WebSocket, WebSocketServer } from 'ws';
import type { Viewer } from '../modules/auth/auth.roles';
import { bearerToken } from '../http-auth';
import { addressClient } from '../http-client';
import { requestErrorBody } from '../shared/errors';
import { type SubscriptionGate, prepareSubscription, refusalError } from './operation';
import type { TokenWatch } from './token-watch';

/*
 * graphql-ws (the graphql-transport-ws protocol) on the HTTP server's own port and path: an
 * upgrade of /graphql is handed to a `ws` server (noServer), and graphql-ws's protocol runs on
 * it (graphql-ws's makeServer; its use/ws glue is not reachable under this project's module
 * resolution, and this one is the same glue with the server's caps and close reasons).
 *
 * - The token travels in the connection_init payload, `{ authorization: "Bearer <token>" }`,
 *   checked as the HTTP Authorization header is; a bad one closes the connection with 4403 and
 *   the reason. None: an anonymous reader. The connection holds its token in the TokenWatch
 *   from then on: revoked, it is closed with 4403 before it is sent another change, and a
 *   subscribe looks the token up again.
 * - Each subscribe goes through prepareSubscription: the limits of a query, its cost charged to
 *   the client's window. Only subscriptions run: queries and mutations are refused
 *   (SUBSCRIPTION_REQUIRED) and belong to HTTP POST.
 * - An anonymous connection is counted against its address as HTTP requests are (addressClient:
 *   X-Forwarded-For of the upgrade through TRUST_PROXY's proxies, else the socket's).
 * - SUBSCRIPTIONS_PER_CONNECTION subscriptions at once per connection (TOO_MANY_SUBSCRIPTIONS);
 *   MAX_SUBSCRIPTION_CONNECTIONS connections in all, past which an upgrade is answered 503.
 * - close(): every connection closed with 1001 Going Away (clients reconnect, with their cursor, to another instance).
 */

export interface WebSocketOptions {
  httpServer: http.Server;
  path: string;
  gate: SubscriptionGate;
  /** The viewer of a bearer token: null for one unknown or revoked. */
  lookup(token: string): Promise<Viewer | null>;
  /** Where a connection holds the token it was opened with, for as long as it is open. */
  watch: TokenWatch;
  /** WebSocket connections and SSE streams in all (MAX_SUBSCRIPTION_CONNECTIONS). */
  maxConnections: number;
  /** The SSE streams open now, which count against maxConnections too. */
  otherConnections: () => number;
  perConnection: number;
  /** The largest message a client may send, in bytes. */
  maxPayload: number;
  /** Ping every this long; a client that does not answer by the next one is cut. */
  keepAliveMs?: number;
  onError?: (error: unknown) => void;
}

interface Extra {
  socket: WebSocket;
  request: http.IncomingMessage;
  viewer: Viewer | null;
  client: string;
  /** The bearer token of connection_init; null for an anonymous connection. */
  token: string | null;
  /** Releases the token from the watch; null until one is held. */
  release: (() => void) | null;
  /** Set once the token is found revoked: nothing more is sent. */
  revoked: boolean;
}

/** The close reason of a connection whose token was revoked while it was open. */
export const REVOKED_REASON = 'Forbidden: expected a live token; received one revoked while this connection was open';

export interface WebSocketSubscriptions {
  /** Connections open now. */
  readonly open: number;
  close(): Promise<void>;
}

/** Close reasons are at most 123 bytes (RFC 6455). */
function reason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}

export function subscriptionsOverWebSocket(options: WebSocketOptions): WebSocketSubscriptions {
  const { gate, perConnection } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, handleProtocols });
  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    onConnect: async (ctx) => {
      const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
      if (header === undefined || header === null) return true;
      const token = typeof header === 'string' ? bearerToken(header) : null;
      if (!token) {
        ctx.extra.socket.close(CloseCode.Forbidden, reason('Forbidden: expected connectionParams.authorization "Bearer <token>"; received another form'));
        return false;
      }
      const viewer = await options.lookup(token);
      if (!viewer) {
        ctx.extra.socket.close(CloseCode.Forbidden, reason('Forbidden: expected a live token; received one unknown or revoked'));
        return false;
      }
      // Closed while the token was looked up: there is nothing to hold it for.
      if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false;
      const extra = ctx.extra;
      extra.viewer = viewer;
      extra.client = `token:${viewer.name}`;
      extra.token = token;
      extra.release = options.watch.hold(viewer.name, () => revoke(extra));
      return true;
    },
    onSubscribe: async (ctx: WsContext<Record<string, unknown> | undefined, Extra>, _id, payload) => {
      if (ctx.extra.token !== null && !(await options.lookup(ctx.extra.token))) {
        revoke(ctx.extra);
        return [refusalError('UNAUTHENTICATED', `${REVOKED_REASON}.`)];
      }
      // graphql-ws has reserved this one's place already.
      const open = Object.keys(ctx.subscriptions).length;
      if (open > perConnection) {
        return [refusalError('TOO_MANY_SUBSCRIPTIONS', `Too many subscriptions on one connection: expected at most ${perConnection} at once (SUBSCRIPTIONS_PER_CONNECTION); received one more. Complete some, or open another connection.`, { limit: perConnection })];
      }
      const prepared = await prepareSubscription(gate, {
        query: payload.query,
        variables: payload.variables,
        operationName: payload.operationName,
        viewer: ctx.extra.viewer,
        client: ctx.extra.client,
        requestId: randomUUID(),
      });
      if (prepared.refusal) return prepared.refusal.errors as readonly GraphQLError[];
      return prepared.args;
    },
  });

  const revoke = (extra: Extra) => {
    extra.revoked = true;
    extra.socket.close(CloseCode.Forbidden, REVOKED_REASON);
  };

  const upgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.path) {
      socket.end(httpRefusal(404, 'NOT_FOUND', `WebSocket: expected an upgrade of ${options.path}; received one of ${path}.`));
      return;
    }
    if (wss.clients.size + options.otherConnections() >= options.maxConnections) {
      socket.end(httpRefusal(503, 'TOO_MANY_CONNECTIONS', `Too many subscription connections: expected at most ${options.maxConnections} WebSockets and streams together (MAX_SUBSCRIPTION_CONNECTIONS); received one more. Retry later.`));
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => connected(ws, request));
  };
  options.httpServer.on('upgrade', upgrade);

  const connected = (socket: WebSocket, request: http.IncomingMessage) => {
    socket.once('error', (error) => {
      options.onError?.(error);
      socket.terminate();
    });
    const keepAliveMs = options.keepAliveMs ?? 12_000;
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, keepAliveMs);
    ping.unref();
    const extra: Extra = { socket, request, viewer: null, client: addressClient(request), token: null, release: null, revoked: false };
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN || extra.revoked) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, why) => socket.close(code, why),
        onMessage: (cb) =>
          socket.on('message', (data) => {
            cb(String(data)).catch((error: unknown) => {
              options.onError?.(error);
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      extra,
    );
    socket.once('close', (code, why) => {
      clearInterval(ping);
      extra.release?.();
      void closed(code, String(why));
    });
  };

  return {
    get open() {
      return wss.clients.size;
    },
    async close() {
      options.httpServer.off('upgrade', upgrade);
      for (const client of wss.clients) client.close(1001, 'Going away: the server is stopping; reconnect with your last cursor');
      // A client that does not answer the close handshake promptly is cut.
      const cut = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, 1_000);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      while (wss.clients.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      clearTimeout(cut);
    },
  };
}

/** An HTTP answer written on a socket whose upgrade is refused. */
function httpRefusal(status: number, code: string, message: string): string {
  const body = requestErrorBody(code, message);
  const text = status === 404 ? 'Not Found' : 'Service Unavailable';
  return `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
