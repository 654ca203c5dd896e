import { EXCERPT_LENGTH, escapeHtml, highlight } from './search.highlight';
import { parseSearchQuery } from './search.parser';

const field = (text: string, name = 'body') => ({ field: name, text });
const mark = (query: string, ...texts: string[]) => highlight(texts.map((t) => field(t)), parseSearchQuery(query));

describe('highlight', () => {
  it('wraps every form of the query words in <b>, and nothing else', () => {
    expect(mark('кадры', 'Подготовка кадров: кадры и Кадрами')).toBe('Подготовка <b>кадров</b>: <b>кадры</b> и <b>Кадрами</b>');
    expect(mark('кадр*', 'кадровый резерв')).toBe('<b>кадровый</b> резерв');
    expect(mark('"региональная модель"', 'региональные модели')).toBe('<b>региональные</b> <b>модели</b>');
  });

  it('never marks an excluded word', () => {
    expect(mark('техникум -кадры', 'техникум готовит кадры')).toBe('<b>техникум</b> готовит кадры');
  });

  it('escapes &, <, >, " and \' in the text and in the marked words', () => {
    const out = mark('кадры', `<script>"кадры"</script> & 'кадры' «Кадры»`);
    expect(out).toBe('&lt;script&gt;&quot;<b>кадры</b>&quot;&lt;/script&gt; &amp; &#39;<b>кадры</b>&#39; «<b>Кадры</b>»');
    expect(out!.replace(/<\/?b>/g, '')).not.toMatch(/[<>"']/);
  });

  it('picks the field that matches the most query words, the first on a tie', () => {
    const fields = [field('Техникум', 'title'), field('кадры для техникума', 'body'), field('кадры', 'lead')];
    expect(highlight(fields, parseSearchQuery('кадры техникум'))).toBe('<b>кадры</b> для <b>техникума</b>');
    expect(highlight(fields.slice(0, 1).concat(fields[2]), parseSearchQuery('кадры техникум'))).toBe('<b>Техникум</b>');
  });

  it('cuts a long text around the first match on word boundaries, with … where cut', () => {
    const before = 'слово '.repeat(40);
    const after = ' текст'.repeat(40);
    const out = mark('кадры', `${before}подготовка кадров${after}`)!;
    expect(out.startsWith('…слово')).toBe(true);
    expect(out.endsWith('текст…')).toBe(true);
    expect(out).toContain('подготовка <b>кадров</b>');
    expect(out.replace(/<\/?b>/g, '').length).toBeLessThanOrEqual(EXCERPT_LENGTH + 2);
  });

  it('keeps the start of a text whose match is near the start, and fills the excerpt near the end', () => {
    expect(mark('кадры', `Кадры ${'и '.repeat(200)}`)!.startsWith('<b>Кадры</b> и')).toBe(true);
    const tail = mark('кадры', `${'и '.repeat(200)}конец: кадры.`)!;
    expect(tail.endsWith('конец: <b>кадры</b>.')).toBe(true);
    expect(tail.replace(/<\/?b>/g, '').length).toBeGreaterThan(EXCERPT_LENGTH - 10);
  });

  it('collapses whitespace and falls back to the first field when no word matches', () => {
    expect(mark('кадры', 'Кадры\n\n  решают\tвсё')).toBe('<b>Кадры</b> решают всё');
    expect(mark('нет', 'Без совпадений')).toBe('Без совпадений');
    expect(highlight([], parseSearchQuery('кадры'))).toBeNull();
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
