import fs from 'node:fs';
import path from 'node:path';

/**
 * A path inside the project, found from this file's place whether it runs from src/ (tests)
 * or from dist/src/ (the built server).
 */
export function projectPath(...parts: string[]): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return path.join(dir, ...parts);
}
