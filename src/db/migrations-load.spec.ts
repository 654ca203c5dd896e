import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS, loadMigrations } from './data-source';

describe('loadMigrations', () => {
  it('loads every migration file, oldest first', () => {
    const files = fs.readdirSync(path.join(__dirname, 'migrations')).filter((f) => /^\d{13}-/.test(f));
    expect(MIGRATIONS.map((m) => m.name)).toEqual(
      files.sort().map((f) => {
        const [timestamp, name] = [f.slice(0, 13), f.slice(14).replace(/\.ts$/, '')];
        return `${name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}${timestamp}`;
      }),
    );
  });

  it('refuses a file whose class does not carry its timestamp, naming the file', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    try {
      fs.writeFileSync(path.join(directory, '1999000000000-stray.js'), 'exports.Stray = class Stray1 {};');
      fs.writeFileSync(path.join(directory, 'README.md'), 'not a migration');
      expect(() => loadMigrations(directory)).toThrow('migrations/1999000000000-stray.js: expected one exported migration class named <Name>1999000000000; received Stray1');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
