import 'reflect-metadata';
import fs from 'node:fs';
import { printSortedSchema, createSchema, SCHEMA_FILE } from './schema';
import { projectPath } from './shared/paths';
import { SEEDS_README, withRecordShapes } from '../seeds/record-shapes';

/** `npm run schema:emit`: writes schema/schema.graphql, and the record shapes of seeds/README.md, from the code. */
async function main(): Promise<void> {
  const schema = await createSchema();
  fs.writeFileSync(projectPath(SCHEMA_FILE), printSortedSchema(schema));
  console.log(`Wrote ${SCHEMA_FILE}`);
  const readme = projectPath(SEEDS_README);
  fs.writeFileSync(readme, withRecordShapes(fs.readFileSync(readme, 'utf8')));
  console.log(`Wrote the record shapes of ${SEEDS_README}`);
}

void main();
