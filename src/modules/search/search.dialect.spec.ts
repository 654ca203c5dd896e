import { GAP, searchDialect } from './search.dialect';
import { parseSearchQuery } from './search.parser';

const compile = (name: string, query: string) => searchDialect(name).compile(parseSearchQuery(query));

describe('the search dialects', () => {
  it('compile a query to FTS5 syntax with every word quoted', () => {
    expect(compile('sqlite', 'кадры "региональная модель" кадр* -техникум -"a b"')).toBe(
      '(("кадр") AND ("региональн" + "модел") AND ("кадр" *)) NOT ("техникум") NOT ("a" + "b")',
    );
    expect(compile('sqlite', 'NEAR(a b) OR')).toBe('(("near" + "a") AND ("b") AND ("or"))');
  });

  it('compile a query to a tsquery literal with phrases, prefixes and negation', () => {
    expect(compile('postgres', 'кадры "региональная модель" кадр* -техникум')).toBe(
      "('кадр') & ('региональн' <-> 'модел') & ('кадр':*) & !('техникум')",
    );
  });

  it('write the same positions to both databases: head weighted A, one empty position, then the body', () => {
    const entry = { nodeType: 'Session', nodeId: 's', head: ['кадр', GAP, 'кадр'], body: ['модел'] };
    // SQLite's entry takes its document's key twice first: its rowid is the document's (see search.dialect.ts).
    expect(searchDialect('sqlite').entryParams(entry)).toEqual(['Session', 's', 'Session', 's', `кадр ${GAP} кадр`, 'модел']);
    expect(searchDialect('postgres').entryParams(entry)).toEqual(['Session', 's', "'кадр':1A,3A 'модел':5"]);
  });
});
