import { ENTITIES } from '../src/entities';
import { openDatabase } from '../src/db/data-source';
import { draftConfigOf } from '../src/db/draft-location';
import { pruneOutbox } from '../src/modules/webhooks/outbox-prune';
import { WebhookWorker } from '../src/modules/webhooks/webhook-worker';
import { addEndpoint, deliveryLog, disableEndpoint, enqueue, recordAttempt } from '../src/modules/webhooks/webhook-store';
import { lastOutboxId, oldestOutboxId, readOutbox } from '../src/modules/writes/outbox';
import { Stage } from '../src/shared/stage';
import { type TestApp, manualClock, startTestApp, tokens } from './support/app';
import { createDraftForum, publishRecord } from './support/forums';

/*
 * Pruning the change outbox (src/modules/webhooks/outbox-prune.ts), on SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL names it: rows past the retention go, except those an
 * enabled webhook endpoint has not queued or not settled, and the newest.
 */

let app: TestApp;
let editor: string;
let publisher: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  // The worker would queue and send on its own after each publish: here the test moves the endpoints.
  await app.server.webhooks!.stop();
  ({ editor, publisher } = await tokens(app, 'prune'));
}, 90_000);
afterAll(() => app?.close());

/** Far past any row: every row is older than the retention. */
const FUTURE = Date.UTC(2100, 0, 1);
/** An endpoint nothing listens at: the worker is stopped, nothing is sent. */
const NOWHERE = 'http://127.0.0.1:9/hook';

let made = 0;
/** Creates a forum as a draft and publishes it: two outbox rows (DRAFT, then PUBLISHED). */
async function createAndPublish(): Promise<void> {
  made += 1;
  await publishRecord(app, publisher, await createDraftForum(app, editor, `Форум чистки ${made}`), 1);
}

const heldIds = async () => (await readOutbox(app.draft!, { after: 0, limit: 10_000 })).map((row) => row.id);

describe('pruning the change outbox', () => {
  it('deletes rows older than the retention in batches, keeps newer ones, and always the newest', async () => {
    await createAndPublish();
    await createAndPublish();
    const old = await heldIds();
    expect(old).toHaveLength(4);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const cut = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createAndPublish();
    const recent = (await heldIds()).filter((id) => !old.includes(id));
    expect(recent).toHaveLength(2);

    // One row per statement: the loop goes on until a batch comes back short.
    expect(await pruneOutbox(app.database, app.draft!, { before: cut, batch: 1 })).toEqual({ deleted: 4, floor: recent[1] - 1 });
    expect(await heldIds()).toEqual(recent);
    expect(await oldestOutboxId(app.draft!)).toBe(recent[0]);
    // Past every row's time, the newest still stays: the outbox's newest cursor never goes back.
    expect((await pruneOutbox(app.database, app.draft!, { before: FUTURE })).deleted).toBe(1);
    expect(await heldIds()).toEqual([recent[1]]);
    expect(await lastOutboxId(app.draft!)).toBe(recent[1]);
    // A reader resuming after a pruned cursor gets the rows from the oldest held.
    expect((await readOutbox(app.draft!, { after: old[0], limit: 10 })).map((row) => row.id)).toEqual([recent[1]]);
  });

  it('keeps what an enabled endpoint has still to queue, then what its pending deliveries name; a disabled one holds nothing', async () => {
    const { endpoint } = await addEndpoint(app.database, app.draft!, { url: NOWHERE, types: ['Forum'] });
    const disabled = await addEndpoint(app.database, app.draft!, { url: NOWHERE, types: ['Forum'] });
    await createAndPublish();
    await disableEndpoint(app.database, disabled.endpoint.id, 'test: disabled');
    await createAndPublish();
    const before = await heldIds();
    const added = before.filter((id) => id > endpoint.queuedThrough);
    expect(added).toHaveLength(4);

    // Not queued yet: everything past the endpoint's position stays.
    expect(await pruneOutbox(app.database, app.draft!, { before: FUTURE })).toEqual({ deleted: before.length - 4, floor: endpoint.queuedThrough });
    expect(await heldIds()).toEqual(added);

    // Queued: the two PUBLISHED rows are pending deliveries, the DRAFT row before them may go.
    const published = await readOutbox(app.draft!, { after: endpoint.queuedThrough, limit: 100, stage: Stage.PUBLISHED });
    expect(published).toHaveLength(2);
    await enqueue(app.database, endpoint, published, Date.now());
    expect((await pruneOutbox(app.database, app.draft!, { before: FUTURE })).deleted).toBe(1);
    expect(await heldIds()).toEqual(added.filter((id) => id >= published[0].id));

    // Delivered: nothing is held but the newest.
    for (const delivery of await deliveryLog(app.database, { endpointId: endpoint.id, status: 'PENDING', limit: 10 })) {
      await recordAttempt(app.database, delivery, { status: 'DELIVERED', responseStatus: 200, error: null, nextAttemptAt: Date.now(), at: Date.now() });
    }
    expect((await pruneOutbox(app.database, app.draft!, { before: FUTURE })).deleted).toBe(2);
    expect(await heldIds()).toEqual([added[3]]);
    await disableEndpoint(app.database, endpoint.id, 'test: done');
  });

  it('is safe when several processes prune at once, each on connections of its own', async () => {
    for (let i = 0; i < 3; i++) await createAndPublish();
    const held = await heldIds();
    expect(held.length).toBeGreaterThanOrEqual(7);
    const other = {
      published: await openDatabase(app.config.database, { entities: ENTITIES, migrate: false }),
      drafts: await openDatabase(draftConfigOf(app.config.database), { entities: ENTITIES, migrate: false }),
    };
    try {
      const results = await Promise.all([
        pruneOutbox(app.database, app.draft!, { before: FUTURE, batch: 2 }),
        pruneOutbox(other.published, other.drafts, { before: FUTURE, batch: 2 }),
        pruneOutbox(app.database, app.draft!, { before: FUTURE, batch: 3 }),
      ]);
      // Each row went once, whoever deleted it.
      expect(results.reduce((sum, result) => sum + result.deleted, 0)).toBe(held.length - 1);
      expect(await heldIds()).toEqual([held[held.length - 1]]);
    } finally {
      await other.published.close();
      await other.drafts.close();
    }
  });

  it('runs from the webhook worker with OUTBOX_RETENTION_HOURS', async () => {
    expect(app.config.outboxRetentionHours).toBe(168);
    await createAndPublish();
    const held = await heldIds();
    const worker = (clock: ReturnType<typeof manualClock>) =>
      new WebhookWorker({ published: app.database, drafts: app.draft!, clock, retryScheduleMs: [1000], pollMs: 60_000, timeoutMs: 1000, outboxRetentionMs: app.config.outboxRetentionHours * 3_600_000 });
    // A week less a minute after the rows were appended: nothing is old enough.
    expect((await worker(manualClock(Date.now() + 167 * 3_600_000 + 59 * 60_000)).prune()).deleted).toBe(0);
    // A week and a minute after: all but the newest go.
    const later = manualClock(Date.now() + 168 * 3_600_000 + 60_000);
    await worker(later).runOnce();
    expect(await heldIds()).toEqual([held[held.length - 1]]);
  });
});
