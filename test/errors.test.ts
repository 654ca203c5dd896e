import { type TestApp, startTestApp } from './support/app';

describe('unexpected errors', () => {
  it.each(['production', 'development', 'test'])('in %s, a database failure is a masked INTERNAL_SERVER_ERROR, no SQL text, and the server keeps answering', async (nodeEnv) => {
    const app: TestApp = await startTestApp({ env: { NODE_ENV: nodeEnv } });
    try {
      await app.database.dataSource.query('ALTER TABLE figure RENAME TO figure_away');
      const response = await app.gql(`{ figures { totalCount } }`);
      expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(response.errors?.[0].message).toBe('Internal server error');
      expect(JSON.stringify(response)).not.toMatch(/no such table|does not exist|SQLITE|QueryFailed|stacktrace|"figure"|FROM |SELECT /i);
      const exported = await fetch(app.url.replace(/graphql$/, 'export/figures.csv'));
      expect(exported.status).toBe(500);
      expect(await exported.json()).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
      const healthy = await app.gql(`{ forums { totalCount } }`);
      expect(healthy.data?.forums.totalCount).toBe(4);
      await app.database.dataSource.query('ALTER TABLE figure_away RENAME TO figure');
      expect((await app.gql(`{ figures { totalCount } }`)).data?.figures.totalCount).toBe(20);
    } finally {
      await app.close();
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
