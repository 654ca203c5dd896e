import { EntityManager } from 'typeorm';
import { openDatabase } from '../src/db/data-source';
import { PreparedStatements } from '../src/db/prepared-statements';
import { followWrites } from '../src/derived-data';
import { ENTITIES } from '../src/entities';
import { publishRecords, unpublishRecords } from '../src/modules/writes/write-publish';
import { toGlobalId } from '../src/shared/global-id';
import { contentTables, openDraft } from '../src/stages';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * The records that came with the first drafts, without a seed document (a synthetic database's),
 * have no state row in either stage: each reads version 1, PUBLISHED, live since its stage's
 * origin. Every write makes the row it changes, with what the implied state said: an import
 * keeps the published version, an unpublish, a delete and a publish see version 1.
 */

let app: TestApp;
let editor: string;
let publisher: string;
let origin: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true, documents: false });
  ({ editor, publisher } = await tokens(app, 'implied'));
  [{ live_since: origin }] = await app.draft!.dataSource.query('SELECT live_since FROM stage_origin');
}, 90_000);
afterAll(() => app?.close());

const ERRORS = 'userErrors { path code message }';
const PUBLISH = `mutation ($input: PublishInput!) { publish(input: $input) { published { id } ${ERRORS} } }`;
const UNPUBLISH = `mutation ($input: PublishInput!) { unpublish(input: $input) { published { id } ${ERRORS} } }`;
const DELETE = `mutation ($input: DeleteInput!) { deleteQuote(input: $input) { deletedId ${ERRORS} } }`;
const IMPORT = `mutation ($input: ImportInput!) { importContent(input: $input) { counts { created updated } ${ERRORS} } }`;
const CREATE = `mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id } ${ERRORS} } }`;

async function write(query: string, input: Record<string, unknown>, token: string) {
  return Object.values(dataOf(await app.gql(query, { input }, { token })))[0] as Record<string, any>;
}

async function read(id: string, stage: 'DRAFT' | 'PUBLISHED') {
  const fields = '... on Forum { version stage liveSince } ... on Quote { version stage liveSince }';
  return dataOf(await app.gql(`{ node(id: "${id}", stage: ${stage}) { ${fields} } }`, undefined, { token: editor })).node;
}

async function revisionsOf(id: string): Promise<{ action: string; version: number }[]> {
  const answer = dataOf(await app.gql('{ revisions(first: 100) { nodes { nodeId action version } } }', undefined, { token: editor }));
  return answer.revisions.nodes.filter((r: { nodeId: string }) => r.nodeId === id).map(({ action, version }: { action: string; version: number }) => ({ action, version }));
}

async function stateRows(key: string): Promise<{ version: number; published: number | null; liveSince: string | null }[]> {
  const rows: Record<string, unknown>[] = await app.draft!.dataSource.query(app.draft!.dialect.placeholders('SELECT version, published_version, live_since FROM record_state WHERE node_id = ?'), [key]);
  return rows.map((row) => ({ version: Number(row.version), published: row.published_version == null ? null : Number(row.published_version), liveSince: (row.live_since as string | null) ?? null }));
}

/** The keys of the first `n` seed records of `table` (quotes and figures: no other record refers to them), in key order. */
async function keysOf(table: 'quote' | 'figure', n: number): Promise<string[]> {
  const rows: { id: string }[] = await app.database.dataSource.query(`SELECT id FROM ${table} ORDER BY id LIMIT ${n}`);
  expect(rows).toHaveLength(n);
  return rows.map((row) => row.id);
}

it('keeps no state row for the first drafts’ records, which read version 1, published since the origin, in both stages', async () => {
  expect(Number((await app.draft!.dataSource.query('SELECT COUNT(*) AS n FROM record_state'))[0].n)).toBe(0);
  const [key] = await keysOf('quote', 1);
  const id = toGlobalId('Quote', key);
  expect(await read(id, 'DRAFT')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });
  expect(await read(id, 'PUBLISHED')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });
});

it('an import over such a record makes its row at the next version, still published at 1 since the origin', async () => {
  const [forum] = (await app.database.dataSource.query('SELECT id FROM forum ORDER BY id LIMIT 1')) as { id: string }[];
  const id = toGlobalId('Forum', forum.id);
  const data = JSON.stringify({ forums: [{ key: forum.id, title: 'Форум, загруженный поверх', sources: ['news-main'] }] });
  expect(await write(IMPORT, { format: 'JSON', data }, editor)).toEqual({ counts: [{ created: 0, updated: 1 }], userErrors: [] });
  expect(await stateRows(forum.id)).toEqual([{ version: 2, published: 1, liveSince: origin }]);
  expect(await read(id, 'DRAFT')).toEqual({ version: 2, stage: 'DRAFT', liveSince: origin });
  expect(await read(id, 'PUBLISHED')).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: origin });
  // Its key is taken: a create of it is refused, with nothing written.
  expect((await write(CREATE, { key: forum.id, title: 'Второй с тем же ключом', sourceIds: [toGlobalId('Publication', 'news-main')] }, editor)).userErrors.map((e: { code: string }) => e.code)).toEqual([
    'DUPLICATE_KEY',
  ]);
});

it('an unpublish sees version 1, a stale version is CONFLICT, and a publish brings it back', async () => {
  const [, key] = await keysOf('quote', 2);
  const id = toGlobalId('Quote', key);
  expect((await write(UNPUBLISH, { targets: [{ id, expectedVersion: 2 }] }, publisher)).userErrors).toEqual([
    { path: ['input', 'targets', '0', 'expectedVersion'], code: 'CONFLICT', message: 'expected version 2, but the record is at version 1: someone changed it since; read it again' },
  ]);
  expect(await stateRows(key)).toEqual([]);
  expect(await write(UNPUBLISH, { targets: [{ id, expectedVersion: 1 }] }, publisher)).toEqual({ published: [{ id }], userErrors: [] });
  expect(await stateRows(key)).toEqual([{ version: 1, published: null, liveSince: null }]);
  expect(await read(id, 'DRAFT')).toEqual({ version: 1, stage: 'DRAFT', liveSince: null });
  expect(await read(id, 'PUBLISHED')).toBeNull();
  expect(await write(PUBLISH, { targets: [{ id, expectedVersion: 1 }] }, publisher)).toEqual({ published: [{ id }], userErrors: [] });
  const back = await read(id, 'DRAFT');
  expect(back).toEqual({ version: 1, stage: 'PUBLISHED', liveSince: expect.any(String) });
  expect(back.liveSince > origin).toBe(true);
  expect(await read(id, 'PUBLISHED')).toEqual(back);
  expect(await revisionsOf(id)).toEqual([
    { action: 'PUBLISH', version: 1 },
    { action: 'UNPUBLISH', version: 1 },
    { action: 'IMPORT', version: 1 },
  ]);
});

it('a delete sees version 1 and removes the record from both stages', async () => {
  const [, , key] = await keysOf('quote', 3);
  const id = toGlobalId('Quote', key);
  expect(await write(DELETE, { id, expectedVersion: 1 }, publisher)).toEqual({ deletedId: id, userErrors: [] });
  expect(await read(id, 'DRAFT')).toBeNull();
  expect(await read(id, 'PUBLISHED')).toBeNull();
  expect(await stateRows(key)).toEqual([]);
  expect((await revisionsOf(id))[0]).toEqual({ action: 'DELETE', version: 2 });
});

it('racing unpublishes of such a record, from two processes, write one UNPUBLISH revision', async () => {
  const [key] = await keysOf('figure', 1);
  const id = toGlobalId('Figure', key);
  const published = await openDatabase(app.config.database, { entities: ENTITIES });
  const draft = await openDraft(published, app.config.database, contentTables(ENTITIES), { entities: ENTITIES });
  try {
    const other = { published, draft, actor: 'other-process', events: followWrites() };
    const server = { published: app.database, draft: app.draft!, actor: 'server', events: followWrites() };
    const targets = [{ id, expectedVersion: 1 }];
    const results = await Promise.all([unpublishRecords(other, targets), unpublishRecords(server, targets), unpublishRecords(other, targets), unpublishRecords(server, targets)]);
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors).map((e) => e.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  } finally {
    await draft.close();
    await published.close();
  }
  expect((await revisionsOf(id)).filter((r) => r.action === 'UNPUBLISH')).toEqual([{ action: 'UNPUBLISH', version: 1 }]);
});

it('a change of many records reads and locks their states a kind at a time, and refuses in the order of its targets', async () => {
  // The quote published back above (version 1, a state row of its own) and figures untouched so far (implied states).
  const quotes = (await keysOf('quote', 2)).slice(1).map((key) => toGlobalId('Quote', key));
  const figures = (await keysOf('figure', 10)).slice(2).map((key) => toGlobalId('Figure', key));
  const scope = { published: app.database, draft: app.draft!, actor: 'implied-test', events: followWrites() };
  const statements: string[] = [];
  const all = PreparedStatements.prototype.all;
  jest.spyOn(PreparedStatements.prototype, 'all').mockImplementation(function (this: PreparedStatements, sql, params) {
    statements.push(sql);
    return all.call(this, sql, params);
  });
  const query = EntityManager.prototype.query;
  jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (this: EntityManager, sql: string, params?: unknown[]) {
    statements.push(sql);
    return query.call(this, sql, params);
  });
  try {
    // Quotes and figures interleaved: the call's order is not the kinds'.
    const targets = [...figures.slice(0, 4), ...quotes, ...figures.slice(4)].map((id) => ({ id, expectedVersion: 1 }));
    const result = await unpublishRecords(scope, targets);
    expect(result.userErrors).toEqual([]);
    expect(result.changed).toHaveLength(9);
  } finally {
    jest.restoreAllMocks();
  }
  // Per kind: the drafts' states read once, the implied states' rows made once, locked once.
  expect(statements.filter((sql) => /SELECT node_id, version, published_version, document FROM record_state/.test(sql))).toHaveLength(2);
  expect(statements.filter((sql) => /INSERT INTO draft\.record_state[\s\S]*stage_origin/.test(sql))).toHaveLength(2);
  expect(statements.filter((sql) => /SELECT node_id, version, published_version FROM draft\.record_state/.test(sql))).toHaveLength(2);
  for (const id of [quotes[0], figures[0]]) expect(await read(id, 'PUBLISHED')).toBeNull();

  // Refused: each target's error, in the targets' order, whatever the kinds' order.
  const refused = await publishRecords(scope, [
    { id: figures[0], expectedVersion: 1 },
    { id: quotes[0], expectedVersion: 7 },
    { id: 'not-an-id', expectedVersion: 1 },
    { id: figures[1], expectedVersion: 9 },
  ]);
  expect(refused.userErrors.map((e) => [e.path.join('.'), e.code])).toEqual([
    ['input.targets.1.expectedVersion', 'CONFLICT'],
    ['input.targets.2.id', 'INVALID'],
    ['input.targets.3.expectedVersion', 'CONFLICT'],
  ]);
  expect((await publishRecords(scope, [...quotes, ...figures].map((id) => ({ id, expectedVersion: 1 })))).userErrors).toEqual([]);
  expect(await read(quotes[0], 'PUBLISHED')).toMatchObject({ version: 1, stage: 'PUBLISHED' });
  expect(await read(figures[0], 'PUBLISHED')).not.toBeNull();
});
