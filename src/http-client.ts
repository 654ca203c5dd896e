import type http from 'node:http';
import net from 'node:net';
import type { Request } from 'express';
import { apiKeyOfRequest, viewerOfRequest } from './http-auth';
import { invariant } from './shared/errors';

/**
 * The client a request is counted against: its bearer token's name, else the name of the issued
 * key it sends as X-API-Key, else its address (as TRUST_PROXY reads it). Nothing a client can make
 * up selects a budget: a key is counted only once authenticate found it issued and live.
 */
export function clientOf(req: Request): string {
  const name = viewerOfRequest(req)?.name ?? apiKeyOfRequest(req);
  if (name) return `token:${name}`;
  return addressClient(req);
}

/**
 * The client an anonymous request is counted against, by the address TRUST_PROXY reads: Express's
 * `req.ip`, the address X-Forwarded-For gives through the trusted proxies (the socket's when
 * TRUST_PROXY is off). The one rule for HTTP requests, SSE streams and WebSocket upgrades: the
 * HTTP server makes every request it reads, an upgrade's too, with Express's methods and the
 * API's settings (http-direct.ts, expressClasses).
 */
export function addressClient(req: http.IncomingMessage): string {
  let client = addressClients.get(req);
  if (client === undefined) {
    invariant('ip' in req, 'expected a request made by the HTTP server with Express\'s methods (req.ip reads TRUST_PROXY); received a bare IncomingMessage');
    client = `ip:${addressKey((req as Request).ip ?? req.socket.remoteAddress ?? 'unknown')}`;
    addressClients.set(req, client);
  }
  return client;
}

/**
 * Each request's address client, worked out once: `req.ip` parses X-Forwarded-For and every
 * address in it on each read (proxy-addr), and a request is counted by the rate limit, the
 * document guard and its context (about 2% of `{ __typename }`'s CPU for the three reads).
 */
const addressClients = new WeakMap<http.IncomingMessage, string>();

/**
 * The part of an address that names one client: an IPv4 address whole (also when it comes as
 * `::ffff:a.b.c.d`), an IPv6 address by its /64, which one host is usually given whole, so that a
 * client cannot make up new budgets (nor new rows of the limiter's memory) from its own prefix.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!net.isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(':')}::/64`;
}
