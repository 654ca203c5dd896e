import { createToken } from '../src/modules/auth/auth.tokens';
import { runTokenCli } from '../src/token-cli';
import { type TestApp, alsoServe, captureLogger, dataOf, manualClock, startTestApp } from './support/app';

/*
 * Tokens and roles: who a request is, and that a token that is not live stops the request at
 * once. The write side's FORBIDDEN checks are tested with the mutations.
 */

let app: TestApp;
const captured = captureLogger();
captured.logger.level = 'debug';

beforeAll(async () => {
  app = await startTestApp({ seed: false, logger: captured.logger });
}, 60_000);
afterAll(() => app?.close());

const VIEWER = '{ viewer { name role } }';

type Answer = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };

describe('the viewer', () => {
  it('is null for a request without a token', async () => {
    expect(dataOf(await app.gql(VIEWER))).toEqual({ viewer: null });
  });

  it("is the token's name and role", async () => {
    const token = await createToken(app.database.dataSource, app.database.dialect, 'viewer-editor', 'EDITOR');
    expect(token).toMatch(/^pgt_[\w-]{43}$/);
    expect(dataOf(await app.gql(VIEWER, undefined, { token }))).toEqual({ viewer: { name: 'viewer-editor', role: 'EDITOR' } });
  });

  it('stores the token only as its hash', async () => {
    const token = await createToken(app.database.dataSource, app.database.dialect, 'hashed', 'READER');
    const rows: Record<string, unknown>[] = await app.database.dataSource.query('SELECT * FROM api_token');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
  });
});

describe('a token that is not live', () => {
  it.each([
    ['unknown', 'Bearer pgt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'invalid_token'],
    ['not a bearer token', 'Basic dXNlcjpwYXNz', 'invalid_request'],
    ['empty', 'Bearer ', 'invalid_request'],
  ])('%s: 401 UNAUTHENTICATED and nothing runs', async (_label, authorization, error) => {
    const answer = await app.post<Answer>({ query: VIEWER }, { headers: { authorization } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(`Bearer error="${error}"`);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('revoked: refused from the next request on, by the CLI', async () => {
    const token = await createToken(app.database.dataSource, app.database.dialect, 'to-revoke', 'PUBLISHER');
    expect((await app.post({ query: VIEWER }, { token })).status).toBe(200);
    const out: string[] = [];
    const err: string[] = [];
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = app.config.database.kind === 'postgres' ? app.config.database.url : `sqlite:${app.config.database.path}`;
    try {
      expect(await runTokenCli(['revoke', '--name', 'to-revoke'], (l) => out.push(l), (l) => err.push(l))).toBe(0);
      expect(await runTokenCli(['revoke', '--name', 'to-revoke'], (l) => out.push(l), (l) => err.push(l))).toBe(1);
    } finally {
      process.env.DATABASE_URL = previous;
    }
    expect(err[0]).toContain('Revoked "to-revoke"');
    expect(err[1]).toBe('No live token is named "to-revoke".');
    const answer = await app.post<Answer>({ query: VIEWER }, { token });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0].message).toBe('The bearer token is unknown or revoked.');
  });

  it('is refused on the exports and the calendar too', async () => {
    for (const path of ['/export/forums.csv', '/calendar.ics']) {
      const response = await app.get(path, { token: 'pgt_nope' });
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });
});

describe('the token CLI', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = app.config.database.kind === 'postgres' ? app.config.database.url : `sqlite:${app.config.database.path}`;
    try {
      const code = await runTokenCli(argv, (l) => out.push(l), (l) => err.push(l));
      return { code, out, err };
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }

  it('creates a token, printed alone, that the server accepts; lists it without the token', async () => {
    const created = await cli('create', '--name', 'cli-admin', '--role', 'ADMIN');
    expect(created).toMatchObject({ code: 0, err: [] });
    expect(created.out).toHaveLength(1);
    const [token] = created.out;
    expect(dataOf(await app.gql(VIEWER, undefined, { token }))).toEqual({ viewer: { name: 'cli-admin', role: 'ADMIN' } });
    const listed = await cli('list');
    expect(listed.code).toBe(0);
    expect(listed.out.find((line) => line.startsWith('cli-admin\t'))).toMatch(/^cli-admin\tADMIN\t\d{4}-\d\d-\d\dT[\d:.]+Z\tlive$/);
    expect(listed.out.join('\n')).not.toContain(token);
  });

  it.each([
    [['create', '--name', 'x', '--role', 'KING'], 1, 'role: expected one of READER, EDITOR, PUBLISHER, ADMIN; received "KING"'],
    [['create', '--name', 'has space', '--role', 'READER'], 1, 'name: expected 1 to 100 letters'],
    [['create', '--name', 'cli-admin', '--role', 'READER'], 1, 'a token named "cli-admin" exists already'],
    [['create', '--role', 'READER'], 2, 'Expected create --name --role'],
    [['delete', '--name', 'x'], 2, 'Expected create --name --role'],
    [['create', '--name', 'x', '--role', 'READER', '--colour', 'red'], 2, "Unknown option '--colour'"],
  ])('refuses %j with a message saying what it expected', async (argv, code, message) => {
    const answer = await cli(...argv);
    expect(answer.code).toBe(code);
    expect(answer.out).toEqual([]);
    expect(answer.err.join('\n')).toContain(message);
  });
});

describe('tokens and the rest of the server', () => {
  it('never writes a token to the log, also at debug level and for refused ones', async () => {
    const token = await createToken(app.database.dataSource, app.database.dialect, 'logged', 'EDITOR');
    await app.gql(VIEWER, { unused: token.slice(0, 3) }, { token });
    await app.post({ query: VIEWER }, { token: 'pgt_refused-token-in-logs' });
    const text = JSON.stringify(captured.lines);
    expect(captured.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4));
    expect(text).not.toContain('refused-token-in-logs');
  });

  it('counts the rate limit per token', async () => {
    // A clock that stands still: the window cannot end between the requests.
    const limited = await alsoServe(app, { rateLimit: { points: 30, windowSeconds: 60 } }, { clock: manualClock() });
    try {
      const [a, b] = await Promise.all([
        createToken(app.database.dataSource, app.database.dialect, 'limited-a', 'READER'),
        createToken(app.database.dataSource, app.database.dialect, 'limited-b', 'READER'),
      ]);
      const ask = (token: string) => limited.gql('{ forums(first: 10) { nodes { id } } }', undefined, { token });
      let refused = 0;
      for (let i = 0; i < 10 && refused === 0; i += 1) if ((await ask(a)).errors?.[0]?.extensions?.code === 'RATE_LIMITED') refused += 1;
      expect(refused).toBe(1);
      expect((await ask(b)).errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });

  it("never answers one token's request from the response cache of another's", async () => {
    const cached = await alsoServe(app, { responseCacheSeconds: 60 });
    try {
      const token = await createToken(app.database.dataSource, app.database.dialect, 'cached', 'EDITOR');
      expect(dataOf(await cached.gql(VIEWER, undefined, { token }))).toEqual({ viewer: { name: 'cached', role: 'EDITOR' } });
      expect(dataOf(await cached.gql(VIEWER))).toEqual({ viewer: null });
      expect(dataOf(await cached.gql(VIEWER, undefined, { token }))).toEqual({ viewer: { name: 'cached', role: 'EDITOR' } });
    } finally {
      await cached.close();
    }
  });
});
