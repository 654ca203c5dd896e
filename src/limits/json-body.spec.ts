import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express, { type RequestHandler } from 'express';
import { jsonBodyReader } from './json-body';

/**
 * The reader against body-parser's express.json on the same raw requests: each outcome (the
 * parsed body, or the error's status and type) must be the one body-parser gives, whichever of
 * the two paths of the reader takes it.
 */

const LIMIT = 64;

interface Outcome {
  status: number;
  type?: string;
  body?: unknown;
  verified?: string;
}

let server: http.Server;
let port: number;

/** Serves /ours and /library: each reads the body with its reader and answers what it got. */
beforeAll(async () => {
  const app = express();
  const verified = new WeakMap<http.IncomingMessage, string>();
  const verify = (req: http.IncomingMessage, _res: http.ServerResponse, body: Buffer) => {
    if (body.toString('utf8').includes('"refuse"')) throw new Error('refused by verify');
    verified.set(req, body.toString('hex'));
  };
  const answer = (reader: RequestHandler): RequestHandler => (req, res) =>
    reader(req, res, (error?: unknown) => {
      const failed = error as { status?: number; type?: string } | undefined;
      res.json(failed ? { status: failed.status, type: failed.type } : { status: 200, body: req.body ?? null, verified: verified.get(req) });
    });
  app.post('/ours', answer(jsonBodyReader({ limit: LIMIT, verify })));
  app.post('/library', answer(express.json({ limit: LIMIT, verify })));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(path: string, headers: Record<string, string>, chunks: readonly (string | Buffer)[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8')) as Outcome));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const withLength = (body: string | Buffer) => ({ ...json, 'content-length': String(Buffer.byteLength(body)) });

const cases: [string, Record<string, string>, (string | Buffer)[]][] = [
  ['an object', withLength('{"query":"{ __typename }"}'), ['{"query":"{ __typename }"}']],
  ['an array', withLength('[1,2]'), ['[1,2]']],
  ['white space, then an object', withLength(' \n\t{"a":1}'), [' \n\t{"a":1}']],
  ['an empty body', withLength(''), ['']],
  ['white space alone', withLength('  '), ['  ']],
  ['a string', withLength('"text"'), ['"text"']],
  ['null', withLength('null'), ['null']],
  ['broken JSON', withLength('{"a":'), ['{"a":']],
  ['a byte-order mark', withLength('\ufeff{"a":"я"}'), ['\ufeff{"a":"я"}']],
  ['charset=utf-8', { 'content-type': 'application/json; charset=UTF-8', 'content-length': '7' }, ['{"a":1}']],
  ['charset=latin1', { 'content-type': 'application/json; charset=latin1', 'content-length': '7' }, ['{"a":1}']],
  ['another type', { 'content-type': 'text/plain', 'content-length': '7' }, ['{"a":1}']],
  ['chunked', json, ['{"a":', '"b"}']],
  ['chunked past the limit', json, ['{"a":"', 'x'.repeat(LIMIT), '"}']],
  ['a length past the limit', withLength(`{"a":"${'x'.repeat(LIMIT)}"}`), [`{"a":"${'x'.repeat(LIMIT)}"}`]],
  ['gzip', { ...json, 'content-encoding': 'gzip' }, [zlib.gzipSync('{"a":1}')]],
  ['refused by verify', withLength('{"refuse":1}'), ['{"refuse":1}']],
];

it.each(cases)('reads %s as body-parser does', async (_name, headers, chunks) => {
  const library = await send('/library', headers, chunks);
  const ours = await send('/ours', headers, chunks);
  expect(ours).toEqual(library);
});

it('parses an object and hands verify its raw bytes', async () => {
  const body = '\ufeff{"a":"я"}';
  expect(await send('/ours', withLength(body), [body])).toEqual({ status: 200, body: { a: 'я' }, verified: Buffer.from(body).toString('hex') });
});

it('refuses what is not an object or an array, and a body past the limit, with their codes', async () => {
  expect(await send('/ours', withLength('"text"'), ['"text"'])).toEqual({ status: 400, type: 'entity.parse.failed' });
  expect(await send('/ours', json, ['{"a":"', 'x'.repeat(LIMIT), '"}'])).toEqual({ status: 413, type: 'entity.too.large' });
});

it('answers 400 when the client goes away before the body is whole', async () => {
  const ours = jsonBodyReader({ limit: LIMIT });
  let report: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => (report = resolve));
  const lone = http.createServer((req, res) =>
    ours(req as express.Request, res as express.Response, (error?: unknown) => {
      report({ status: (error as { status: number }).status, type: (error as { type: string }).type });
      res.end();
    }),
  );
  await new Promise<void>((resolve) => lone.listen(0, '127.0.0.1', resolve));
  const req = http.request({ host: '127.0.0.1', port: (lone.address() as AddressInfo).port, method: 'POST', headers: { ...json, 'content-length': '20' }, agent: false });
  req.on('error', () => undefined);
  req.write('{"a":', () => setTimeout(() => req.destroy(), 50));
  try {
    expect(await outcome).toEqual({ status: 400, type: 'request.aborted' });
  } finally {
    await new Promise<void>((resolve) => lone.close(() => resolve()));
  }
});
