import { rawData, stringifyResult } from './raw-result';

describe('rawData and stringifyResult', () => {
  const json = '{"forums":{"nodes":[{"title":"Форум \\"Профессионалитет\\""}]},"n":2}';

  it('sends the text as it is, with errors and extensions where Apollo puts them', () => {
    const data = rawData(json, ['forums', 'n']);
    expect(stringifyResult({ data })).toBe(`{"data":${json}}\n`);
    expect(stringifyResult({ errors: undefined, data, extensions: { cost: { requested: 3 } } })).toBe(`{"data":${json},"extensions":{"cost":{"requested":3}}}\n`);
  });

  it('reads as the object it stands for, and stringifies to the same text', () => {
    const data = rawData(json, ['forums', 'n']);
    expect(data).toEqual(JSON.parse(json));
    expect(JSON.stringify({ data })).toBe(`{"data":${json}}`);
  });

  it('writes any other result as Apollo does', () => {
    const result = { errors: [{ message: 'no' }], data: null, extensions: { code: 1 } };
    expect(stringifyResult(result)).toBe(`${JSON.stringify(result)}\n`);
  });
});
