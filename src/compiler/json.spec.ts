import { postgresDialect, sqliteDialect } from '../db/dialect';
import { JsonSql, orderItems } from './json';
import { Marks } from './marks';
import { sql } from './sql';

describe('orderItems', () => {
  it('cuts the ORDER BY lists the relations and the compiler write into keys and directions', () => {
    expect(orderItems('t.ordinal, t.id')).toEqual([
      { expr: 't.ordinal', direction: '' },
      { expr: 't.id', direction: '' },
    ]);
    expect(orderItems('CASE WHEN t.published_at_from IS NULL THEN 1 ELSE 0 END, t.published_at_from DESC, t.id')).toEqual([
      { expr: 'CASE WHEN t.published_at_from IS NULL THEN 1 ELSE 0 END', direction: '' },
      { expr: 't.published_at_from', direction: ' DESC' },
      { expr: 't.id', direction: '' },
    ]);
    expect(orderItems('t.date_from COLLATE "C" ASC NULLS LAST, t.title_fold COLLATE "C" desc  nulls first, t.id COLLATE "C" ASC')).toEqual([
      { expr: 't.date_from COLLATE "C"', direction: ' ASC NULLS LAST' },
      { expr: 't.title_fold COLLATE "C"', direction: ' DESC NULLS FIRST' },
      { expr: 't.id COLLATE "C"', direction: ' ASC' },
    ]);
  });

  it('keeps the commas inside parentheses and quotes in their key', () => {
    expect(orderItems("coalesce(t.start_date_from, x'') DESC, substr(t.title, 1, 3), 'a,b' || t.id, \"odd,name\" NULLS LAST")).toEqual([
      { expr: "coalesce(t.start_date_from, x'')", direction: ' DESC' },
      { expr: 'substr(t.title, 1, 3)', direction: '' },
      { expr: "'a,b' || t.id", direction: '' },
      { expr: '"odd,name"', direction: ' NULLS LAST' },
    ]);
  });
});

describe('JsonSql.list', () => {
  const rows = (json: JsonSql) => sql`SELECT t.id AS id${json.orderColumns('t.ordinal DESC, t.id')} FROM quote t WHERE t.session_id = ${'q0.id'} ORDER BY t.ordinal DESC, t.id`;

  it('on PostgreSQL reads the rows again by the keys they were sorted by, as columns of theirs', () => {
    const json = new JsonSql(postgresDialect, new Marks());
    const list = json.list(sql`q1.id`, rows(json), 'q1', 't.ordinal DESC, t.id');
    expect(list.text).toBe(
      'array_to_json(ARRAY(SELECT q1.id FROM (SELECT t.id AS id, t.ordinal AS __o0, t.id AS __o1 FROM quote t WHERE t.session_id = q0.id ORDER BY t.ordinal DESC, t.id) q1 ORDER BY q1.__o0 DESC, q1.__o1))',
    );
  });

  it('on SQLite aggregates the rows as the ordered subquery gives them', () => {
    const json = new JsonSql(sqliteDialect, new Marks());
    const list = json.list(sql`q1.id`, rows(json), 'q1', 't.ordinal DESC, t.id');
    expect(list.text).toBe(`(SELECT ${sqliteDialect.jsonAgg('q1.id', null)} FROM (SELECT t.id AS id FROM quote t WHERE t.session_id = q0.id ORDER BY t.ordinal DESC, t.id) q1)`);
  });
});
