import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { runImportCli } from '../src/import-cli';
import { toGlobalId } from '../src/shared/global-id';
import { projectPath } from '../src/shared/paths';
import { type TestApp, dataOf, startTestApp, tokens } from './support/app';

/*
 * Import: records of the seed format upserted as drafts, all or nothing; the API's
 * importContent and the operator's `npm run import` share it.
 */

let app: TestApp;
let editor: string;
let dir: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor } = await tokens(app, 'import', ['EDITOR']));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-import-'));
}, 90_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const IMPORT = 'mutation ($input: ImportInput!) { importContent(input: $input) { dryRun counts { type created updated unchanged } userErrors { path code message } } }';

/** The real data set's forum records as the seed file has them. */
function seedForums(): Record<string, unknown>[] {
  return yaml.load(fs.readFileSync(projectPath('seeds', 'forums.yaml'), 'utf8')) as Record<string, unknown>[];
}

function databaseUrl(): string {
  const config = app.config.database;
  return config.kind === 'postgres' ? config.url : `sqlite:${config.path}`;
}

async function count(sql: string): Promise<number> {
  const [{ n }] = await app.draft!.dataSource.query(sql);
  return Number(n);
}

describe('importContent', () => {
  const [first, second] = seedForums();
  const document = () => ({
    forums: [
      first,
      { ...second, theme: 'Тема, изменённая импортом' },
      { key: 'imported-forum', title: 'Импортированный форум', organizers: ['minprosveshcheniya'], sources: ['news-main'] },
    ],
  });

  it('dry run: counts what would be created, updated or left unchanged, and writes nothing', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM revision');
    const answer = dataOf(await app.gql(IMPORT, { input: { format: 'JSON', data: JSON.stringify(document()), dryRun: true } }, { token: editor }));
    expect(answer.importContent).toEqual({ dryRun: true, counts: [{ type: 'Forum', created: 1, updated: 1, unchanged: 1 }], userErrors: [] });
    expect(await count('SELECT COUNT(*) AS n FROM revision')).toBe(before);
    expect(await count("SELECT COUNT(*) AS n FROM forum WHERE id = 'imported-forum'")).toBe(0);
  });

  it('writes drafts, with a revision each by the importer; readers see nothing yet', async () => {
    const answer = dataOf(await app.gql(IMPORT, { input: { format: 'YAML', data: yaml.dump(document()) } }, { token: editor }));
    expect(answer.importContent).toEqual({ dryRun: false, counts: [{ type: 'Forum', created: 1, updated: 1, unchanged: 1 }], userErrors: [] });
    const id = toGlobalId('Forum', 'imported-forum');
    const draft = dataOf(await app.gql(`{ node(id: "${id}", stage: DRAFT) { ... on Forum { title version organizers { name } revisions { nodes { action actor } } } } }`, undefined, { token: editor }));
    expect(draft.node).toMatchObject({ title: 'Импортированный форум', version: 1, revisions: { nodes: [{ action: 'IMPORT', actor: 'import-editor' }] } });
    expect(draft.node.organizers).toHaveLength(1);
    expect(dataOf(await app.gql(`{ node(id: "${id}") { id } }`)).node).toBeNull();
    const again = dataOf(await app.gql(IMPORT, { input: { format: 'YAML', data: yaml.dump(document()) } }, { token: editor }));
    expect(again.importContent.counts).toEqual([{ type: 'Forum', created: 0, updated: 0, unchanged: 3 }]);
  });

  it.each([
    ['not YAML', 'forums: [unclosed', ['input', 'data'], 'INVALID', 'input.data: not valid YAML'],
    ['an unknown kind', 'wizards: []', ['input', 'data', 'wizards'], 'INVALID', 'received "wizards"'],
    ['a bad field', 'forums:\n  - { key: bad-date, title: T, startDate: "2024-13", sources: [news-main] }', ['input', 'data', 'forums', '0', 'startDate'], 'INVALID', 'forums record "bad-date" (#1), field "startDate": expected a date'],
    ['an unknown field', 'forums:\n  - { key: extra, title: T, colour: red, sources: [news-main] }', ['input', 'data', 'forums', '0', 'colour'], 'INVALID', 'unknown field "colour"'],
    ['no source', 'forums:\n  - { key: unsourced, title: T, sources: [] }', ['input', 'data', 'forums', '0', 'sources'], 'SOURCE_REQUIRED', 'field "sources"'],
    ['a missing reference', 'forums:\n  - { key: lost, title: T, region: RU-XX, sources: [news-main] }', ['input', 'data', 'forums', '0', 'region'], 'NOT_FOUND', 'no Region has the key "RU-XX"'],
    ['a key given twice', 'forums:\n  - { key: twice, title: A, sources: [news-main] }\n  - { key: twice, title: B, sources: [news-main] }', ['input', 'data', 'forums', '1', 'key'], 'DUPLICATE_KEY', 'given twice'],
  ])('refuses %s, naming the file, the record and the field; nothing written', async (_label, data, errorPath, code, message) => {
    const before = await count('SELECT COUNT(*) AS n FROM revision');
    const answer = dataOf(await app.gql(IMPORT, { input: { format: 'YAML', data } }, { token: editor }));
    expect(answer.importContent.counts).toEqual([]);
    expect(answer.importContent.userErrors[0]).toEqual({ path: errorPath, code, message: expect.stringContaining(message) });
    expect(await count('SELECT COUNT(*) AS n FROM revision')).toBe(before);
  });

  it('is all or nothing: one bad record among good ones writes none', async () => {
    const data = yaml.dump({ forums: [{ key: 'good-one', title: 'Хороший', sources: ['news-main'] }, { key: 'bad-one', title: 'Плохой', region: 'RU-XX', sources: ['news-main'] }] });
    const answer = dataOf(await app.gql(IMPORT, { input: { format: 'YAML', data } }, { token: editor }));
    expect(answer.importContent.userErrors).toHaveLength(1);
    expect(await count("SELECT COUNT(*) AS n FROM forum WHERE id = 'good-one'")).toBe(0);
  });

  it('is FORBIDDEN below EDITOR', async () => {
    const { reader } = await tokens(app, 'import', ['READER']);
    const answer = await app.post({ query: IMPORT, variables: { input: { format: 'YAML', data: 'forums: []' } } }, { token: reader });
    expect(answer.status).toBe(403);
  });
});

describe("importContent's size limit", () => {
  /** Posts `variables` to importContent, with `token` where given. */
  const postImport = (variables: object, token?: string) =>
    app.post<{ data?: any; errors?: { message: string; extensions: { code: string } }[] }>({ query: IMPORT, variables }, { token });

  it('an EDITOR imports a document past the readers\' variables limit (65,536 bytes)', async () => {
    const forums = Array.from({ length: 400 }, (_, i) => ({ key: `size-${i}`, title: `Форум размера ${i}`, theme: 'Т'.repeat(80), organizers: ['minprosveshcheniya'], sources: ['news-main'] }));
    const variables = { input: { format: 'JSON', data: JSON.stringify({ forums }), dryRun: true } };
    expect(Buffer.byteLength(JSON.stringify(variables))).toBeGreaterThan(65_536);
    const answer = await postImport(variables, editor);
    expect(answer.status).toBe(200);
    expect(answer.body.data.importContent).toEqual({ dryRun: true, counts: [{ type: 'Forum', created: 400, updated: 0, unchanged: 0 }], userErrors: [] });
  });

  it('the import size limit is one number, MAX_EDITOR_VARIABLES_BYTES, and its refusal says it', async () => {
    const variables = { input: { format: 'YAML', data: `# ${'я'.repeat(1_050_000)}` } };
    const bytes = Buffer.byteLength(JSON.stringify(variables));
    const answer = await postImport(variables, editor);
    expect(answer.status).toBe(413);
    expect(answer.body.errors).toEqual([
      {
        message: `The variables take ${bytes} bytes as JSON; the limit is 2097152 (MAX_EDITOR_VARIABLES_BYTES, for EDITOR tokens and above; larger imports go through npm run import).`,
        extensions: { code: 'VARIABLES_TOO_LARGE' },
      },
    ]);
  });

  it('below EDITOR the variables limit stays 65,536 bytes', async () => {
    const { reader } = await tokens(app, 'import-size', ['READER']);
    const variables = { input: { format: 'YAML', data: `# ${'я'.repeat(40_000)}` } };
    const bytes = Buffer.byteLength(JSON.stringify(variables));
    for (const token of [undefined, reader]) {
      const answer = await postImport(variables, token);
      expect(answer.status).toBe(413);
      expect(answer.body.errors?.[0]).toEqual({ message: `The variables take ${bytes} bytes as JSON; the limit is 65536 (MAX_VARIABLES_BYTES).`, extensions: { code: 'VARIABLES_TOO_LARGE' } });
    }
  });
});

describe('npm run import', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    let err = '';
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = databaseUrl();
    try {
      const code = await runImportCli(argv, (line) => out.push(line), (text) => (err += text));
      return { code, out, err };
    } finally {
      process.env.DATABASE_URL = previous;
    }
  }

  it('dry-runs, imports as drafts, and with --publish makes them readable', async () => {
    const file = path.join(dir, 'clusters.yaml');
    fs.writeFileSync(file, yaml.dump([{ key: 'cli-cluster', name: 'Кластер из файла', industry: 'импорт', sources: ['news-main'] }]));
    const dry = await cli(file, '--actor', 'operator', '--dry-run');
    expect(dry).toMatchObject({ code: 0, out: ['Cluster\tcreated 1\tupdated 0\tunchanged 0', 'Dry run: nothing was written.'] });
    expect(await count("SELECT COUNT(*) AS n FROM cluster WHERE id = 'cli-cluster'")).toBe(0);
    const published = await cli(file, '--actor', 'operator', '--publish');
    expect(published.code).toBe(0);
    expect(published.err).toContain('1/1 records');
    expect(published.out).toEqual(['Cluster\tcreated 1\tupdated 0\tunchanged 0', 'Imported and published.']);
    const read = dataOf(await app.gql(`{ node(id: "${toGlobalId('Cluster', 'cli-cluster')}") { ... on Cluster { name version } } }`));
    expect(read.node).toEqual({ name: 'Кластер из файла', version: 1 });
    const [revision] = await app.draft!.dataSource.query("SELECT actor FROM revision WHERE node_id = 'cli-cluster' ORDER BY id");
    expect(revision.actor).toBe('operator');
  });

  it('refuses a bad file with the file, record and field, and an exit code', async () => {
    const file = path.join(dir, 'forums.yaml');
    fs.writeFileSync(file, yaml.dump([{ key: 'cli-bad', title: 'Без источников', sources: [] }]));
    const answer = await cli(file, '--actor', 'operator');
    expect(answer.code).toBe(1);
    expect(answer.err).toContain(`SOURCE_REQUIRED: ${file}: forums record "cli-bad" (#1), field "sources"`);
    expect(answer.err).toContain('Nothing was written.');
    expect((await cli(file)).code).toBe(2);
  });

  it('killed with SIGKILL in the middle of a large import, leaves the database as it was', async () => {
    execFileSync(process.execPath, [projectPath('node_modules/typescript/bin/tsc'), '-p', projectPath('tsconfig.build.json')], { stdio: 'inherit' });
    const file = path.join(dir, 'large.yaml');
    const forums = Array.from({ length: 20_000 }, (_, i) => ({ key: `bulk-${i}`, title: `Массовый форум ${i}`, organizers: ['minprosveshcheniya'], sources: ['news-main'] }));
    fs.writeFileSync(file, yaml.dump({ forums }));
    const before = { forums: await count('SELECT COUNT(*) AS n FROM forum'), revisions: await count('SELECT COUNT(*) AS n FROM revision') };
    const child = spawn(process.execPath, [projectPath('dist/src/import-cli.js'), file, '--actor', 'bulk'], {
      env: { ...process.env, DATABASE_URL: databaseUrl() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let progress = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        const done = /(\d+)\/20000 records/.exec(progress.slice(-60));
        if (done && Number(done[1]) >= 2000) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the import ended (code ${code}) before it could be killed: ${progress.slice(-300)}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    expect(await count('SELECT COUNT(*) AS n FROM forum')).toBe(before.forums);
    expect(await count('SELECT COUNT(*) AS n FROM revision')).toBe(before.revisions);
    expect(await count("SELECT COUNT(*) AS n FROM record_state WHERE node_id LIKE 'bulk-%'")).toBe(0);
    expect(dataOf(await app.gql('{ forums(stage: DRAFT) { totalCount } }', undefined, { token: editor })).forums.totalCount).toBe(before.forums);
  }, 180_000);
});
