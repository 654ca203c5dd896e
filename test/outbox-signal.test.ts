import { Client } from 'pg';
import { OUTBOX_CHANNEL } from '../src/modules/writes/outbox-signal';
import { type TestApp, alsoServe, captureLogger, startTestApp, tokens } from './support/app';
import { createDraftForum, publishRecord } from './support/forums';
import { POSTGRES_URL, describeWith } from './support/services';
import { subscribe, untilSubscribed, wsClient } from './support/subscriptions';

/*
 * On PostgreSQL a write's transaction NOTIFYs the outbox's channel, and every instance's listener
 * wakes its change feed and webhook worker when it commits. Here both instances poll once an
 * hour: only the notification can bring one instance's write to the other's subscriber.
 */

const name = `graph_signal_${process.pid}_${Date.now().toString(36)}`;
const url = new URL(POSTGRES_URL.toString());
url.pathname = `/${name}`;

async function admin(sql: string, database = POSTGRES_URL): Promise<unknown[]> {
  const client = new Client({ connectionString: database.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const HOUR = '3600000';
const CHANGES = 'subscription ($ids: [ID!]) { contentChanged(ids: $ids) { recordId action stage version } }';

describeWith('postgres')('the outbox signal on PostgreSQL', () => {
  let app: TestApp;
  let second: Awaited<ReturnType<typeof alsoServe>>;
  let editor: string;
  let publisher: string;
  const logged = captureLogger();

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    app = await startTestApp({ draft: true, env: { DATABASE_URL: url.toString(), CHANGE_FEED_POLL_MS: HOUR, WEBHOOK_POLL_MS: HOUR } });
    second = await alsoServe(app, {}, { logger: logged.logger });
    ({ editor, publisher } = await tokens(app, 'signal', ['EDITOR', 'PUBLISHER']));
  }, 90_000);
  afterAll(async () => {
    await second?.close();
    await app?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  /** A forum created as a draft and published on the first instance: its global ID. */
  async function publishForum(title: string): Promise<string> {
    const id = await createDraftForum(app, editor, title);
    await publishRecord(app, publisher, id, 1);
    return id;
  }

  async function listeners(): Promise<number[]> {
    const rows = (await admin(`SELECT pid FROM pg_stat_activity WHERE datname = '${name}' AND query = 'LISTEN ${OUTBOX_CHANNEL}'`)) as { pid: number }[];
    return rows.map((row) => row.pid);
  }

  async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
    for (let tries = 0; tries < 200; tries += 1) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`expected ${what} within 10 s`);
  }

  it('listens with one session per instance', async () => {
    await until(() => app.server.outboxSignal!.listening && second.server.outboxSignal!.listening, 'both instances to listen');
    expect((await listeners()).length).toBe(2);
    expect(app.server.outboxSignal!.sessions).toBe(1);
  });

  it('brings a publish on one instance to a subscriber of the other at once, with the polls an hour apart', async () => {
    await untilSubscribed(second.server, 0);
    const client = wsClient(second.url);
    const feed = subscribe(client, CHANGES);
    try {
      await untilSubscribed(second.server, 1);
      const id = await publishForum(`Форум сигнала ${Date.now()}`);
      const events = await feed.until((got) => got.some((event) => event.data?.contentChanged.recordId === id && event.data.contentChanged.stage === 'PUBLISHED'));
      // An anonymous subscriber: the draft's creation is not its to see.
      expect(events.filter((event) => event.data.contentChanged.recordId === id).map((event) => event.data.contentChanged)).toEqual([
        { recordId: id, action: 'PUBLISH', stage: 'PUBLISHED', version: 1 },
      ]);
    } finally {
      await client.dispose();
    }
  }, 30_000);

  it('reconnects when its session is killed, and reads what was written while no one listened', async () => {
    await untilSubscribed(second.server, 0);
    const client = wsClient(second.url);
    const feed = subscribe(client, CHANGES);
    try {
      await untilSubscribed(second.server, 1);
      const killed = await listeners();
      expect(killed.length).toBe(2);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN (${killed.join(', ')})`);
      await until(() => !second.server.outboxSignal!.listening, 'the second instance to notice its session is gone');
      // Written while the second instance's listener is down: its notification reaches no one there.
      const id = await publishForum(`Форум переподключения ${Date.now()}`);
      await feed.until((got) => got.some((event) => event.data?.contentChanged.recordId === id && event.data.contentChanged.stage === 'PUBLISHED'));
      expect(second.server.outboxSignal!.sessions).toBe(2);
      expect((await listeners()).filter((pid) => killed.includes(pid))).toEqual([]);
      expect(logged.lines.filter((line) => line.msg.startsWith('outbox listener: the PostgreSQL session failed')).length).toBeGreaterThanOrEqual(1);
    } finally {
      await client.dispose();
    }
  }, 30_000);
});
