import { Client } from 'pg';
import type { DatabaseConfig } from '../../config';

/*
 * The outbox's wake-up across processes. On PostgreSQL every write transaction that appends to
 * the change outbox also NOTIFYs OUTBOX_CHANNEL (appendToOutbox); PostgreSQL delivers it when,
 * and only if, the transaction commits, to every session LISTENing on the database: the other
 * instances, and this one. Each process holds one such session, and a notification wakes its
 * readers of the outbox (the change feed, the webhook worker) at once, instead of at their next
 * poll. The outbox stays the truth: a notification carries nothing, a lost one (the session
 * dropped) costs only latency, since the polls go on and a reconnection wakes the readers once to
 * read what was written meanwhile. SQLite has no such channel: its readers poll.
 */

/** The channel a write transaction notifies when it appended to the outbox. */
export const OUTBOX_CHANNEL = 'change_outbox';

/** The statement appendToOutbox runs on PostgreSQL, in the write's transaction. */
export const NOTIFY_OUTBOX = `NOTIFY ${OUTBOX_CHANNEL}`;

/** How long after a lost session the first reconnection waits; each failure doubles it, to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface OutboxSignal {
  /** True while a session listens (always false on SQLite). */
  readonly listening: boolean;
  /** Sessions opened so far (the first one and each reconnection). */
  readonly sessions: number;
  stop(): Promise<void>;
}

export interface OutboxSignalOptions {
  /** Called on each notification, and once after each (re)connection. */
  onSignal: () => void;
  /** A session failed or could not be opened; it is retried. */
  onError: (error: unknown) => void;
}

/** Listens for the outbox's notifications of `database` (its PostgreSQL database; nothing on SQLite). */
export function listenToOutbox(database: DatabaseConfig, options: OutboxSignalOptions): OutboxSignal {
  if (database.kind !== 'postgres') return { listening: false, sessions: 0, stop: async () => {} };
  let client: Client | null = null;
  let listening = false;
  let sessions = 0;
  let stopped = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: NodeJS.Timeout | null = null;

  const lost = (session: Client, error: unknown) => {
    if (client !== session) return;
    client = null;
    listening = false;
    session.removeAllListeners();
    // An error after end() is only the socket closing; it is the session's last word anyway.
    session.on('error', () => {});
    void session.end().catch(() => {});
    if (stopped) return;
    options.onError(error);
    retry = setTimeout(() => {
      retry = null;
      void open();
    }, retryMs);
    retry.unref();
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const open = async () => {
    if (stopped) return;
    const session = new Client({ connectionString: database.url, application_name: 'content-graph outbox listener' });
    client = session;
    session.on('error', (error) => lost(session, error));
    session.on('end', () => lost(session, 'the PostgreSQL session ended'));
    session.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) options.onSignal();
    });
    try {
      await session.connect();
      await session.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      lost(session, error);
      return;
    }
    if (client !== session || stopped) return;
    listening = true;
    sessions += 1;
    retryMs = FIRST_RETRY_MS;
    // What was written while no session listened is read now.
    options.onSignal();
  };

  void open();
  return {
    get listening() {
      return listening;
    },
    get sessions() {
      return sessions;
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const session = client;
      client = null;
      listening = false;
      if (session) {
        session.removeAllListeners();
        session.on('error', () => {});
        await session.end().catch(() => {});
      }
    },
  };
}
