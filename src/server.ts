import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import { type Context, createContext } from './context';
import type { Database } from './db/data-source';
import { mountPlayground } from './playground/playground';
import { createFormatError } from './plugins/errors';
import { useSqlStats } from './plugins/sql-stats';

export interface Server {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Stops accepting connections, finishes requests in flight, then stops Apollo. */
  stop(): Promise<void>;
}

/**
 * The HTTP server: the Playground (GET /graphql from a browser), the GraphQL endpoint, and
 * /healthz. Nothing here is module-global, so tests run several servers in one process.
 */
export async function createServer(config: Config, database: Database, schema: GraphQLSchema): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: config.nodeEnv !== 'production',
    formatError: createFormatError({
      mask: config.nodeEnv === 'production',
      log: (error) => {
        if (config.nodeEnv !== 'test') console.error(error);
      },
    }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      useSqlStats({ enabled: config.debug }),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  mountPlayground(app, '/graphql');
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(database) }),
  );

  return {
    app,
    httpServer,
    apollo,
    async stop() {
      await apollo.stop();
    },
  };
}

/** Listens on the configured host and port; resolves with the port actually bound (0 picks one). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(port, host, () => {
      const address = server.httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
