import { textProblem } from '../../shared/record-fields';
import { Forum } from '../forum/forum.entity';
import { Speaker } from '../speaker/speaker.entity';
import { ancestorLoop, parseRecord } from './content.schema';

describe('textProblem', () => {
  it.each([
    ['plain text', 'Байкальский форум 🙂', null],
    ['NUL', 'a\u0000b', 'expected text without NUL (U+0000); received one at character 2'],
    ['a lone high surrogate', 'ab\uD83D', 'expected well-formed Unicode text; received a lone surrogate U+D83D at character 3'],
    ['a lone low surrogate', '\uDE42x', 'expected well-formed Unicode text; received a lone surrogate U+DE42 at character 1'],
    ['a reversed pair', '\uDE42\uD83D', 'expected well-formed Unicode text; received a lone surrogate U+DE42 at character 1'],
  ])('%s', (_label, text, problem) => {
    expect(textProblem(text)).toBe(problem);
  });
});

describe('parseRecord: the rules between fields', () => {
  const forum = (dates: Record<string, string>) => parseRecord(Forum.model.schema(), { key: 'f', title: 'Ф', sources: ['s'], ...dates });
  const issues = (result: ReturnType<typeof forum>) => (result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]));

  it.each([
    [{ startDate: '2024-05-10', endDate: '2024-05-10' }, []],
    [{ startDate: '2024-05-10', endDate: '2024' }, []],
    [{ startDate: '2024', endDate: '2024-01-01' }, []],
    [{ startDate: '2024-05', endDate: '2024-04-30' }, [['endDate', 'expected endDate on or after startDate "2024-05"; received "2024-04-30"']]],
    [{ endDate: '1999' }, []],
  ])('a span %j ends on or after its start, partial dates covering their span', (dates, expected) => {
    expect(issues(forum(dates))).toEqual(expected);
  });

  it('checks the spans of link records at their own path', () => {
    const result = parseRecord(Speaker.model.schema(), { key: 's', fullName: 'С', sources: ['p'], affiliations: [{ organization: 'o', sources: ['p'] }, { organization: 'o', since: '2021', until: '2020', sources: ['p'] }] });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['affiliations.1.until']);
  });
});

describe('ancestorLoop', () => {
  const parents = new Map<string, string | undefined>([
    ['b', 'a'],
    ['c', 'b'],
    ['x', 'y'],
    ['y', 'x'],
  ]);
  const parentOf = (key: string) => parents.get(key);

  it('gives the chain that leads back to the record', async () => {
    expect(await ancestorLoop('a', 'c', parentOf)).toEqual(['c', 'b', 'a']);
  });

  it('gives null for a chain that ends, or loops elsewhere (older data) without passing the record', async () => {
    expect(await ancestorLoop('d', 'c', parentOf)).toBeNull();
    expect(await ancestorLoop('d', 'x', parentOf)).toBeNull();
    expect(await ancestorLoop('d', undefined, parentOf)).toBeNull();
  });
});
