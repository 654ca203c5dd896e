import type { EntityManager } from 'typeorm';
import type { Database } from '../../db/data-source';
import { sqliteDialect } from '../../db/dialect';
import { Stage } from '../../shared/stage';
import { type Committed, type WriteEvent, WriteEvents } from './write-events';

const manager = {} as EntityManager;
const committed: Committed = { stage: Stage.DRAFT, database: {} as Database, queue: {} as Database };
const CREATE = { type: 'Forum', key: 'f', action: 'CREATE', version: 1, before: null, after: { key: 'f', title: 'Ф' } } as const;
const summary = (events: readonly WriteEvent[]) => events.map((e) => `${e.action} ${e.type}:${e.key} ${e.stage} v${e.version}`);

describe('the write events bus', () => {
  it('hands what a write emits to the in-transaction handlers when it is done, in the order they subscribed, with its stage', async () => {
    const bus = new WriteEvents();
    const seen: string[] = [];
    bus.onWrite('in-transaction', async (events, tx) => {
      seen.push(`first: ${summary(events).join(', ')}`);
      expect(tx).toEqual({ manager, dialect: sqliteDialect });
    });
    bus.onWrite('after-commit', () => void seen.push('after'));
    bus.onWrite('in-transaction', async (events) => void seen.push(`second: ${events.length}`));
    const { result, events } = await bus.within(manager, sqliteDialect, Stage.DRAFT, async (tx) => {
      tx.emit(CREATE);
      tx.emit({ ...CREATE, key: 'g', action: 'UPDATE', version: 4 });
      seen.push('work done');
      return 'answer';
    });
    expect(result).toBe('answer');
    expect(seen).toEqual(['work done', 'first: CREATE Forum:f DRAFT v1, UPDATE Forum:g DRAFT v4', 'second: 2']);
    expect(summary(events)).toEqual(['CREATE Forum:f DRAFT v1', 'UPDATE Forum:g DRAFT v4']);
  });

  it('calls no handler for work that throws, or that emitted nothing', async () => {
    const bus = new WriteEvents();
    const calls: string[] = [];
    bus.onWrite('in-transaction', async () => void calls.push('in'));
    bus.onWrite('after-commit', () => void calls.push('after'));
    await expect(
      bus.within(manager, sqliteDialect, Stage.DRAFT, async (tx) => {
        tx.emit(CREATE);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const { events } = await bus.within(manager, sqliteDialect, Stage.DRAFT, async () => 'unchanged');
    await bus.afterCommit(events, committed);
    expect(calls).toEqual([]);
  });

  it('fails the work with a failing in-transaction handler, and runs the handlers after it no more', async () => {
    const bus = new WriteEvents();
    const calls: string[] = [];
    bus.onWrite('in-transaction', async () => {
      throw new Error('index full');
    });
    bus.onWrite('in-transaction', async () => void calls.push('second'));
    await expect(bus.within(manager, sqliteDialect, Stage.DRAFT, async (tx) => tx.emit(CREATE))).rejects.toThrow('index full');
    expect(calls).toEqual([]);
  });

  it('runs every after-commit handler in order; one that fails is reported, and the rest still run', async () => {
    const errors: string[] = [];
    const bus = new WriteEvents({ onError: (error, events) => errors.push(`${(error as Error).message} (${summary(events).join(', ')})`) });
    const calls: string[] = [];
    bus.onWrite('after-commit', (events, where) => void calls.push(`first ${where.stage} ${events.length}`));
    bus.onWrite('after-commit', async () => {
      throw new Error('cache gone');
    });
    bus.onWrite('after-commit', () => void calls.push('third'));
    await bus.afterCommit([{ ...CREATE, stage: Stage.DRAFT }], committed);
    expect(calls).toEqual(['first DRAFT 1', 'third']);
    expect(errors).toEqual(['cache gone (CREATE Forum:f DRAFT v1)']);
  });

  it('forgets a handler once unsubscribed', async () => {
    const bus = new WriteEvents();
    const calls: string[] = [];
    const off = bus.onWrite('after-commit', () => void calls.push('gone'));
    bus.onWrite('after-commit', () => void calls.push('kept'));
    off();
    off();
    await bus.afterCommit([{ ...CREATE, stage: Stage.DRAFT }], committed);
    expect(calls).toEqual(['kept']);
  });
});
