import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createToken } from '../src/modules/auth/auth.tokens';
import { addEndpoint, deliveryLog, endpointById } from '../src/modules/webhooks/webhook-store';
import { WebhookWorker } from '../src/modules/webhooks/webhook-worker';
import { createSchema } from '../src/schema';
import { createServer } from '../src/server';
import { toGlobalId } from '../src/shared/global-id';
import { type ManualClock, type TestApp, dataOf, manualClock, startTestApp } from './support/app';

/*
 * Webhooks, delivered to a real HTTP receiver on this machine: signed by the Standard Webhooks
 * specification (checked here by a verifier written from the specification, not by the code's
 * signer), retried on the schedule with one webhook-id, in order per record, 410 disabling the
 * endpoint, and nothing lost when the server stops between a write and its delivery.
 */

const SOURCE = toGlobalId('Publication', 'news-main');
const BURYATIA = toGlobalId('Region', 'RU-BU');
const CREATE = 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id version } userErrors { code message } } }';
const PUBLISH = 'mutation ($input: PublishInput!) { publish(input: $input) { published { id } userErrors { code message } } }';
const UNPUBLISH = 'mutation ($input: PublishInput!) { unpublish(input: $input) { published { id } userErrors { code message } } }';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on port 0 that answers each request with the next of `script` (then 200); 'drop' closes the socket unanswered. */
async function receiver(script: (number | 'drop')[] = []): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? 200;
      if (next === 'drop') req.socket.destroy();
      else res.writeHead(next).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The receiver's check, from the specification (standardwebhooks.com, "Verifying webhooks"):
 * the key is the base64 after `whsec_`; the signed content `${webhook-id}.${webhook-timestamp}.${body}`;
 * webhook-signature holds space-separated `v1,<base64 HMAC-SHA256>`, any of which may match.
 */
function verifies(secret: string, message: Received): boolean {
  const key = Buffer.from(secret.split('_')[1], 'base64');
  const content = `${String(message.headers['webhook-id'])}.${String(message.headers['webhook-timestamp'])}.${message.body}`;
  const expected = createHmac('sha256', key).update(content, 'utf8').digest();
  return String(message.headers['webhook-signature'] ?? '')
    .split(' ')
    .some((part) => {
      const [version, signature] = part.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/**
 * The check of the `standardwebhooks` package (the specification's own library), at the time the
 * message was sent: it refuses a timestamp five minutes away from its clock, and ours is the test's.
 */
function libraryVerifies(secret: string, message: Received, at: number): boolean {
  const now = jest.spyOn(Date, 'now').mockReturnValue(at);
  try {
    new Webhook(secret).verify(message.body, message.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  } finally {
    now.mockRestore();
  }
}

let app: TestApp;
let clock: ManualClock;
let editor: string;
let publisher: string;
let counter = 0;

beforeAll(async () => {
  clock = manualClock(Date.now());
  app = await startTestApp({ draft: true, clock, env: { WEBHOOK_RETRY_SCHEDULE: '5s,30s,2m', WEBHOOK_POLL_MS: '3600000' } });
  editor = await createToken(app.database.dataSource, app.database.dialect, 'hooks-editor', 'EDITOR');
  publisher = await createToken(app.database.dataSource, app.database.dialect, 'hooks-publisher', 'PUBLISHER');
}, 90_000);
afterAll(() => app?.close());

/** A new forum, created and published: its ID. */
async function publishedForum(on: Pick<TestApp, 'gql'> = app): Promise<string> {
  counter += 1;
  const created = dataOf(await on.gql(CREATE, { input: { title: `Форум крючков ${counter}`, regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum;
  expect(created.userErrors).toEqual([]);
  expect(dataOf(await on.gql(PUBLISH, { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }] } }, { token: publisher })).publish.userErrors).toEqual([]);
  return created.forum.id;
}

const pass = () => app.server.webhooks!.runOnce();

/** Takes an endpoint a test is done with out of the later tests' passes. */
async function endpointDisabled(id: number): Promise<void> {
  await app.database.dataSource.query(app.database.dialect.placeholders('UPDATE webhook_endpoint SET enabled = 0 WHERE id = ?'), [id]);
}

describe('webhook deliveries', () => {
  it('deliver a published change of a wanted type, signed: the signature verifies, an altered body or another secret does not', async () => {
    const hook = await receiver();
    try {
      const { endpoint, secret } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum'] });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const id = await publishedForum();
      // A session's change is not of a wanted type; a draft's never goes out.
      dataOf(await app.gql(CREATE, { input: { title: 'Черновик крючков', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor }));
      await pass();
      expect(hook.received).toHaveLength(1);
      const [message] = hook.received;
      expect(message.headers['content-type']).toBe('application/json');
      expect(message.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Number(message.headers['webhook-timestamp'])).toBe(Math.floor(clock.now() / 1000));
      const body = JSON.parse(message.body);
      expect(body).toEqual({
        type: 'content.changed',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        // First published: it joins its region's and its source's answers too.
        data: { id, type: 'Forum', key: Buffer.from(id, 'base64url').toString().split(':')[1], action: 'PUBLISH', version: 1, stage: 'PUBLISHED', tags: [id, 'list:Forum', BURYATIA, SOURCE] },
      });
      expect(verifies(secret, message)).toBe(true);
      expect(libraryVerifies(secret, message, clock.now())).toBe(true);
      expect(libraryVerifies(secret, { ...message, body: message.body.replace('PUBLISH', 'UNPUBLISH') }, clock.now())).toBe(false);
      expect(libraryVerifies(secret, { ...message, headers: { ...message.headers, 'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}` } }, clock.now())).toBe(false);
      expect(verifies(secret, { ...message, body: message.body.replace('PUBLISH', 'UNPUBLISH') })).toBe(false);
      expect(verifies(secret, { ...message, headers: { ...message.headers, 'webhook-timestamp': '1' } })).toBe(false);
      const other = (await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Session'] })).secret;
      expect(verifies(other, message)).toBe(false);
      const [logged] = await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 });
      expect(logged).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatus: 200, webhookId: message.headers['webhook-id'] });
      // Delivered once: another pass sends nothing.
      await pass();
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('retry on the schedule with one webhook-id until the receiver takes it, a record’s later change waiting behind', async () => {
    const hook = await receiver([500, 'drop', 503, 200]);
    try {
      const { endpoint, secret } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum', 'Session'] });
      const id = await publishedForum();
      await pass();
      expect(hook.received).toHaveLength(1);
      // The record's next change is queued behind the one that failed.
      expect(dataOf(await app.gql(UNPUBLISH, { input: { targets: [{ id, expectedVersion: 1 }] } }, { token: publisher })).unpublish.userErrors).toEqual([]);
      await pass();
      expect(hook.received).toHaveLength(1);
      clock.advance(4_999);
      await pass();
      expect(hook.received).toHaveLength(1);
      clock.advance(1);
      await pass();
      expect(hook.received).toHaveLength(2);
      clock.advance(30_000);
      await pass();
      expect(hook.received).toHaveLength(3);
      clock.advance(120_000);
      await pass();
      // The fourth attempt succeeds, and the change waiting behind it goes out in the same pass.
      expect(hook.received.map((m) => JSON.parse(m.body).data.action)).toEqual(['PUBLISH', 'PUBLISH', 'PUBLISH', 'PUBLISH', 'UNPUBLISH']);
      const publishes = hook.received.slice(0, 4);
      expect(new Set(publishes.map((m) => m.headers['webhook-id'])).size).toBe(1);
      expect(hook.received[4].headers['webhook-id']).not.toBe(publishes[0].headers['webhook-id']);
      expect(new Set(publishes.map((m) => m.body)).size).toBe(1);
      expect(hook.received.every((m) => verifies(secret, m))).toBe(true);
      const log = await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 });
      expect(log.map((d) => [d.status, d.attempts, d.lastStatus])).toEqual([
        ['DELIVERED', 1, 200],
        ['DELIVERED', 4, 200],
      ]);
    } finally {
      await hook.close();
    }
  });

  it('give up after the schedule’s last step: FAILED, with the last answer', async () => {
    const hook = await receiver([500, 500, 500, 500]);
    try {
      const { endpoint } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum'] });
      await publishedForum();
      for (const wait of [0, 5_000, 30_000, 120_000]) {
        clock.advance(wait);
        await pass();
      }
      expect(hook.received).toHaveLength(4);
      const [failed] = await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 });
      expect(failed).toMatchObject({ status: 'FAILED', attempts: 4, lastStatus: 500, lastError: 'expected a 2xx answer; received 500' });
      clock.advance(86_400_000);
      await pass();
      expect(hook.received).toHaveLength(4);
    } finally {
      await hook.close();
    }
  });

  it('try an endpoint that does not answer once per pass, not once per delivery', async () => {
    const hook = await receiver();
    await hook.close();
    const { endpoint } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum'] });
    // Two records in one publish: queued together, before any pass.
    const ids: string[] = [];
    for (const title of ['Форум глухой 1', 'Форум глухой 2']) {
      ids.push(dataOf(await app.gql(CREATE, { input: { title, regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: editor })).createForum.forum.id);
    }
    expect(dataOf(await app.gql(PUBLISH, { input: { targets: ids.map((id) => ({ id, expectedVersion: 1 })) } }, { token: publisher })).publish.userErrors).toEqual([]);
    await pass();
    // The publish also woke the server's own loop: a pass chained after ours. One more pass (none
    // is due yet) settles it, so that no pass of its runs after the clock moves below.
    await pass();
    const attempts = async () => (await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 })).reduce((sum, d) => sum + d.attempts, 0);
    const before = await attempts();
    expect(before).toBeGreaterThanOrEqual(1);
    // Both due now: the pass stops at the first that gets no answer.
    clock.advance(5_000);
    await pass();
    expect(await attempts()).toBe(before + 1);
    const log = await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 });
    expect(log.map((d) => [d.status, d.lastStatus])).toEqual([
      ['PENDING', null],
      ['PENDING', null],
    ]);
    expect(log.find((d) => d.attempts > 0)?.lastError).toMatch(/^the request failed: .*ECONNREFUSED/);
    await endpointDisabled(endpoint.id);
  });

  it('send a delivery once when two workers on the database pass at the same time', async () => {
    const hook = await receiver();
    try {
      const { endpoint } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum'] });
      const other = new WebhookWorker({ published: app.database, drafts: app.draft!, clock, ...app.config.webhooks });
      await publishedForum();
      await Promise.all([pass(), other.runOnce(), pass(), other.runOnce()]);
      expect(hook.received).toHaveLength(1);
      expect((await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 })).map((d) => [d.status, d.attempts])).toEqual([['DELIVERED', 1]]);
      await other.stop();
      await endpointDisabled(endpoint.id);
    } finally {
      await hook.close();
    }
  });

  it('disable the endpoint on 410 Gone', async () => {
    const hook = await receiver([410]);
    try {
      const { endpoint } = await addEndpoint(app.database, app.draft!, { url: hook.url, types: ['Forum'] });
      await publishedForum();
      await pass();
      expect(hook.received).toHaveLength(1);
      const disabled = await endpointById(app.database, endpoint.id);
      expect(disabled.enabled).toBe(false);
      expect(disabled.disabledReason).toMatch(/^the receiver answered 410 Gone at /);
      expect((await deliveryLog(app.database, { endpointId: endpoint.id, limit: 10 })).map((d) => d.status)).toEqual(['GONE']);
      await publishedForum();
      clock.advance(60_000);
      await pass();
      expect(hook.received).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });
});

describe('webhooks for an ADMIN, by GraphQL', () => {
  const ADD = 'mutation ($url: String!, $types: [NodeKind!]!) { addWebhookEndpoint(url: $url, types: $types) { secret endpoint { endpointId url types enabled signingSecrets } } }';
  const LOG = 'query ($id: Int, $status: WebhookDeliveryStatus) { webhookDeliveries(endpointId: $id, status: $status) { deliveryId webhookId recordId status attempts lastStatus lastError } }';
  let admin: string;
  beforeAll(async () => {
    admin = await createToken(app.database.dataSource, app.database.dialect, 'hooks-admin', 'ADMIN');
  });

  it('refuse anyone below ADMIN, and a URL or types that are not what an endpoint needs', async () => {
    const refused = await app.gql(ADD, { url: 'https://example.org/hook', types: ['FORUM'] }, { token: publisher });
    expect(refused.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['FORBIDDEN', 'Mutation.addWebhookEndpoint needs the role ADMIN or higher; the token "hooks-publisher" has the role PUBLISHER.']]);
    expect((await app.gql('{ webhookEndpoints { endpointId } }', undefined, { token: editor })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const ftp = await app.gql(ADD, { url: 'ftp://example.org/hook', types: ['FORUM'] }, { token: admin });
    expect(ftp.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'url: expected an absolute http:// or https:// URL of at most 2000 characters, without credentials; received "ftp://example.org/hook"'],
    ]);
    const none = await app.gql(ADD, { url: 'https://example.org/hook', types: [] }, { token: admin });
    expect(none.errors?.[0].message).toBe('types: expected one or more node types, each once, of Cluster, ClusterEvent, FederalDistrict, Figure, Forum, Organization, Publication, Quote, Region, Session, Speaker; received []');
    const twice = await app.gql(ADD, { url: 'https://example.org/hook', types: ['FORUM', 'FORUM'] }, { token: admin });
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await app.gql('mutation { disableWebhookEndpoint(endpointId: 999999) { endpointId } }', undefined, { token: admin });
    expect(unknown.errors?.map((e) => e.message)).toEqual(['endpointId: expected the id of a webhook endpoint; received 999999, which names none']);
  });

  it('register, rotate (two signatures, either secret verifies), read the log, replay a failed delivery, disable', async () => {
    const hook = await receiver([500, 500, 500, 500]);
    try {
      const added = dataOf(await app.gql(ADD, { url: hook.url, types: ['FORUM', 'SESSION'] }, { token: admin })).addWebhookEndpoint;
      expect(added.endpoint).toMatchObject({ url: hook.url, types: ['FORUM', 'SESSION'], enabled: true, signingSecrets: 1 });
      const id = added.endpoint.endpointId;
      const rotated = dataOf(await app.gql('mutation ($id: Int!) { rotateWebhookSecret(endpointId: $id) { secret endpoint { signingSecrets } } }', { id }, { token: admin })).rotateWebhookSecret;
      expect(rotated.endpoint.signingSecrets).toBe(2);
      expect(rotated.secret).not.toBe(added.secret);
      const listed = dataOf(await app.gql('{ webhookEndpoints { endpointId url enabled } }', undefined, { token: admin })).webhookEndpoints;
      expect(listed).toContainEqual({ endpointId: id, url: hook.url, enabled: true });
      const record = await publishedForum();
      for (const wait of [0, 5_000, 30_000, 120_000]) {
        clock.advance(wait);
        await pass();
      }
      expect(hook.received).toHaveLength(4);
      const message = hook.received[0];
      expect(String(message.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifies(rotated.secret, message)).toBe(true);
      expect(verifies(added.secret, message)).toBe(true);
      expect(libraryVerifies(rotated.secret, message, clock.now())).toBe(true);
      expect(libraryVerifies(added.secret, message, clock.now())).toBe(true);
      const [failed] = dataOf(await app.gql(LOG, { id, status: 'FAILED' }, { token: admin })).webhookDeliveries;
      expect(failed).toMatchObject({ recordId: record, status: 'FAILED', attempts: 4, lastStatus: 500, webhookId: message.headers['webhook-id'] });
      const replayed = dataOf(await app.gql('mutation ($id: Int!) { replayWebhookDelivery(deliveryId: $id) { status attempts } }', { id: failed.deliveryId }, { token: admin })).replayWebhookDelivery;
      expect(replayed).toEqual({ status: 'PENDING', attempts: 0 });
      await pass();
      expect(hook.received).toHaveLength(5);
      expect(hook.received[4].headers['webhook-id']).toBe(message.headers['webhook-id']);
      expect(dataOf(await app.gql(LOG, { id }, { token: admin })).webhookDeliveries.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([['DELIVERED', 1]]);
      const disabled = dataOf(await app.gql('mutation ($id: Int!) { disableWebhookEndpoint(endpointId: $id) { enabled } }', { id }, { token: admin })).disableWebhookEndpoint;
      expect(disabled).toEqual({ enabled: false });
      await publishedForum();
      await pass();
      expect(hook.received).toHaveLength(5);
    } finally {
      await hook.close();
    }
  });
});

describe('a server stopped between a write and its delivery', () => {
  it('loses nothing: the next server on the same database delivers it', async () => {
    const hook = await receiver();
    const first = await startTestApp({ draft: true, env: { WEBHOOK_POLL_MS: '3600000' } });
    let second: Awaited<ReturnType<typeof createServer>> | null = null;
    try {
      const writer = await createToken(first.database.dataSource, first.database.dialect, 'hooks-restart', 'PUBLISHER');
      const { secret } = await addEndpoint(first.database, first.draft!, { url: hook.url, types: ['Forum'] });
      // The process "dies" before its worker sends anything: the worker is stopped first.
      await first.server.webhooks!.stop();
      const created = dataOf(await first.gql(CREATE, { input: { title: 'Форум перезапуска', regionId: BURYATIA, sourceIds: [SOURCE] } }, { token: writer })).createForum;
      expect(dataOf(await first.gql(PUBLISH, { input: { targets: [{ id: created.forum.id, expectedVersion: 1 }] } }, { token: writer })).publish.userErrors).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(hook.received).toHaveLength(0);
      await first.server.stop();
      // A new server on the same databases, its worker polling as it would after a restart.
      second = await createServer({ ...first.config, webhooks: { ...first.config.webhooks, pollMs: 20 } }, first.database, await createSchema(), { draft: first.draft });
      for (let waited = 0; hook.received.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(hook.received.map((m) => JSON.parse(m.body).data)).toMatchObject([{ id: created.forum.id, action: 'PUBLISH' }]);
      expect(verifies(secret, hook.received[0])).toBe(true);
    } finally {
      await second?.stop();
      await first.draft?.close();
      await first.database.close();
      await hook.close();
    }
  }, 60_000);
});
