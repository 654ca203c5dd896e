import { GraphQLError, GraphQLInt, type GraphQLFormattedError } from 'graphql';
import { createFormatError, isDatabaseError } from './errors';

/** A field's error as graphql-js makes it: located at `path`, wrapping what was thrown. */
function fieldError(thrown: Error, path = ['forums', 'nodes', 0, 'edition']): [GraphQLFormattedError, GraphQLError] {
  const error = new GraphQLError(thrown.message, { path, originalError: thrown });
  return [error.toJSON(), error];
}

/** A driver's error of SQLite (sqlite3) and of PostgreSQL (pg), and TypeORM's wrapper. */
const SQLITE = Object.assign(new Error('SQLITE_ERROR: no such table: figure'), { errno: 1, code: 'SQLITE_ERROR' });
const PG = Object.assign(new Error('relation "figure" does not exist'), { code: '42P01', severity: 'ERROR', routine: 'parserOpenTable' });
const TYPEORM = Object.assign(new Error('duplicate key value violates unique constraint "forum_organizer_pkey"'), {
  name: 'QueryFailedError',
  query: 'INSERT INTO forum_organizer ...',
  driverError: PG,
});

describe('createFormatError never lets a database error reach a client as SQL text', () => {
  it.each([
    ['SQLite', SQLITE],
    ['PostgreSQL', PG],
    ['TypeORM', TYPEORM],
    ['a message quoting a statement', new Error('cannot run SELECT id FROM forum WHERE x')],
  ])('masks %s error text even unmasked (development, tests)', (_name, thrown) => {
    const logged: unknown[] = [];
    const format = createFormatError({ mask: false, log: (e) => logged.push(e) });
    expect(format(...fieldError(thrown))).toEqual({ message: 'Internal server error', path: ['forums', 'nodes', 0, 'edition'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([thrown]);
  });

  it('keeps another unexpected error\'s message in development, and masks it in production', () => {
    const thrown = new Error('Invariant violation: a loader returned 2 rows for 3 keys');
    expect(createFormatError({ mask: false, log: () => undefined })(...fieldError(thrown)).message).toBe(thrown.message);
    expect(createFormatError({ mask: true, log: () => undefined })(...fieldError(thrown)).message).toBe('Internal server error');
  });

  it('tells the driver\'s errors from others', () => {
    expect([SQLITE, PG, TYPEORM].map(isDatabaseError)).toEqual([true, true, true]);
    expect(isDatabaseError(new GraphQLError('wrapped', { originalError: SQLITE }))).toBe(true);
    expect(isDatabaseError(Object.assign(new Error('rate limited'), { code: 'RATE_LIMITED' }))).toBe(false);
    expect(isDatabaseError(new Error('Select one of the lists'))).toBe(false);
  });
});

describe('createFormatError keeps a bad stored value to its field', () => {
  it('answers an Int out of range as INVALID_STORED_VALUE at its path, in production too', () => {
    let thrown: Error | undefined;
    try {
      GraphQLInt.serialize(1e300);
    } catch (error) {
      thrown = error as Error;
    }
    expect(createFormatError({ mask: true, log: () => undefined })(...fieldError(thrown!))).toEqual({
      message: "A stored value does not fit the field's type, so it reads as null (fix the record): Int cannot represent non 32-bit signed integer value: 1e+300.",
      path: ['forums', 'nodes', 0, 'edition'],
      extensions: { code: 'INVALID_STORED_VALUE' },
    });
  });
});
