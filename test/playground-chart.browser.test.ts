import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { type Page } from 'playwright-core';
import { PLAYGROUND_EXAMPLES } from '../src/playground/examples';
import {
  type OpenedPage,
  type PlaygroundServer,
  QUERY_EDITOR,
  RESPONSE,
  SCREENSHOT_DIR,
  graphqlData as postGraphQL,
  openPlayground,
  pageModule,
  pollPage,
  saveScreenshot,
  setHeaders,
  startPlaygroundServer,
  useChromium,
  waitForEditor,
  withPlaygroundPage,
} from './support/playground-browser';
import { request } from './support/app';
import { describeWith } from './support/services';

/**
 * The chart view (issue 17) in headless Chromium on the real data set, every non-local request
 * blocked: chart-view.js's mount, imported in the page, draws a stats answer as the groups say (read
 * from its model and from ECharts' option, not from pixels), lists them in a table and downloads
 * PNG, SVG and CSV; export-download.js's csvUrl gives an export URL that downloads the rows of
 * the GraphQL list.
 */

interface Group {
  key: Record<string, unknown>;
  count: number;
  [measure: string]: unknown;
}

interface Model {
  kind: 'bar' | 'line';
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  notDrawn: { category: string; series: { name: string; value: number | null }[] }[];
}

const BY_YEAR = `query ByYear {
  clusterEventStats(groupBy: [YEAR]) { key { year } count minStartDate { iso } sumReportedClusterCount }
}`;
const BY_DISTRICT = `query ByDistrict {
  clusters: clusterStats(groupBy: [FEDERAL_DISTRICT]) { key { district: federalDistrict { name } } count minLaunchYear maxLaunchYear }
}`;
const AGGREGATES = PLAYGROUND_EXAMPLES.find((example) => example.name === 'Aggregates')!;

let server: PlaygroundServer | undefined;

beforeAll(async () => {
  server = await startPlaygroundServer({ draft: true });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

const graphqlData = (query: string, variables?: Record<string, unknown>) => postGraphQL(server!, query, variables);

/** A key's text as the chart and table show it: a record by its name or title, null as "(none)". */
function keyLabel(value: unknown): string {
  if (value == null) return '(none)';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return String(record.title ?? record.name);
  }
  return String(value);
}

/**
 * The model the groups call for, written out independently of the script. Bars: the first key's
 * values in the answer's order. A line (YEAR): every year from the first to the last, the null
 * year left out of the line and named in `notDrawn`. Two keys: one series per value of the second
 * (ascending, nulls last), 0 where a combination has no group.
 */
function expectedModel(groups: Group[], keys: string[], kind: Model['kind']): Model {
  const keyOf = (group: Group, index: number) => group.key[keys[index]] ?? null;
  const firsts = [...new Set(groups.map((group) => keyOf(group, 0)))];
  const timed = firsts.filter((value): value is number => typeof value === 'number');
  const axis =
    kind === 'line'
      ? Array.from({ length: Math.max(...timed) - Math.min(...timed) + 1 }, (_, i) => Math.min(...timed) + i)
      : firsts;
  // The second key's values (scalars here): numbers ascending, text by code point, null last.
  const order = (a: unknown, b: unknown) =>
    a == null ? (b == null ? 0 : 1) : b == null ? -1 : typeof a === 'number' ? a - (b as number) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  const seconds = keys.length > 1 ? [...new Set(groups.map((group) => keyOf(group, 1)))].sort(order) : [undefined];
  const cell = (first: unknown, second: unknown) =>
    groups.find((group) => keyLabel(keyOf(group, 0)) === keyLabel(first) && (second === undefined || keyOf(group, 1) === second))?.count ?? 0;
  const names = seconds.map((second) => (second === undefined ? 'count' : keyLabel(second)));
  return {
    kind,
    categories: axis.map(keyLabel),
    series: seconds.map((second, i) => ({ name: names[i], values: axis.map((first) => cell(first, second)) })),
    notDrawn:
      kind === 'line' && firsts.includes(null)
        ? [{ category: '(none)', series: seconds.map((second, i) => ({ name: names[i], value: cell(null, second) })) }]
        : [],
  };
}

/** The table rows of the Aggregates example's clusterEventStats: kind, year, count, min and max date. */
function kindYearRows(groups: Group[]): string[][] {
  const iso = (value: unknown) => (value as { iso: string } | null)?.iso ?? '';
  return groups.map((group) => [keyLabel(group.key.kind), keyLabel(group.key.year), String(group.count), iso(group.minStartDate), iso(group.maxStartDate)]);
}

/**
 * An expression: export-download.js's csvUrl in the page, with the page's config and path as the
 * start-up module gives them to the Chart panel.
 */
const csvUrlInPage = (query: string, variables: string, operationName: string | undefined) => `(async () => {
  const { csvUrl } = await ${pageModule('export-download.js')};
  const config = JSON.parse(document.getElementById('playground-config').textContent);
  return csvUrl(${JSON.stringify(query)}, ${JSON.stringify(variables)}, ${JSON.stringify(operationName)}, { exports: config.exports, path: location.pathname });
})()`;

/** The ECharts instance of the chart on the page (the last one drawn), read in the page. */
const CHART = `window.echarts.getInstanceByDom([...document.querySelectorAll('.playground-chart-canvas')].pop())`;
/** What that chart draws, from its option: the categories and the series. */
const DRAWN = `(() => {
  const dom = [...document.querySelectorAll('.playground-chart-canvas')].pop();
  const chart = dom && window.echarts.getInstanceByDom(dom);
  if (!chart) return null;
  const option = chart.getOption();
  const axis = option.xAxis[0].type === 'category' ? option.xAxis[0] : option.yAxis[0];
  return { categories: axis.data, series: option.series.map((s) => ({ name: s.name, type: s.type, data: s.data })) };
})()`;

describeWith('chromium')('The chart view in Chromium', () => {
  const browser = useChromium();

  /** Opens the Playground, whose start-up module imports chart-view.js; echarts.min.js is among its scripts. */
  async function openWithChart(): Promise<OpenedPage> {
    const opened = await openPlayground(browser(), server!);
    await expect(opened.page.evaluate(`(async () => typeof (await ${pageModule('chart-view.js')}).mount + typeof window.echarts.init)()`)).resolves.toBe(
      'functionfunction',
    );
    return opened;
  }

  /** Mounts the chart of `result` into a box over the page and returns its model and ECharts series. */
  async function mountChart(target: Page, result: unknown, query: string) {
    return (await target.evaluate(`(async () => {
      const { mount } = await ${pageModule('chart-view.js')};
      const { findStats } = await ${pageModule('chart-query.js')};
      let box = document.getElementById('chart-under-test');
      if (window.chartUnderTest) window.chartUnderTest.dispose();
      if (!box) {
        box = document.createElement('div');
        box.id = 'chart-under-test';
        Object.assign(box.style, { position: 'fixed', top: '60px', left: '60px', width: '1100px', height: '480px', padding: '12px',
          background: 'white', zIndex: 1000, border: '1px solid #ccc', boxSizing: 'border-box' });
        document.body.appendChild(box);
      }
      const stats = findStats(${JSON.stringify(result)}, ${JSON.stringify(query)});
      window.chartUnderTest = mount(box, stats);
      const option = window.chartUnderTest.chart.getOption();
      return {
        field: stats.field,
        groupBy: stats.groupBy,
        model: window.chartUnderTest.model,
        option: option.series.map((series) => ({ name: series.name, type: series.type, data: series.data })),
        categories: (option.xAxis[0].type === 'category' ? option.xAxis[0] : option.yAxis[0]).data,
        subtitle: option.title[0].subtext,
      };
    })()`)) as {
      field: string;
      groupBy: string[];
      model: Model;
      option: { name: string; type: string; data: unknown[] }[];
      categories: string[];
      subtitle: string;
    };
  }

  /** The table's rows as text, one array of cells per group. */
  const tableRows = (target: Page, scope = '') =>
    target.evaluate(
      `[...document.querySelectorAll(${JSON.stringify(`${scope} .playground-chart-table tbody tr`)})].map((row) => [...row.children].map((cell) => cell.textContent))`,
    ) as Promise<string[][]>;

  /** Clicks a button and returns the download it starts: its file name and bytes. */
  async function downloadBy(target: Page, name: string): Promise<{ file: string; body: Buffer }> {
    const [download] = await Promise.all([target.waitForEvent('download', { timeout: 15_000 }), target.getByRole('button', { name }).click()]);
    return { file: download.suggestedFilename(), body: fs.readFileSync((await download.path())!) };
  }

  it(
    'draws a line by YEAR, bars by district, and one series per year for two keys, as the groups say',
    () =>
      withPlaygroundPage(openWithChart(), async (target) => {
        const byYear = await graphqlData(BY_YEAR);
        const yearGroups = byYear.clusterEventStats as Group[];
        expect(yearGroups.length).toBeGreaterThan(2);
        const line = await mountChart(target, { data: byYear }, BY_YEAR);
        expect(line).toMatchObject({ field: 'clusterEventStats', groupBy: ['YEAR'] });
        expect(line.model).toEqual(expectedModel(yearGroups, ['year'], 'line'));
        expect(line.option).toEqual(line.model.series.map((series) => ({ name: series.name, type: 'line', data: series.values })));
        expect(line.categories).toEqual(line.model.categories);
        // The 8 undated events (README) are off the time axis, and said so under the title.
        const undated = yearGroups.find((group) => group.key.year === null)!.count;
        expect(line.model.notDrawn).toEqual([{ category: '(none)', series: [{ name: 'count', value: undated }] }]);
        expect(line.subtitle).toBe(`Without year (not on the line): count ${undated}`);
        expect(await tableRows(target)).toEqual(
          yearGroups.map((group) => [
            keyLabel(group.key.year),
            String(group.count),
            (group.minStartDate as { iso: string } | null)?.iso ?? '',
            group.sumReportedClusterCount == null ? '' : String(group.sumReportedClusterCount),
          ]),
        );
        await saveScreenshot(target, 'chart-line-by-year.png');

        // Months missing between two groups are on the axis, with no rows (a made-up answer).
        const months = await mountChart(
          target,
          { data: { s: [{ key: { month: '2024-11' }, count: 1 }, { key: { month: '2025-02' }, count: 2 }] } },
          '{ s: clusterEventStats(groupBy: [MONTH]) { key { month } count } }',
        );
        expect(months.model).toEqual({
          kind: 'line',
          categories: ['2024-11', '2024-12', '2025-01', '2025-02'],
          series: [{ name: 'count', values: [1, 0, 0, 2] }],
          notDrawn: [],
        });

        // Two keys on a time axis: one line per kind; the undated events, all demo exams, off the axis.
        const yearKindQuery = '{ clusterEventStats(groupBy: [YEAR, KIND]) { key { year kind } count } }';
        const yearKind = await graphqlData(yearKindQuery);
        const lines = await mountChart(target, { data: yearKind }, yearKindQuery);
        const expectedLines = expectedModel(yearKind.clusterEventStats as Group[], ['year', 'kind'], 'line');
        expect(lines.model).toEqual(expectedLines);
        expect(lines.model.series.length).toBeGreaterThan(2);
        expect(lines.option).toEqual(expectedLines.series.map((series) => ({ name: series.name, type: 'line', data: series.values })));
        expect(lines.subtitle).toBe(`Without year (not on the line): DEMO_EXAM ${undated}`);

        const byDistrict = await graphqlData(BY_DISTRICT);
        const districtGroups = byDistrict.clusters as Group[];
        const bars = await mountChart(target, { data: byDistrict }, BY_DISTRICT);
        expect(bars).toMatchObject({ field: 'clusterStats', groupBy: ['FEDERAL_DISTRICT'] });
        expect(bars.model).toEqual(expectedModel(districtGroups, ['district'], 'bar'));
        expect(bars.model.categories).toContain('Уральский');
        expect(bars.option).toEqual(bars.model.series.map((series) => ({ name: series.name, type: 'bar', data: series.values })));
        expect(bars.categories).toEqual(bars.model.categories);
        expect(await tableRows(target)).toEqual(
          districtGroups.map((group) => [keyLabel(group.key.district), String(group.count), String(group.minLaunchYear ?? ''), String(group.maxLaunchYear ?? '')]),
        );
        await saveScreenshot(target, 'chart-bars-by-district.png');

        const aggregates = await graphqlData(AGGREGATES.query);
        const kindYear = aggregates.clusterEventStats as Group[];
        const grouped = await mountChart(target, { data: aggregates }, AGGREGATES.query);
        expect(grouped).toMatchObject({ field: 'clusterEventStats', groupBy: ['KIND', 'YEAR'] });
        const expected = expectedModel(kindYear, ['kind', 'year'], 'bar');
        expect(expected.series.length).toBeGreaterThan(1);
        expect(grouped.model).toEqual(expected);
        // Every group is one cell of the chart: CHAMPIONSHIP 2025 is 2 (README, "For analysts: aggregates").
        const championship = expected.categories.indexOf('CHAMPIONSHIP');
        expect(grouped.model.series.find((series) => series.name === '2025')?.values[championship]).toBe(2);
        expect(grouped.option).toEqual(expected.series.map((series) => ({ name: series.name, type: 'bar', data: series.values })));
        expect(grouped.categories).toEqual(expected.categories);
        expect(await tableRows(target)).toEqual(kindYearRows(kindYear));
        // Stacked: the same series, one bar per category.
        await target.getByRole('button', { name: 'Stack' }).click();
        await expect(target.getByRole('button', { name: 'Stack' }).getAttribute('aria-pressed')).resolves.toBe('true');
        const stacks = (await target.evaluate(`${CHART}.getOption().series.map((s) => s.stack)`)) as unknown[];
        expect(stacks).toEqual(expected.series.map(() => 'groups'));
        await expect(target.evaluate(`${DRAWN}.series.map((s) => s.data)`)).resolves.toEqual(expected.series.map((series) => series.values));
        await target.locator('#chart-under-test').screenshot({ path: screenshotPath('chart-two-keys-stacked.png') });
        await target.getByRole('button', { name: 'Stack' }).click();
        await expect(target.evaluate(`${CHART}.getOption().series.map((s) => s.stack ?? null)`)).resolves.toEqual(expected.series.map(() => null));
        // The answer's second stats field is offered too.
        await expect(target.getByLabel('Stats', { exact: true }).locator('option').allTextContents()).resolves.toEqual(['clusterEventStats', 'clusterStats']);
        await target.locator('#chart-under-test').screenshot({ path: screenshotPath('chart-two-keys.png') });
      }),
    120_000,
  );

  it(
    'runs the Aggregates example and shows its chart through the "Chart" control',
    () =>
      withPlaygroundPage(openPlayground(browser(), server!), async (target) => {
        await target.locator('.graphiql-tab-button', { hasText: 'Aggregates' }).click();
        await waitForEditor(target, QUERY_EDITOR, 'query Aggregates');
        await target.locator('.graphiql-execute-button').click();
        const answer = JSON.parse(await waitForEditor(target, RESPONSE, '"clusterStats"')) as { data: Record<string, unknown> };
        await target.getByRole('button', { name: 'Chart', exact: true }).click();

        // Read back from the ECharts instance the panel drew: its option, not pixels.
        const drawn = await pollPage<{ categories: string[]; series: { name: string; type: string; data: unknown[] }[] } | null>(
          target,
          DRAWN,
          (value) => value !== null,
          'the chart in the Chart panel',
        );
        const groups = answer.data.clusterEventStats as Group[];
        const expected = expectedModel(groups, ['kind', 'year'], 'bar');
        expect(drawn!.categories).toEqual(expected.categories);
        expect(drawn!.series).toEqual(expected.series.map((series) => ({ name: series.name, type: 'bar', data: series.values })));
        expect(await tableRows(target)).toEqual(kindYearRows(groups));

        // The answer's other stats field, chosen in the panel.
        await target.getByLabel('Stats', { exact: true }).selectOption({ label: 'clusterStats' });
        const districts = (answer.data.clusterStats as Group[]).map((group) => keyLabel(group.key.federalDistrict));
        await pollPage<string[]>(target, `${DRAWN}.categories`, (categories) => JSON.stringify(categories) === JSON.stringify(districts), 'the districts');
        await target.getByLabel('Stats', { exact: true }).selectOption({ label: 'clusterEventStats' });

        // A list query: the panel offers the list's export, which downloads the rows of the answer.
        await target.locator('.graphiql-tab-button', { hasText: 'FilteredEvents' }).click();
        await waitForEditor(target, QUERY_EDITOR, 'query FilteredEvents');
        await target.locator('.graphiql-execute-button').click();
        const listed = JSON.parse(await waitForEditor(target, RESPONSE, '"speakers"')) as {
          data: { clusterEvents: { totalCount: number; nodes: { title: string }[] } };
        };
        expect(listed.data.clusterEvents.totalCount).toBe(listed.data.clusterEvents.nodes.length);
        const [download] = await Promise.all([
          target.waitForEvent('download', { timeout: 15_000 }),
          target.getByRole('link', { name: 'Download clusterEvents.csv' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('clusterEvents.csv');
        const rows = parseCsv(fs.readFileSync((await download.path())!), { bom: true, columns: true }) as { title: string }[];
        expect(rows.map((row) => row.title)).toEqual(listed.data.clusterEvents.nodes.map((node) => node.title));
        expect(rows.length).toBeGreaterThan(0);

        // A stats field and an exported list: the link names the list's file, the chart's button saves the groups.
        const both = '{ clusterEvents(first: 3) { nodes { id } } clusterStats(groupBy: [FEDERAL_DISTRICT]) { key { federalDistrict { name } } count } }';
        await target.evaluate(`document.querySelector(${JSON.stringify(QUERY_EDITOR)}).CodeMirror.setValue(${JSON.stringify(both)})`);
        await target.locator('.graphiql-execute-button').click();
        await waitForEditor(target, RESPONSE, '"clusterStats"');
        await target.getByRole('button', { name: 'Download CSV', exact: true }).waitFor();
        expect(await target.getByRole('link', { name: 'Download clusterEvents.csv', exact: true }).count()).toBe(1);
        expect(await target.getByRole('button', { name: 'Download CSV', exact: true }).count()).toBe(1);
        expect(await target.getByRole('link', { name: 'Download CSV', exact: true }).count()).toBe(0);

        // Back on the Aggregates tab, its chart again; then a wider panel.
        await target.locator('.graphiql-tab-button', { hasText: 'Aggregates' }).click();
        await pollPage<string[]>(target, `${DRAWN}.categories`, (categories) => JSON.stringify(categories) === JSON.stringify(expected.categories), 'the Aggregates chart');
        const narrow = (await target.evaluate(`${CHART}.getWidth()`)) as number;
        const bar = target.locator('.graphiql-horizontal-drag-bar').first();
        const box = (await bar.boundingBox())!;
        await target.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await target.mouse.down();
        await target.mouse.move(Math.max(box.x + 200, 940), box.y + box.height / 2, { steps: 8 }); // the editor keeps ~500 px
        await target.mouse.up();
        // The chart takes its element's new width (beside the table now, or below it).
        const fitted = `[${CHART}.getWidth(), [...document.querySelectorAll('.playground-chart-canvas')].pop().clientWidth]`;
        await pollPage<number[]>(target, fitted, ([width, element]) => width !== narrow && width === element, 'the chart fitting its panel');
        await saveScreenshot(target, 'playground-chart.png');
      }),
    120_000,
  );

  it(
    'downloads the chart as PNG and SVG and the groups as CSV',
    () =>
      withPlaygroundPage(openWithChart(), async (target) => {
        const aggregates = await graphqlData(AGGREGATES.query);
        const groups = aggregates.clusterEventStats as Group[];
        await mountChart(target, { data: aggregates }, AGGREGATES.query);

        const png = await downloadBy(target, 'Download PNG');
        expect(png.file).toBe('clusterEventStats-kind-year.png');
        expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
        expect(png.body.length).toBeGreaterThan(10_000);
        fs.writeFileSync(screenshotPath('chart-download.png'), png.body);

        const svg = await downloadBy(target, 'Download SVG');
        expect(svg.file).toBe('clusterEventStats-kind-year.svg');
        const svgText = svg.body.toString('utf8');
        expect(svgText).toMatch(/^<svg[\s>]/);
        for (const label of ['CHAMPIONSHIP', 'OPEN_DAY', '2025']) expect(svgText).toContain(label);
        fs.writeFileSync(screenshotPath('chart-download.svg'), svgText);

        const csv = await downloadBy(target, 'Download CSV');
        expect(csv.file).toBe('clusterEventStats-kind-year.csv');
        const text = csv.body.toString('utf8');
        expect(text.startsWith('\uFEFF')).toBe(true);
        const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
        expect(rows).toEqual(
          groups.map((group) => ({
            kind: String(group.key.kind ?? ''),
            year: group.key.year == null ? '' : String(group.key.year),
            count: String(group.count),
            minStartDate: (group.minStartDate as { iso: string } | null)?.iso ?? '',
            maxStartDate: (group.maxStartDate as { iso: string } | null)?.iso ?? '',
          })),
        );

        // Quotes and commas in a key survive the CSV (the district names have none: a made-up answer).
        await mountChart(target, { data: { clusterStats: [{ key: { industry: 'Машиностроение, "тяжёлое"' }, count: 3 }] } }, '{ clusterStats(groupBy: [INDUSTRY]) { key { industry } count } }');
        const quoted = await downloadBy(target, 'Download CSV');
        expect(quoted.body.toString('utf8')).toBe('\uFEFFindustry,count\r\n"Машиностроение, ""тяжёлое""",3\r\n');
      }),
    120_000,
  );

  it(
    "follows GraphiQL's theme, drawing the same chart anew",
    () =>
      withPlaygroundPage(openWithChart(), async (target) => {
        const aggregates = await graphqlData(AGGREGATES.query);
        const { model } = await mountChart(target, { data: aggregates }, AGGREGATES.query);
        const titleColour = `${CHART}.getModel().getComponent('title').getModel('textStyle').get('color')`;
        const light = (await target.evaluate(titleColour)) as string;
        await target.evaluate(`document.body.classList.remove('graphiql-light'); document.body.classList.add('graphiql-dark')`);
        const dark = await pollPage<string>(target, titleColour, (colour) => colour !== light, 'the dark theme');
        await target.evaluate(`document.body.classList.remove('graphiql-dark'); document.body.classList.add('graphiql-light')`);
        await pollPage<string>(target, titleColour, (colour) => colour === light, 'the light theme again');
        expect(dark).not.toBe(light);
        await expect(target.evaluate('window.chartUnderTest.model')).resolves.toEqual(model);
        await expect(target.evaluate(`${DRAWN}.series.length`)).resolves.toBe(model.series.length);
      }),
    120_000,
  );

  it(
    "csvUrl's export downloads the ids of the GraphQL list, in its order",
    () =>
      withPlaygroundPage(openWithChart(), async (target) => {
        const query = `query Finals($where: ClusterEventWhere) {
          events: clusterEvents(first: 100, where: $where, orderBy: [{ kind: DESC }, { startDate: DESC }, { title: ASC }]) {
            totalCount nodes { id }
          }
        }`;
        const variables = { where: { OR: [{ kind: { in: ['OPEN_DAY', 'CHAMPIONSHIP'] } }, { title: { contains: 'форум' } }] } };
        const data = (await graphqlData(query, variables)) as { events: { totalCount: number; nodes: { id: string }[] } };
        expect(data.events.totalCount).toBeGreaterThan(2);
        expect(data.events.totalCount).toBe(data.events.nodes.length); // the page holds the whole list

        const url = (await target.evaluate(csvUrlInPage(query, JSON.stringify(variables), 'Finals'))) as string;
        expect(url).toMatch(/^\/export\/clusterEvents\.csv\?where=/);
        // Downloaded by the browser from a link, as the Chart panel's "Download clusterEvents.csv" does.
        const [download] = await Promise.all([
          target.waitForEvent('download', { timeout: 15_000 }),
          target.evaluate(`(() => { const a = document.createElement('a'); a.href = ${JSON.stringify(url)}; a.download = ''; document.body.appendChild(a); a.click(); a.remove(); })()`),
        ]);
        expect(download.suggestedFilename()).toBe('clusterEvents.csv');
        const rows = parseCsv(fs.readFileSync((await download.path())!), { bom: true, columns: true }) as { id: string }[];
        expect(rows.map((row) => row.id)).toEqual(data.events.nodes.map((node) => node.id));

        // Literal arguments, in another list.
        const literal = '{ forums(where: { title: { contains: "форум" } }, orderBy: [{ title: DESC }]) { nodes { id } } }';
        const forums = (await graphqlData(literal)) as { forums: { nodes: { id: string }[] } };
        const forumsUrl = (await target.evaluate(csvUrlInPage(literal, '', undefined))) as string;
        const forumsCsv = await request(`${server!.origin}${forumsUrl}`);
        expect(forumsCsv.status).toBe(200);
        const forumRows = parseCsv(forumsCsv.text, { bom: true, columns: true }) as { id: string }[];
        expect(forumRows.map((row) => row.id)).toEqual(forums.forums.nodes.map((node) => node.id));
        expect(forumRows.length).toBeGreaterThan(1);
      }),
    120_000,
  );

  it(
    "downloads a DRAFT list's export with the Headers tab's token, and says why when the export refuses",
    () =>
      withPlaygroundPage(openWithChart(), async (target, opened) => {
        const token = await server!.createToken('chart-draft-editor', 'EDITOR');
        const mark = `черновик-${Date.now()}`;
        const post = (query: string, variables?: Record<string, unknown>) => postGraphQL<Record<string, any>>(server!, query, variables, { token });
        // A draft title that the published stage does not have: only the DRAFT export can list it.
        const edited = await post('mutation ($input: UpdateForumInput!) { updateForum(input: $input) { userErrors { message } } }', {
          input: { id: 'Rm9ydW06YmFpa2FsLWVkdWNhdGlvbi1mb3J1bS04', expectedVersion: 1, set: { title: `Байкальский ${mark}` } },
        });
        expect(edited.updateForum.userErrors).toEqual([]);
        const query = `query DraftForums {
  forums(stage: DRAFT, first: 100, where: { title: { contains: "${mark}" } }) { nodes { id title } }
}`;
        const drafts = (await post(query)).forums.nodes as { id: string; title: string }[];
        expect(drafts.map((forum) => forum.title)).toEqual([`Байкальский ${mark}`]);

        await target.evaluate(`document.querySelector(${JSON.stringify(QUERY_EDITOR)}).CodeMirror.setValue(${JSON.stringify(query)})`);
        await target.getByRole('button', { name: 'Chart', exact: true }).click();
        const link = target.getByRole('link', { name: 'Download forums.csv' });
        // The panel follows the tab's query once GraphiQL has read the edit.
        await pollPage<string | null>(target, `document.querySelector('.pg-panel a.pg-button')?.getAttribute('href') ?? null`, (href) => /^\/export\/forums\.csv\?.*stage=DRAFT/.test(href ?? ''), 'the DRAFT export link');
        const status = target.locator('.pg-panel [role="status"]');

        // No token: the export's refusal, status and message, in the panel.
        await link.click();
        const refused = await pollPage<string>(target, `document.querySelector('.pg-panel [role="status"]').textContent`, (text) => /answered 4\d\d/.test(text), 'the refusal');
        expect(refused).toMatch(/^The export answered 40[13]\b.*DRAFT/);

        // The token in the Headers tab: the download holds the draft rows.
        await setHeaders(target, { Authorization: `Bearer ${token}` });
        const [download] = await Promise.all([target.waitForEvent('download', { timeout: 15_000 }), link.click()]);
        expect(download.suggestedFilename()).toBe('forums.csv');
        const rows = parseCsv(fs.readFileSync((await download.path())!), { bom: true, columns: true }) as { id: string; title: string }[];
        expect(rows.map((row) => [row.id, row.title])).toEqual(drafts.map((forum) => [forum.id, forum.title]));
        await expect(status.textContent()).resolves.toBe('Downloaded forums.csv (1 row).');
        // The token went in a header only: never into a URL the page requested.
        expect(download.url()).not.toContain(token);
        // Chromium itself logs the refused request; the page logs nothing else.
        expect(opened.consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
      }, { allowConsoleErrors: true }),
    120_000,
  );
});

/** A file under SCREENSHOT_DIR (made if missing), for artifacts that are not page screenshots. */
function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, name);
}
