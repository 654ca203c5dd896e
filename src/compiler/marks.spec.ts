import { toGlobalId } from '../shared/global-id';
import { encodeCursor } from '../shared/pagination';
import { CompiledFallback, Marks } from './marks';

/** `marks.finish` on text: the statement's JSON comes as UTF-8 bytes. */
const finish = (marks: Marks, text: string) => marks.finish(Buffer.from(text)).toString('utf8');

describe('Marks.finish', () => {
  it('leaves JSON without marks as it is', () => {
    const text = '{"a":[1,"{\\"$i:Forum\\":\\"x\\"}",{"b":null}]}';
    expect(finish(new Marks(), text)).toBe(text);
  });

  it('writes global IDs, cursors and fixed values where their marks stand', () => {
    const marks = new Marks();
    const cursor = marks.cursor('title:ASC');
    expect(marks.cursor('title:ASC')).toBe(cursor);
    const fix = marks.fix((v) => (v === null ? null : { iso: v, length: String(v).length }));
    const text = `{"id":{"$${marks.id('Forum')}":"forum-1"},"c":{"$${cursor}":["A \\"]\\" b",2.5,null]},"d":{"$${fix}":"2024-03"},"e":{"$${fix}":null},"n":{"$${cursor}":null}}`;
    expect(JSON.parse(finish(marks, text))).toEqual({
      id: toGlobalId('Forum', 'forum-1'),
      c: encodeCursor('title:ASC', ['A "]" b', 2.5, null]),
      d: { iso: '2024-03', length: 7 },
      e: null,
      n: null,
    });
  });

  it('reads a key with escapes as JSON', () => {
    const marks = new Marks();
    expect(finish(marks, `[{"$${marks.id('Speaker')}":"a\\\\b\\u00e9"}]`)).toBe(`["${toGlobalId('Speaker', 'a\\bé')}"]`);
  });

  it('throws CompiledFallback at a fallback mark, and where a fix refuses', () => {
    const marks = new Marks();
    expect(() => finish(marks, `{"a":1,"b":{"$${marks.fallback}":1}}`)).toThrow(CompiledFallback);
    const refuse = marks.fix(() => {
      throw new CompiledFallback();
    });
    expect(() => finish(marks, `{"a":{"$${refuse}":null}}`)).toThrow(CompiledFallback);
  });
});

describe('Marks kept between requests', () => {
  it('finishes each operation with its own fixes and orders', () => {
    const a = new Marks();
    const b = new Marks();
    const tagA = a.fix((v) => `a:${String(v)}`);
    const tagB = b.fix((v) => `b:${String(v)}`);
    expect(tagA).toBe(tagB);
    expect(finish(a, `[{"$${tagA}":"v"}]`)).toBe('["a:v"]');
    expect(finish(b, `[{"$${tagB}":"v"}]`)).toBe('["b:v"]');
    expect(finish(a, `[{"$${a.cursor('x')}":[1]}]`)).toBe(`["${encodeCursor('x', [1])}"]`);
    expect(finish(b, `[{"$${b.cursor('y')}":[1]}]`)).toBe(`["${encodeCursor('y', [1])}"]`);
  });
});
