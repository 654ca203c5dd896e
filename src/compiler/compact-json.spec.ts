import fc from 'fast-check';
import { compactJson } from './compact-json';

/** What compactJson must give: the bytes of JSON.stringify over the parsed value. */
const expected = (text: string) => Buffer.from(JSON.stringify(JSON.parse(text)));

/** A number as PostgreSQL may print it: integers, numerics with trailing zeros, floats with exponents. */
const pgNumber = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.nat({ max: 9999 }), fc.nat({ max: 3 })).map(([whole, fraction, zeros]) => `${whole}.${fraction}${'0'.repeat(zeros)}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? '-0' : n.toExponential())),
  fc.constantFrom('0', '-0', '0.0', '1e5', '1E+21', '2.50e-7', '-0.000'),
);

/** Text with what escaping must survive: quotes, backslashes before quotes, control characters, Cyrillic, astral characters. */
const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\\"', '\n', '\t', '\u0001', '\u001f', ' ', 'я', 'Ё', '😀', '/', '\u2028'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });

/** Whitespace as PostgreSQL puts it between tokens, and more. */
const space = fc.constantFrom('', ' ', '  ', '\n', ' \n ', '\t', '\r\n');

/** A JSON text of nested objects and arrays written with `space` around every token, keys never array indexes nor repeated. */
const pgJson: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pgNumber,
    text.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null'),
    fc.tuple(fc.array(tie('value'), { maxLength: 5 }), space).map(([items, s]) => `[${s}${items.join(`${s},${s}`)}${s}]`),
    fc
      .tuple(fc.uniqueArray(fc.tuple(text.filter((k) => !/^\d+$/.test(k) && k !== '__proto__'), tie('value')), { maxLength: 5, selector: ([k]) => k }), space)
      .map(([pairs, s]) => `{${s}${pairs.map(([k, v]) => `${JSON.stringify(k)}${s}:${s}${v}`).join(`${s},${s}`)}${s}}`),
  ),
})).value;

describe('compactJson', () => {
  it('gives the bytes JSON.stringify(JSON.parse()) gives, for any JSON written with spaces', () => {
    fc.assert(
      fc.property(pgJson, space, (json, s) => {
        const input = Buffer.from(`${s}${json}${s}`);
        expect(compactJson(input).equals(expected(input.toString()))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes PostgreSQL\'s json_build_object and json_agg output compactly', () => {
    const text = '{"node" : {"id" : {"$i:Forum" : "f-1"}, "title" : "Форум \\"Профессионалитет\\" \\\\", "edition" : 3.0, "tags" : ["a", \n "b"], "n" : null, "ok" : true}}';
    expect(compactJson(Buffer.from(text)).toString()).toBe('{"node":{"id":{"$i:Forum":"f-1"},"title":"Форум \\"Профессионалитет\\" \\\\","edition":3,"tags":["a","b"],"n":null,"ok":true}}');
  });

  it('makes room for numbers written longer than they came', () => {
    const text = `[${Array(40).fill('1e5').join(',')}]`;
    expect(compactJson(Buffer.from(text)).equals(expected(text))).toBe(true);
  });

  it('refuses a string left open', () => {
    expect(() => compactJson(Buffer.from('{"a" : "b\\"}'))).toThrow(SyntaxError);
  });
});
