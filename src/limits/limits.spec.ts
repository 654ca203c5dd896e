import { jsonBytes } from './limits';

/** `{ "a": { "a": ... } }` nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: [value] };
  return value;
}

describe('jsonBytes', () => {
  it.each([
    ['an object with texts, numbers, lists and null', { where: { title: { contains: 'форум "X"\n' }, OR: [{ edition: { gte: -5 } }, null, true, 1.5e300] }, first: 20 }],
    ['an empty object and list', { a: {}, b: [] }],
    ['a list of scalars', [1, 'two', false, null]],
    ['a lone surrogate and an emoji', { s: '\ud800 😀' }],
  ])('counts %s as JSON.stringify writes it', (_name, value) => {
    expect(jsonBytes(value, 1e9)).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  it('never throws RangeError on variables nested 100,000 deep: it stops past the limit', () => {
    const value = nested(100_000);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(jsonBytes(value, 65_536)).toBeGreaterThan(65_536);
    expect(jsonBytes(value, 65_536)).toBeLessThan(65_600);
  });
});
