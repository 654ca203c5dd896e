import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';

/*
 * One layer of the per-request floor alone, answering `{ __typename }` on 127.0.0.1:<port>
 * (bench/floor-layers.ts starts it: `node dist/bench/floor-layer-server.js <layer> <port>`):
 *
 * - node: Node's HTTP server, reading the body and parsing its JSON, a fixed answer;
 * - express: Express 5 with express.json() and a route, a fixed answer;
 * - apollo-node: Apollo Server 5 on Node's HTTP server (executeHTTPGraphQLRequest), no Express;
 * - apollo-express: Apollo Server 5 through @as-integrations/express5, as this server mounted it before apolloHandler.
 *
 * Apollo runs a one-field schema with its defaults (the landing page off, as ours).
 */

const ANSWER = '{"data":{"__typename":"Query"}}\n';

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function apollo(): Promise<ApolloServer> {
  const server = new ApolloServer({ schema: buildSchema('type Query { a: Int }'), plugins: [ApolloServerPluginLandingPageDisabled()] });
  await server.start();
  return server;
}

async function main(): Promise<void> {
  const [layer, portText] = process.argv.slice(2);
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`expected a port; received "${portText}"`);
  let listener: http.RequestListener;
  if (layer === 'node') {
    listener = (req, res) => {
      void readBody(req).then((body) => {
        JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) });
        res.end(ANSWER);
      });
    };
  } else if (layer === 'express') {
    const app = express();
    app.use(express.json());
    app.post('/graphql', (_req, res) => {
      res.json({ data: { __typename: 'Query' } });
    });
    listener = app;
  } else if (layer === 'apollo-node') {
    const server = await apollo();
    listener = (req, res) => {
      void readBody(req).then(async (text) => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        const answer = await server.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: JSON.parse(text) },
          context: async () => ({}),
        });
        for (const [key, value] of answer.headers) res.setHeader(key, value);
        res.statusCode = answer.status ?? 200;
        res.end(answer.body.kind === 'complete' ? answer.body.string : '');
      });
    };
  } else if (layer === 'apollo-express') {
    const server = await apollo();
    const app = express();
    app.use('/graphql', express.json(), expressMiddleware(server));
    listener = app;
  } else {
    throw new Error(`expected a layer: node, express, apollo-node or apollo-express; received "${layer}"`);
  }
  http.createServer(listener).listen(port, '127.0.0.1');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
