import 'reflect-metadata';
import {
  QUERY_EDITOR,
  type PlaygroundServer,
  editorValue,
  openPlayground,
  pollPage,
  setHeaders,
  startPlaygroundServer,
  useChromium,
  waitForEditor,
  withPlaygroundPage,
} from './support/playground-browser';
import { describeWith } from './support/services';

/*
 * The Saved panel in a real Chromium (README, "Saved queries"): with a token in the Headers tab,
 * Save stores the current operation under a name; the panel lists it with its owner; its link
 * opens the same text in a fresh page that has no token at all.
 */

let server: PlaygroundServer | undefined;

beforeAll(async () => {
  server = await startPlaygroundServer();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describeWith('chromium')('The Saved panel in Chromium', () => {
  const browser = useChromium();

  it(
    'saves the current operation under a name, lists it with its owner, and its link opens it without a token',
    async () => {
      const token = await server!.createToken('saved-analyst', 'READER');
      const name = `Форумы ${Date.now()}`;
      const query = 'query SavedForums {\n  forums(first: 3) { nodes { id title } }\n}';

      const link = await withPlaygroundPage(openPlayground(browser(), server!), async (page) => {
        await page.evaluate(`document.querySelector(${JSON.stringify(QUERY_EDITOR)}).CodeMirror.setValue(${JSON.stringify(query)})`);
        await setHeaders(page, { Authorization: `Bearer ${token}` });
        await page.getByRole('button', { name: 'Show Saved', exact: true }).click();
        const panel = page.locator('.pg-panel');
        await panel.getByRole('textbox', { name: 'Name' }).fill(name);
        await panel.getByRole('button', { name: 'Save', exact: true }).click();
        const status = await pollPage<string>(page, `document.querySelector('.pg-saved-status')?.textContent ?? ''`, (text) => text.startsWith('Saved as'), 'the saved status');
        expect(status).toMatch(new RegExp(`^Saved as “${name}”: .*#documentId=sha256:[0-9a-f]{64}$`));
        // The list shows it, with the token's name as its owner, and a link by its id.
        const row = panel.locator('.pg-saved-list li', { hasText: name });
        await row.waitFor({ state: 'visible', timeout: 15_000 });
        await expect(row.textContent()).resolves.toContain('by saved-analyst');
        const href = await row.getByRole('link', { name: 'Link' }).getAttribute('href');
        expect(href).toMatch(/#documentId=sha256:[0-9a-f]{64}$/);
        return new URL(href!, server!.endpoint).href;
      });

      // A fresh context: no token, no Headers tab; the link alone opens the saved text.
      await withPlaygroundPage(openPlayground(browser(), server!, link), async (page) => {
        await waitForEditor(page, QUERY_EDITOR, 'SavedForums');
        await expect(page.evaluate(editorValue(QUERY_EDITOR))).resolves.toBe(query);
      });
    },
    120_000,
  );
});
