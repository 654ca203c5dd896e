import { type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, isObjectType, parse } from 'graphql';
import { createSelectionCompiler } from '../src/compiler/compile';
import { roleOf } from '../src/modules/auth/auth.roles';
import { WRITE_KINDS } from '../src/modules/writes/write-kinds';
import { createSchema } from '../src/schema';
import { toGlobalId } from '../src/shared/global-id';
import { type HttpAnswer, type TestApp, request, startTestApp, tokens } from './support/app';

/*
 * Who may do what is decided in two places only: the stage (requireStageAccess: a DRAFT read and
 * every write need EDITOR), asked alike by GraphQL, the exports and the calendar; and the role a
 * field or mutation declares (NeedsRole), checked by the schema's one authChecker.
 */

let app: TestApp;
let base: string;
let reader: string;
let editor: string;

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  base = app.url.replace(/\/graphql$/, '');
  ({ reader, editor } = await tokens(app, 'roles', ['READER', 'EDITOR']));
}, 90_000);
afterAll(() => app?.close());

/** The status, code and message of a refusal: GraphQL's first error, or a route's JSON error. */
async function refusal(answer: Promise<HttpAnswer>): Promise<{ status: number; code: string; message: string }> {
  const response = await answer;
  const body = response.body as { errors?: { message: string; extensions: { code: string } }[]; error?: { code: string; message: string } };
  const error = body.error ?? { code: body.errors![0].extensions.code, message: body.errors![0].message };
  return { status: response.status, code: error.code, message: error.message };
}

function graphql(query: string, token?: string): Promise<HttpAnswer> {
  return request(app.url, { json: { query }, token });
}

describe('the DRAFT stage', () => {
  it('is refused alike, by one check, to GraphQL, the CSV export and the calendar', async () => {
    const expected = {
      status: 403,
      code: 'FORBIDDEN',
      message: 'Reading the DRAFT stage needs the role EDITOR or higher; the token "roles-reader" has the role READER.',
    };
    expect(await refusal(graphql('{ forums(stage: DRAFT, first: 1) { totalCount } }', reader))).toEqual(expected);
    expect(await refusal(request(`${base}/export/forums.csv?stage=DRAFT`, { token: reader }))).toEqual(expected);
    expect(await refusal(request(`${base}/calendar.ics?stage=DRAFT`, { token: reader }))).toEqual(expected);
    // Anonymous: the same check, the same words for who asked.
    const anonymous = await refusal(request(`${base}/calendar.ics?stage=DRAFT`));
    expect(anonymous.message).toBe('Reading the DRAFT stage needs the role EDITOR or higher; the request has no token (Authorization: Bearer <token>).');
  });

  it('refuses every write below EDITOR before anything runs', async () => {
    const mutation = `mutation { publish(input: { targets: [{ id: "${toGlobalId('Forum', 'baikal-education-forum-8')}", expectedVersion: 1 }] }) { userErrors { code } } }`;
    expect(await refusal(graphql(mutation, reader))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'A mutation needs the role EDITOR or higher; the token "roles-reader" has the role READER.',
    });
  });
});

describe('the roles fields and mutations declare', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('are the write side\'s, the revisions\', the webhooks\', the trusted documents\' and the saved queries\', each on the field it guards', () => {
    const declared: Record<string, string> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const role = roleOf(field);
        if (role) declared[`${type.name}.${field.name}`] = role;
      }
    }
    const expected: Record<string, string> = {
      'Query.revisions': 'EDITOR',
      'Mutation.publish': 'PUBLISHER',
      'Mutation.unpublish': 'PUBLISHER',
      'Mutation.importContent': 'EDITOR',
      'Mutation.registerTrustedDocuments': 'ADMIN',
      'Mutation.retireTrustedDocuments': 'ADMIN',
      'Query.savedQueries': 'READER',
      'Mutation.saveQuery': 'READER',
      'Mutation.deleteSavedQuery': 'READER',
    };
    for (const field of ['Query.webhookEndpoints', 'Query.webhookDeliveries', 'Mutation.addWebhookEndpoint', 'Mutation.disableWebhookEndpoint', 'Mutation.rotateWebhookSecret', 'Mutation.replayWebhookDelivery']) {
      expected[field] = 'ADMIN';
    }
    for (const { type } of WRITE_KINDS) {
      Object.assign(expected, { [`Mutation.create${type}`]: 'EDITOR', [`Mutation.update${type}`]: 'EDITOR', [`Mutation.delete${type}`]: 'PUBLISHER', [`${type}.revisions`]: 'EDITOR' });
    }
    expect(declared).toEqual(expected);
  });

  it('are checked by the one authChecker, which names the field', async () => {
    const forum = toGlobalId('Forum', 'baikal-education-forum-8');
    type Answer = { data: unknown; errors: { message: string; path: string[]; extensions: { code: string } }[] };
    const errorsOf = (answer: Answer) => answer.errors.map((e) => ({ code: e.extensions.code, message: e.message, path: e.path }));
    const publish = (await graphql(`mutation { publish(input: { targets: [{ id: "${forum}", expectedVersion: 1 }] }) { userErrors { code } } }`, editor)).body as Answer;
    expect(publish.data).toBeNull();
    expect(errorsOf(publish)).toEqual([{ code: 'FORBIDDEN', message: 'Mutation.publish needs the role PUBLISHER or higher; the token "roles-editor" has the role EDITOR.', path: ['publish'] }]);
    const revisions = (await graphql(`{ node(id: "${forum}") { ... on Forum { title revisions { totalCount } } } }`, reader)).body as Answer;
    expect(revisions.data).toEqual({ node: null });
    expect(errorsOf(revisions)).toEqual([{ code: 'FORBIDDEN', message: 'Forum.revisions needs the role EDITOR or higher; the token "roles-reader" has the role READER.', path: ['node', 'revisions'] }]);
    // The revisions export reads Query.revisions: refused by the same check, as 403 before any row.
    expect(await refusal(request(`${base}/export/revisions.csv`, { token: reader }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Query.revisions needs the role EDITOR or higher; the token "roles-reader" has the role READER.',
    });
  });

  it('keep a guarded field out of the compiled statement: the resolvers, which check it, answer', async () => {
    const query = '{ forums(first: 2) { totalCount nodes { title } } }';
    const operation = parse(query);
    const compile = (of: GraphQLSchema) => createSelectionCompiler(of, app.database).compile(operation, operation.definitions[0] as OperationDefinitionNode, {});
    expect(compile(schema)?.keys).toEqual(['forums']);
    // The same schema, with Forum.title declaring a role, as NeedsRole would.
    const guarded = await createSchema();
    const title = (guarded.getType('Forum') as GraphQLObjectType).getFields().title;
    (title as { extensions: object }).extensions = { ...title.extensions, role: 'EDITOR' };
    expect(compile(guarded)).toBeNull();
    // And a guarded root field.
    const root = await createSchema();
    const forums = root.getQueryType()!.getFields().forums;
    (forums as { extensions: object }).extensions = { ...forums.extensions, role: 'EDITOR' };
    expect(compile(root)).toBeNull();
  });
});
