import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, startTestApp, tokens } from './support/app';

describe('unexpected errors', () => {
  it.each(['production', 'development', 'test'])('in %s, a database failure is a masked INTERNAL_SERVER_ERROR, no SQL text, and the server keeps answering', async (nodeEnv) => {
    const app: TestApp = await startTestApp({ env: { NODE_ENV: nodeEnv } });
    try {
      await app.database.dataSource.query('ALTER TABLE figure RENAME TO figure_away');
      const response = await app.gql(`{ figures { totalCount } }`);
      expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors?.[0].message).toBe('Internal server error');
      expect(JSON.stringify(response)).not.toMatch(/no such table|does not exist|SQLITE|QueryFailed|stacktrace|"figure"|FROM |SELECT /i);
      const exported = await app.get('/export/figures.csv');
      expect(exported.status).toBe(500);
      expect(exported.body).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      const healthy = await app.gql(`{ forums { totalCount } }`);
      expect(healthy.data?.forums.totalCount).toBe(4);
      await app.database.dataSource.query('ALTER TABLE figure_away RENAME TO figure');
      expect((await app.gql(`{ figures { totalCount } }`)).data?.figures.totalCount).toBe(20);
    } finally {
      await app.close();
    }
  });

  it('a write or an import that fails in the database answers no SQL text, unmasked mode included', async () => {
    const app = await startTestApp({ env: { NODE_ENV: 'development' }, draft: true });
    try {
      const { editor } = await tokens(app, 'errors', ['EDITOR']);
      await app.draft!.dataSource.query('ALTER TABLE forum_organizer RENAME TO forum_organizer_away');
      const input = { key: 'errors-forum', title: 'Форум', regionId: toGlobalId('Region', 'RU-BU'), organizerIds: [toGlobalId('Organization', 'minprosveshcheniya')], sourceIds: [toGlobalId('Publication', 'news-main')] };
      const created = await app.gql('mutation ($input: CreateForumInput!) { createForum(input: $input) { userErrors { message } } }', { input }, { token: editor });
      const data = JSON.stringify({ forums: [{ key: 'errors-forum-2', title: 'Форум', region: 'RU-BU', organizers: ['minprosveshcheniya'], sources: ['news-main'] }] });
      const imported = await app.gql('mutation ($input: ImportInput!) { importContent(input: $input) { userErrors { message } } }', { input: { data, format: 'JSON' } }, { token: editor });
      for (const answer of [created, imported]) {
        expect(answer.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['INTERNAL_SERVER_ERROR', 'Internal server error']]);
        expect(JSON.stringify(answer)).not.toMatch(/forum_organizer|SQLITE|INSERT|relation|does not exist|no such table|stacktrace/i);
      }
    } finally {
      await app.close();
    }
  });

  it('with NODE_ENV unset (npm start) answers carry no stack trace; NODE_ENV=development does', async () => {
    for (const [nodeEnv, stack] of [['', false], ['development', true]] as const) {
      const app = await startTestApp({ seed: false, env: { NODE_ENV: nodeEnv } });
      try {
        const response = await app.gql('{ forums { nodes { colour } } }');
        expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect({ nodeEnv, stack: Array.isArray(response.errors?.[0].extensions?.stacktrace) }).toEqual({ nodeEnv, stack });
        expect(/node_modules\/|\.[jt]s:\d+/.test(JSON.stringify(response))).toBe(stack);
      } finally {
        await app.close();
      }
    }
  });

  it('GraphQL validation errors keep their code and message in production', async () => {
    const app = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const response = await app.gql(`{ forums { nodes { colour } } }`);
      expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0].message).toMatch(/Cannot query field "colour" on type "Forum"/);
    } finally {
      await app.close();
    }
  });

  it('without GRAPH_DEBUG responses carry no SQL statistics', async () => {
    const app = await startTestApp({ env: { GRAPH_DEBUG: '0' } });
    try {
      const response = await app.gql(`{ forums { totalCount } }`);
      expect(response.data?.forums.totalCount).toBe(4);
      expect(response.extensions?.sql).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
