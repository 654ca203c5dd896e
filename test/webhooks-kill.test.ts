import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/data-source';
import { ENTITIES } from '../src/entities';
import { createToken } from '../src/modules/auth/auth.tokens';
import { addEndpoint, deliveryLog } from '../src/modules/webhooks/webhook-store';
import { toGlobalId } from '../src/shared/global-id';
import { projectPath } from '../src/shared/paths';
import { contentTables, openDraft } from '../src/stages';
import { documentsOf } from '../src/modules/writes/write-state';
import { loadSeeds } from '../seeds/load';
import { readSeedSet } from '../seeds/read';
import { type TestDatabase, createTestDatabase, dataOf, request } from './support/app';

/*
 * kill -9 between a write and its delivery: the server process (npm start's dist/src/main.js)
 * is killed while the receiver holds the first attempt unanswered; the next process on the same
 * database delivers the change, with the same webhook-id.
 */

let testDb: TestDatabase;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await testDb?.drop();
});

/** Starts the built server on the test database; resolves with its GraphQL URL once it listens. */
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [projectPath('dist/src/main.js')], {
    env: { ...process.env, DATABASE_URL: testDb.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', WEBHOOK_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '1000', RATE_LIMIT_POINTS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /"port":(\d+)[^\n]*content graph ready/.exec(output);
      if (ready) resolve(Number(ready[1]));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (code ${code}) before it listened: ${output.slice(-500)}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

it('a server killed with SIGKILL while its delivery is in flight: the next one delivers it, same webhook-id', async () => {
  execFileSync(process.execPath, [projectPath('node_modules/typescript/bin/tsc'), '-p', projectPath('tsconfig.build.json')], { stdio: 'inherit' });
  testDb = await createTestDatabase();
  // The receiver holds its first request unanswered (the process is killed meanwhile), then answers 200.
  const received: { id: string; body: string }[] = [];
  let firstArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ id: String(req.headers['webhook-id']), body: Buffer.concat(chunks).toString() });
      if (received.length === 1) firstArrived();
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    // The database as the server would leave it, with a PUBLISHER token and an endpoint.
    const config = loadConfig({ DATABASE_URL: testDb.url });
    const published = await openDatabase(config.database, { entities: ENTITIES });
    await loadSeeds(published.dataSource, projectPath('seeds'));
    const drafts = await openDraft(published, config.database, contentTables(ENTITIES), { entities: ENTITIES, documents: () => documentsOf(readSeedSet(projectPath('seeds'))) });
    const token = await createToken(published.dataSource, published.dialect, 'kill-publisher', 'PUBLISHER');
    const { endpoint } = await addEndpoint(published, drafts, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, types: ['Forum'] });

    const first = await startServer();
    const gql = async (url: string, query: string, variables: object) => dataOf((await request(url, { json: { query, variables }, token })).body);
    const created = (
      await gql(first.url, 'mutation ($input: CreateForumInput!) { createForum(input: $input) { forum { id } } }', {
        input: { title: 'Форум убитого процесса', regionId: toGlobalId('Region', 'RU-BU'), sourceIds: [toGlobalId('Publication', 'news-main')] },
      })
    ).createForum.forum;
    await gql(first.url, 'mutation ($input: PublishInput!) { publish(input: $input) { userErrors { code } } }', { input: { targets: [{ id: created.id, expectedVersion: 1 }] } });
    await arrived;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('close', resolve));
    expect((await deliveryLog(published, { endpointId: endpoint.id, limit: 10 })).map((d) => [d.status, d.attempts])).toEqual([['PENDING', 0]]);

    const second = await startServer();
    for (let waited = 0; received.length < 2 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    expect(JSON.parse(received[1].body).data).toMatchObject({ id: created.id, action: 'PUBLISH', stage: 'PUBLISHED' });
    for (let waited = 0; waited < 5_000; waited += 50) {
      if ((await deliveryLog(published, { endpointId: endpoint.id, limit: 10 }))[0].status === 'DELIVERED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await deliveryLog(published, { endpointId: endpoint.id, limit: 10 })).map((d) => [d.status, d.attempts])).toEqual([['DELIVERED', 1]]);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('close', resolve));
    await drafts.close();
    await published.close();
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}, 180_000);
