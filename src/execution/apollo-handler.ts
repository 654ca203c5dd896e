import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import { RawAnswer, sendAnswer } from './raw-result';

/**
 * The last handler of the API: the request to Apollo (`executeHTTPGraphQLRequest`), its answer
 * to the response. What @as-integrations/express5 does, less what it costs every request and
 * this server does not need: the legacy `url.parse` of the whole URL for its query string, a
 * closure per request to hand Apollo the context, and Express's `res.send` for a string whose
 * content type Apollo has set. A RawAnswer is made for each request and given to its context,
 * so the selection compiler's bytes are sent as they are (raw-result.ts).
 */
export function apolloHandler<TContext extends BaseContext>(apollo: ApolloServer<TContext>, context: (req: Request, res: Response, answer: RawAnswer) => Promise<TContext>): RequestHandler {
  apollo.assertStarted('apolloHandler()');
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url;
    const query = url.indexOf('?');
    const answer = new RawAnswer();
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: query === -1 ? '' : url.slice(query), body: req.body },
      context: () => context(req, res, answer),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      sendAnswer(req, res, response.body.string, answer);
      return;
    }
    // An incremental answer (@defer, not enabled here) as Apollo streams it.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
