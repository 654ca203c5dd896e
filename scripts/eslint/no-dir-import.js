// Imports name the file that defines a thing, never a folder (graphql-js's no-dir-import):
// no barrels, so the import graph says exactly what depends on what.
const fs = require('node:fs');
const path = require('node:path');

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'import the defining file, not a directory' },
    schema: [],
    messages: { dir: 'Import the file that defines what you need, not the directory "{{source}}".' },
  },
  create(context) {
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
        context.report({ node, messageId: 'dir', data: { source } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
