import 'reflect-metadata';
import fs from 'node:fs';
import { printSortedSchema, createSchema, SCHEMA_FILE } from './schema';
import { projectPath } from './shared/paths';

/** `npm run schema:emit`: writes schema/schema.graphql from the code. */
async function main(): Promise<void> {
  const schema = await createSchema();
  fs.writeFileSync(projectPath(SCHEMA_FILE), printSortedSchema(schema));
  console.log(`Wrote ${SCHEMA_FILE}`);
}

void main();
