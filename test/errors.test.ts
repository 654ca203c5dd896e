import { type TestApp, startTestApp } from './support/app';

describe('unexpected errors', () => {
  it.each([
    ['production', true],
    ['development', false],
  ])('in %s, a database failure is INTERNAL_SERVER_ERROR (masked: %s) and the server keeps answering', async (nodeEnv, masked) => {
    const app: TestApp = await startTestApp({ env: { NODE_ENV: nodeEnv } });
    try {
      await app.database.dataSource.query('ALTER TABLE figure RENAME TO figure_away');
      const response = await app.gql(`{ figures { totalCount } }`);
      expect(response.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      if (masked) {
        expect(response.errors?.[0].message).toBe('Internal server error');
        expect(JSON.stringify(response)).not.toMatch(/no such table|does not exist|SQLITE|QueryFailed|stacktrace/i);
      } else {
        expect(response.errors?.[0].message).toMatch(/figure.*(no such table|does not exist)|(no such table|does not exist).*figure/);
      }
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
