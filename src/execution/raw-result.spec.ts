import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RawAnswer, rawData, sendAnswer, stringifyResult } from './raw-result';

describe('rawData and stringifyResult', () => {
  const json = '{"forums":{"nodes":[{"title":"Форум \\"Профессионалитет\\""}]},"n":2}';
  const bytes = Buffer.from(json);

  it('writes the bytes as text where no response takes them, with errors and extensions where Apollo puts them', () => {
    const data = rawData(bytes, ['forums', 'n']);
    expect(stringifyResult({ data })).toBe(`{"data":${json}}\n`);
    expect(stringifyResult({ errors: undefined, data, extensions: { cost: { requested: 3 } } })).toBe(`{"data":${json},"extensions":{"cost":{"requested":3}}}\n`);
  });

  it('reads as the object it stands for, and stringifies to the same text', () => {
    const data = rawData(bytes, ['forums', 'n']);
    expect(data).toEqual(JSON.parse(json));
    expect(JSON.stringify({ data })).toBe(`{"data":${json}}`);
  });

  it('hands the bytes to a response that takes them, leaving a placeholder in the text', () => {
    const answer = new RawAnswer();
    const text = stringifyResult({ data: rawData(bytes, ['forums', 'n'], answer), extensions: { x: 1 } });
    expect(text).toBe('{"data":\u0000,"extensions":{"x":1}}\n');
    expect(answer.bytes).toBe(bytes);
  });

  it('writes any other result as Apollo does', () => {
    const result = { errors: [{ message: 'no' }], data: null, extensions: { code: 1 } };
    expect(stringifyResult(result)).toBe(`${JSON.stringify(result)}\n`);
  });
});

describe('sendAnswer', () => {
  it('sends the bytes in place of the placeholder, and every other body as it is', async () => {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      const answer = new RawAnswer();
      if (req.url === '/raw') sendAnswer(req, res, stringifyResult({ data: rawData(Buffer.from('{"a":"ё"}'), ['a'], answer) }), answer);
      else sendAnswer(req, res, '{"b":"\\u0000"}', answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const raw = await fetch(`${base}/raw`);
      expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(raw.headers.get('content-length')).toBe(String(Buffer.byteLength('{"data":{"a":"ё"}}\n')));
      expect(await raw.text()).toBe('{"data":{"a":"ё"}}\n');
      expect(await (await fetch(`${base}/raw`, { method: 'HEAD' })).text()).toBe('');
      expect(await (await fetch(`${base}/text`)).text()).toBe('{"b":"\\u0000"}');
    } finally {
      server.close();
    }
  });
});
