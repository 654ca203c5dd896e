import { listEndpoints } from '../src/modules/webhooks/webhook-store';
import { runWebhooksCli } from '../src/webhooks-cli';
import { type TestApp, startTestApp } from './support/app';

/* `npm run webhooks -- …`: the operator's tool, run on the server's database beside the running server. */

let app: TestApp;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  app = await startTestApp({ draft: true, seed: false });
  const { database } = app.config;
  env = { DATABASE_URL: database.kind === 'sqlite' ? database.path : database.url, LOG_LEVEL: 'silent' };
}, 90_000);
afterAll(() => app?.close());

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  let err = '';
  const code = await runWebhooksCli(argv, (line) => out.push(line), (line) => (err += `${line}\n`), env);
  return { code, out, err };
}

describe('npm run webhooks', () => {
  it('adds an endpoint and prints its secret alone, lists, rotates and disables it', async () => {
    const added = await cli('add', 'https://hooks.example.org/content', '--types', 'Forum,Session');
    expect(added.code).toBe(0);
    expect(added.out).toEqual([expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/)]);
    const [endpoint] = await listEndpoints(app.database);
    expect(endpoint).toMatchObject({ url: 'https://hooks.example.org/content', types: ['Forum', 'Session'], secrets: [added.out[0]], enabled: true });
    expect(added.err).toBe(`Registered endpoint ${endpoint.id} for Forum, Session at https://hooks.example.org/content: it gets the published changes from now on. The secret is not shown again.\n`);

    const rotated = await cli('rotate-secret', String(endpoint.id));
    expect(rotated.code).toBe(0);
    expect((await listEndpoints(app.database))[0].secrets).toEqual([rotated.out[0], added.out[0]]);

    expect((await cli('disable', String(endpoint.id))).code).toBe(0);
    const listed = await cli('list');
    expect(listed.out).toEqual([[endpoint.id, 'https://hooks.example.org/content', 'Forum,Session', 'disabled: disabled by the webhooks CLI', '2 secret(s)', endpoint.createdAt].join('\t')]);
    expect((await cli('deliveries', '--endpoint', String(endpoint.id))).out).toEqual([]);
  });

  it('refuses what it cannot use, saying what it expected and received', async () => {
    expect(await cli('add', 'ftp://hooks.example.org', '--types', 'Forum')).toMatchObject({
      code: 1,
      err: 'url: expected an absolute http:// or https:// URL of at most 2000 characters, without credentials; received "ftp://hooks.example.org"\n',
    });
    const unknownType = await cli('add', 'https://hooks.example.org', '--types', 'Forum,Festival');
    expect(unknownType.code).toBe(1);
    expect(unknownType.err).toBe('types: expected one or more node types, each once, of Cluster, ClusterEvent, FederalDistrict, Figure, Forum, Organization, Publication, Quote, Region, Session, Speaker; received ["Forum","Festival"]\n');
    const missingTypes = await cli('add', 'https://hooks.example.org');
    expect(missingTypes.code).toBe(2);
    expect(missingTypes.err).toMatch(/^Expected add URL --types, list, disable ID, rotate-secret ID, deliveries or replay ID; received "add https:\/\/hooks.example.org"\nUsage:/);
    expect((await cli('disable', 'first')).err).toMatch(/^ID: expected a positive integer; received "first"\n/);
    expect(await cli('disable', '424242')).toMatchObject({ code: 1, err: 'endpointId: expected the id of a webhook endpoint; received 424242, which names none\n' });
    expect((await cli('deliveries', '--status', 'LOST')).err).toBe('status: expected one of PENDING, DELIVERED, FAILED, GONE; received "LOST"\n');
    expect((await cli('frobnicate')).code).toBe(2);
  });
});
