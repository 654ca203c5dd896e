import type http from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { chain, isGraphqlRequest } from './http-direct';

const req = {} as Request;
const res = {} as Response;

/** Runs `handlers` through chain; resolves with what reached `done` and the order they ran in. */
function run(handlers: RequestHandler[]): Promise<{ error: unknown; ran: string[] }> {
  delete (req as unknown as { ran?: string[] }).ran;
  return new Promise((resolve) => chain(handlers)(req, res, (error) => resolve({ error, ran: (req as unknown as { ran: string[] }).ran })));
}

const step = (name: string, then: (next: NextFunction) => unknown = (next) => next()): RequestHandler => (request, _res, next) => {
  ((request as unknown as { ran: string[] }).ran ??= []).push(name);
  return then(next) as void;
};

describe('chain', () => {
  it('runs the handlers in order and calls done() past the last', async () => {
    expect(await run([step('a'), step('b'), step('c')])).toEqual({ error: undefined, ran: ['a', 'b', 'c'] });
  });

  it('skips to done(error) on next(error), a throw and a rejected promise', async () => {
    const boom = new Error('boom');
    expect(await run([step('a', (next) => next(boom)), step('b')])).toEqual({ error: boom, ran: ['a'] });
    expect(
      await run([
        step('a', () => {
          throw boom;
        }),
        step('b'),
      ]),
    ).toEqual({ error: boom, ran: ['a'] });
    expect(await run([step('a', () => Promise.reject(boom)), step('b')])).toEqual({ error: boom, ran: ['a'] });
  });

  it('goes on after an async handler calls next later', async () => {
    expect(await run([step('a', (next) => setTimeout(next, 1)), step('b')])).toEqual({ error: undefined, ran: ['a', 'b'] });
  });
});

describe('isGraphqlRequest', () => {
  const is = isGraphqlRequest('/graphql');
  const request = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;

  it('takes every POST to the path, and a GET that carries an operation', () => {
    expect(is(request('POST', '/graphql'))).toBe(true);
    expect(is(request('POST', '/graphql?x=1'))).toBe(true);
    expect(is(request('GET', '/graphql?query=%7B__typename%7D'))).toBe(true);
    expect(is(request('GET', '/graphql?documentId=sha256%3Aab'))).toBe(true);
    expect(is(request('GET', '/graphql?variables=%7B%7D&extensions=%7B%7D'))).toBe(true);
  });

  it('leaves the Playground, preflights, other paths and look-alikes to the app', () => {
    expect(is(request('GET', '/graphql'))).toBe(false);
    expect(is(request('GET', '/graphql?v=abc'))).toBe(false);
    expect(is(request('OPTIONS', '/graphql'))).toBe(false);
    expect(is(request('POST', '/graphqlx'))).toBe(false);
    expect(is(request('POST', '/graphql/x'))).toBe(false);
    expect(is(request('POST', '/export'))).toBe(false);
  });
});
