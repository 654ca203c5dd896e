import fs from 'node:fs';
import { z } from 'zod';
import { RECORD_SHAPES_END, RECORD_SHAPES_START, SEEDS_README, recordShape, recordShapes, withRecordShapes } from '../seeds/record-shapes';
import { SEED_SCHEMAS } from '../seeds/read';
import { Quote } from '../src/modules/publication/quote.entity';
import { WRITE_ORDER } from '../src/modules/writes/write-records';
import { projectPath } from '../src/shared/paths';
import { date, enumOf, int, key, keys, number, sources, text } from '../src/shared/record-fields';

/**
 * The "Record shapes" list of seeds/README.md is made from the schemas the seed loader checks the
 * files with (seeds/record-shapes.ts): the committed list is the one the code gives, and the
 * generator reads every field a schema has.
 */

const readme = () => fs.readFileSync(projectPath(SEEDS_README), 'utf8');

describe('the record shapes of seeds/README.md', () => {
  it('are the list the seed schemas give (run `npm run schema:emit`)', () => {
    const committed = readme();
    const start = committed.indexOf(RECORD_SHAPES_START);
    const end = committed.indexOf(RECORD_SHAPES_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(committed.slice(start + RECORD_SHAPES_START.length, end)).toBe(`\n${recordShapes()}\n`);
    expect(withRecordShapes(committed)).toBe(committed);
  });

  it('name every field of every seed file\'s records, each kind after those it refers to, one bullet per file, regions (a CSV) aside', () => {
    const bullets = recordShapes().split(/\n(?=- )/);
    expect(bullets.map((bullet) => /^- \*\*([^*]+)\*\*/.exec(bullet)?.[1])).toEqual([
      'publication', 'federal district', 'organization', 'forum', 'speaker', 'session', 'cluster', 'cluster event', 'quote', 'figure',
    ]);
    /** A bullet's top-level fields: what is left without its kind, notes and nested fields. */
    const fieldsOf = (bullet: string) =>
      bullet
        .replace(/\s+/g, ' ')
        .replace(/^- \*\*[^*]+\*\*: /, '')
        .replace(/ \([^)]*\)/g, '')
        .replace(/: \[?\{[^}]*\}\]?/g, '')
        .split(', ')
        .map((field) => field.replace(/^\*(.*)\*$/, '$1'));
    const filed = WRITE_ORDER.flatMap((kind) => (kind.set in SEED_SCHEMAS ? [SEED_SCHEMAS[kind.set as keyof typeof SEED_SCHEMAS]] : []));
    expect(bullets.map(fieldsOf)).toEqual(filed.map((schema) => Object.keys(schema.shape)));
  });

  it('document the seed files\' schema where the write schema differs: a quote names no sources in its file', () => {
    expect(Object.keys(Quote.model.writeSchema().shape)).toContain('sources');
    const quote = recordShapes().split(/\n(?=- )/).find((bullet) => bullet.startsWith('- **quote**'));
    expect(quote).toBeDefined();
    expect(quote).not.toContain('sources');
  });

  it('read a schema\'s optional fields, enums, numbers, references and link records', () => {
    const Kind = { ONE: 'ONE', OTHER_ONE: 'OTHER_ONE' } as const;
    const schema = z
      .object({
        key,
        title: text,
        subtitle: text.optional(),
        url: text.pipe(z.string().url()).optional(),
        kind: enumOf(Kind),
        mode: z.enum(['a', 'b']).default('a'),
        edition: int(1).optional(),
        value: number(false),
        startDate: date.optional(),
        region: key.optional(),
        parent: key.optional(),
        organizers: keys().default([]),
        members: z
          .array(z.object({ organization: key, role: enumOf(Kind), since: date.optional() }).strict())
          .superRefine(() => undefined)
          .default([]),
        subject: z.object({ kind: z.enum(['forum', 'session']), key }).strict().optional(),
        sources,
      })
      .strict();
    const shape = recordShape('ClusterEvent', schema, { region: 'Region', parent: 'ClusterEvent', organizers: 'Organization', sources: 'Publication' }, { members: { organization: 'Organization' } });
    expect(shape.replace(/\n {2}/g, ' ')).toBe(
      '- **cluster event**: key, title, *subtitle*, *url*, kind (`ONE` | `OTHER_ONE`), *mode* (`a` | `b`), *edition* (an integer), value (a number), ' +
        '*startDate*, *region*, *parent* (cluster event key), *organizers* (organization keys), ' +
        '*members*: [{organization, role (`ONE` | `OTHER_ONE`), *since*}], *subject*: {kind (`forum` | `session`), key}, sources (publication keys)',
    );
    expect(shape.split('\n').every((line) => line.length <= 100)).toBe(true);
  });
});
