import type { DataSource } from 'typeorm';

/** True when the content tables hold nothing yet: a new database that start-up should seed. */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const rows: { n: number | string }[] = await dataSource.query('SELECT COUNT(*) AS n FROM federal_district');
  return Number(rows[0].n) === 0;
}
