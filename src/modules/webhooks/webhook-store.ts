import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/data-source';
import { type NodeType, isNodeType } from '../../shared/global-id';
import { NODE_TYPES } from '../catalog';
import { BadUserInputError, describeValue } from '../../shared/errors';
import { type OutboxRow, lastOutboxId } from '../writes/outbox';
import { serialized } from '../writes/write-core';
import { newSecret } from './webhook-signature';

/*
 * The webhook tables (in the published stage's database, beside the tokens): the endpoints an
 * ADMIN registers, and one delivery per endpoint and outbox row with its attempts. Every read
 * and write of them is here; the worker (webhook-worker.ts), the mutations and the CLI ask.
 */

export interface WebhookEndpointRow {
  id: number;
  url: string;
  types: NodeType[];
  /** Newest first: two while a rotation's previous secret is still honoured. */
  secrets: string[];
  enabled: boolean;
  disabledReason: string | null;
  /** The last outbox id queued for it: it gets the changes after it. */
  queuedThrough: number;
  createdAt: string;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'GONE';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'DELIVERED', 'FAILED', 'GONE'];

export interface WebhookDeliveryRow {
  id: number;
  endpointId: number;
  outboxId: number;
  /** The webhook-id header: the same on every attempt and replay. */
  webhookId: string;
  type: NodeType;
  key: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due (ms since the epoch). */
  nextAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The message a change is delivered as. */
export function bodyOf(row: OutboxRow): string {
  return JSON.stringify({
    type: 'content.changed',
    timestamp: row.at,
    data: { id: row.globalId, type: row.type, key: row.key, action: row.action, version: row.version, stage: row.stage, tags: row.tags },
  });
}

/** An endpoint's URL: absolute http(s), at most 2,000 characters, no credentials in it. */
export function checkUrl(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || url.length > 2000 || parsed.username || parsed.password) {
    throw new BadUserInputError(`url: expected an absolute http:// or https:// URL of at most 2000 characters, without credentials; received ${describeValue(url)}`, 'url');
  }
  return parsed.toString();
}

/** The node types an endpoint wants: at least one, each a node type, each once. */
export function checkTypes(types: readonly string[]): NodeType[] {
  const unknown = types.filter((type) => !isNodeType(type));
  if (types.length === 0 || unknown.length > 0 || new Set(types).size !== types.length) {
    throw new BadUserInputError(`types: expected one or more node types, each once, of ${[...NODE_TYPES].sort().join(', ')}; received ${describeValue(types)}`, 'types');
  }
  return [...types] as NodeType[];
}

/**
 * A read of the webhook tables: on the database's read connections (outside any write
 * transaction), as every read of the API is.
 */
const read = (database: Database, text: string, params: readonly unknown[] = []) => database.read(text, params) as Promise<Record<string, unknown>[]>;

/**
 * A write of the webhook tables, behind the writes queued on the database (serialized): on
 * SQLite the writer is one connection, and a statement run while a publish's transaction is
 * open on it would join that transaction.
 */
const write = (database: Database, text: string, params: readonly unknown[] = []) =>
  serialized(database, () => database.dataSource.query(database.dialect.placeholders(text), [...params]) as Promise<unknown>);

function endpointOf(row: Record<string, unknown>): WebhookEndpointRow {
  return {
    id: Number(row.id),
    url: String(row.url),
    types: JSON.parse(String(row.types)) as NodeType[],
    secrets: JSON.parse(String(row.secrets)) as string[],
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason),
    queuedThrough: Number(row.queued_through),
    createdAt: String(row.created_at),
  };
}

function deliveryOf(row: Record<string, unknown>): WebhookDeliveryRow {
  return {
    id: Number(row.id),
    endpointId: Number(row.endpoint_id),
    outboxId: Number(row.outbox_id),
    webhookId: String(row.webhook_id),
    type: String(row.node_type) as NodeType,
    key: String(row.node_id),
    body: String(row.body),
    status: String(row.status) as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error === null ? null : String(row.last_error),
    deliveredAt: row.delivered_at === null ? null : String(row.delivered_at),
    createdAt: String(row.created_at),
  };
}

/** Registers an endpoint: it gets the published changes from now on (past the outbox's newest row). Its secret is returned once. */
export async function addEndpoint(published: Database, drafts: Database, input: { url: string; types: readonly string[] }, now = Date.now()): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const url = checkUrl(input.url);
  const types = checkTypes(input.types);
  const secret = newSecret();
  const from = await lastOutboxId(drafts);
  await write(published, 'INSERT INTO webhook_endpoint (url, types, secrets, enabled, disabled_reason, queued_through, created_at) VALUES (?, ?, ?, 1, NULL, ?, ?)', [
    url,
    JSON.stringify(types),
    JSON.stringify([secret]),
    from,
    new Date(now).toISOString(),
  ]);
  const [row] = await read(published, 'SELECT * FROM webhook_endpoint WHERE secrets = ?', [JSON.stringify([secret])]);
  return { endpoint: endpointOf(row), secret };
}

/** Every endpoint, oldest first. */
export async function listEndpoints(published: Database, options: { enabledOnly?: boolean } = {}): Promise<WebhookEndpointRow[]> {
  return (await read(published, `SELECT * FROM webhook_endpoint${options.enabledOnly ? ' WHERE enabled = 1' : ''} ORDER BY id`)).map(endpointOf);
}

/** The endpoint `id`; BAD_USER_INPUT naming it where there is none. */
export async function endpointById(published: Database, id: number): Promise<WebhookEndpointRow> {
  const [row] = Number.isSafeInteger(id) ? await read(published, 'SELECT * FROM webhook_endpoint WHERE id = ?', [id]) : [];
  if (!row) throw new BadUserInputError(`endpointId: expected the id of a webhook endpoint; received ${describeValue(id)}, which names none`, 'endpointId');
  return endpointOf(row);
}

/** Stops deliveries to the endpoint `id` (why: `reason`); what is queued stays in the log. */
export async function disableEndpoint(published: Database, id: number, reason: string): Promise<WebhookEndpointRow> {
  await endpointById(published, id);
  await write(published, 'UPDATE webhook_endpoint SET enabled = 0, disabled_reason = ? WHERE id = ?', [reason.slice(0, 500), id]);
  return endpointById(published, id);
}

/** A new secret for the endpoint `id`, returned once; the previous one still signs (two signatures) until the next rotation. */
export async function rotateSecret(published: Database, id: number): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const endpoint = await endpointById(published, id);
  const secret = newSecret();
  await write(published, 'UPDATE webhook_endpoint SET secrets = ? WHERE id = ?', [JSON.stringify([secret, endpoint.secrets[0]]), id]);
  return { endpoint: await endpointById(published, id), secret };
}

/**
 * Queues `rows` (outbox rows past the endpoint's position, oldest first) for `endpoint`: a
 * delivery for each of a type it wants, and its position moved past them all, in one
 * transaction. Queued twice (two processes), a row gets one delivery: (endpoint, outbox id) is unique.
 */
export async function enqueue(published: Database, endpoint: WebhookEndpointRow, rows: readonly OutboxRow[], now: number): Promise<void> {
  if (rows.length === 0) return;
  const wanted = new Set<string>(endpoint.types);
  await serialized(published, () => published.dataSource.transaction(async (manager) => {
    const run = (text: string, params: unknown[]) => manager.query(published.dialect.placeholders(text), params);
    for (const row of rows) {
      if (!wanted.has(row.type)) continue;
      await run(
        `INSERT INTO webhook_delivery (endpoint_id, outbox_id, webhook_id, node_type, node_id, body, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT (endpoint_id, outbox_id) DO NOTHING`,
        [endpoint.id, row.id, `msg_${randomUUID().replace(/-/g, '')}`, row.type, row.key, bodyOf(row), now, new Date(now).toISOString()],
      );
    }
    await run('UPDATE webhook_endpoint SET queued_through = ? WHERE id = ? AND queued_through < ?', [rows[rows.length - 1].id, endpoint.id, rows[rows.length - 1].id]);
  }));
}

/** The endpoint's PENDING deliveries, oldest change first. */
export async function pendingDeliveries(published: Database, endpointId: number, limit: number): Promise<WebhookDeliveryRow[]> {
  return (await read(published, "SELECT * FROM webhook_delivery WHERE endpoint_id = ? AND status = 'PENDING' ORDER BY outbox_id LIMIT ?", [endpointId, limit])).map(deliveryOf);
}

/**
 * Claims `delivery` for one attempt: its next attempt is moved to `until` (past the attempt's
 * longest wait), where it is still PENDING and as it was read. False where another process's
 * worker claimed or settled it first: several server processes on one database send each
 * delivery once, and one that dies mid-attempt leaves it due again at `until`.
 */
export async function claimDelivery(published: Database, delivery: WebhookDeliveryRow, until: number): Promise<boolean> {
  return serialized(published, async () => {
    const runner = published.dataSource.createQueryRunner();
    try {
      const sql = "UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ? AND next_attempt_at = ?";
      const result = (await runner.query(published.dialect.placeholders(sql), [until, delivery.id, delivery.attempts, delivery.nextAttemptAt], true)) as { affected?: number };
      return result.affected === 1;
    } finally {
      await runner.release();
    }
  });
}

/** Gives back a claim whose attempt was not made (the server stopping): due when it was. */
export async function releaseDelivery(published: Database, delivery: WebhookDeliveryRow): Promise<void> {
  await write(published, "UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ?", [delivery.nextAttemptAt, delivery.id, delivery.attempts]);
}

/** What one attempt came to: the delivery's new status, the receiver's answer (or the error), and when the next attempt is due. */
export async function recordAttempt(
  published: Database,
  delivery: WebhookDeliveryRow,
  outcome: { status: DeliveryStatus; responseStatus: number | null; error: string | null; nextAttemptAt: number; at: number },
): Promise<void> {
  await write(published, 'UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?', [
    outcome.status,
    outcome.nextAttemptAt,
    outcome.responseStatus,
    outcome.error?.slice(0, 1000) ?? null,
    outcome.status === 'DELIVERED' ? new Date(outcome.at).toISOString() : null,
    delivery.id,
  ]);
}

/** The delivery log, newest first: of one endpoint and one status where given. */
export async function deliveryLog(published: Database, filter: { endpointId?: number; status?: string; limit: number }): Promise<WebhookDeliveryRow[]> {
  if (filter.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(filter.status)) {
    throw new BadUserInputError(`status: expected one of ${DELIVERY_STATUSES.join(', ')}; received ${describeValue(filter.status)}`, 'status');
  }
  if (!Number.isSafeInteger(filter.limit) || filter.limit < 1 || filter.limit > 500) throw new BadUserInputError(`first: expected 1 to 500; received ${describeValue(filter.limit)}`, 'first');
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.endpointId !== undefined) {
    where.push('endpoint_id = ?');
    params.push(filter.endpointId);
  }
  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  const rows = await read(published, `SELECT * FROM webhook_delivery${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`, [...params, filter.limit]);
  return rows.map(deliveryOf);
}

/** Sends the delivery `id` again: PENDING, due now, its attempts counted anew, its webhook-id kept (receivers deduplicate by it). */
export async function replayDelivery(published: Database, id: number, now = Date.now()): Promise<WebhookDeliveryRow> {
  const [row] = Number.isSafeInteger(id) ? await read(published, 'SELECT * FROM webhook_delivery WHERE id = ?', [id]) : [];
  if (!row) throw new BadUserInputError(`deliveryId: expected the id of a webhook delivery; received ${describeValue(id)}, which names none`, 'deliveryId');
  await write(published, "UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?, delivered_at = NULL WHERE id = ?", [now, id]);
  const [again] = await read(published, 'SELECT * FROM webhook_delivery WHERE id = ?', [id]);
  return deliveryOf(again);
}
