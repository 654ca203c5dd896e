import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { CATALOG, type CatalogEntry, type ContentSet, setNameOf } from '../src/modules/catalog';
import type { Region } from '../src/modules/region/region.entity';
import { writeKindOf } from '../src/modules/writes/write-kinds';
import { checkRecord } from '../src/modules/writes/write-validate';
import type { RecordOfModel } from '../src/shared/model';
import { textProblem } from '../src/shared/record-fields';

/** A seed file that cannot be loaded. The message names the file, the record and the field. */
export class SeedError extends Error {
  readonly code = 'SEED_INVALID';
  constructor(
    readonly file: string,
    readonly record: string | null,
    readonly field: string | null,
    detail: string,
  ) {
    const where = [record && `record ${record}`, field && `field "${field}"`].filter(Boolean).join(', ');
    super(`${file}: ${where ? `${where}: ` : ''}${detail}`);
  }
}

/** The whole real data set, read and validated, references not yet checked. */
export type SeedSet = ContentSet;

/** The types whose records are in a YAML file of their own: all but regions, which are the reference CSV. */
const FILED = (CATALOG as readonly CatalogEntry[]).filter((entry) => entry.model.nodeType !== 'Region');

/** Which file holds which type's records, named by rule (`clusterEvents` → cluster-events.yaml); also the order of the error search. */
export const SEED_FILES = Object.fromEntries(
  FILED.map((entry) => {
    const set = setNameOf(entry.model.nodeType);
    return [set, `${set.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.yaml`];
  }),
) as Readonly<Record<Exclude<keyof ContentSet, 'regions'>, string>>;

/** The schema each file's records are validated by: its model's record schema (seeds/record-shapes.ts documents them). */
export const SEED_SCHEMAS = Object.fromEntries(FILED.map((entry) => [setNameOf(entry.model.nodeType), entry.model.model.schema()])) as unknown as Readonly<
  Record<keyof typeof SEED_FILES, z.AnyZodObject>
>;

export const REGIONS_FILE = 'regions/region.csv';

/** Reads and validates every seed file in `dir`; throws SeedError on the first bad one. */
export function readSeedSet(dir: string): SeedSet {
  const set: Record<string, unknown[]> = {};
  for (const name of Object.keys(SEED_FILES) as (keyof typeof SEED_FILES)[]) set[name] = readYaml(dir, name, SEED_SCHEMAS[name]);
  const districts = set.federalDistricts as ContentSet['federalDistricts'];
  set.regions = readRegions(dir, new Map(districts.map((d) => [d.name, d.key])));
  return set as unknown as SeedSet;
}

/** The records of `set`'s file, each checked as the import and the mutations check one (write-validate.ts), by the file's `schema`. */
function readYaml<S extends z.ZodTypeAny>(dir: string, set: keyof typeof SEED_FILES, schema: S): z.infer<S>[] {
  const file = SEED_FILES[set];
  const kind = writeKindOf((FILED.find((entry) => setNameOf(entry.model.nodeType) === set) as CatalogEntry).model.nodeType);
  const text = readText(dir, file);
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.message : String(error);
    throw new SeedError(file, null, null, `not valid YAML: ${reason}`);
  }
  if (data == null) return [];
  if (!Array.isArray(data)) throw new SeedError(file, null, null, 'expected a list of records');
  const keys = new Set<string>();
  return data.map((raw, index) => {
    const label = recordLabel(raw, index);
    const parsed = checkRecord(kind, raw, schema);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0 ? issue.path.join('.') : null;
      const detail =
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
      throw new SeedError(file, label, issue.code === 'unrecognized_keys' ? issue.keys[0] : field, detail);
    }
    const record = parsed.data as { key: string };
    if (keys.has(record.key)) throw new SeedError(file, label, 'key', `the key "${record.key}" is used twice`);
    keys.add(record.key);
    return parsed.data;
  });
}

function recordLabel(raw: unknown, index: number): string {
  const key = raw && typeof raw === 'object' && 'key' in raw ? (raw as { key: unknown }).key : undefined;
  return typeof key === 'string' ? `"${key}" (#${index + 1})` : `#${index + 1}`;
}

function readText(dir: string, file: string): string {
  try {
    return fs.readFileSync(path.join(dir, file), 'utf8');
  } catch (error) {
    throw new SeedError(file, null, null, `cannot be read: ${(error as Error).message}`);
  }
}

const REGION_COLUMNS = ['name', 'type', 'name_with_type', 'federal_district', 'iso_code', 'timezone'];

/**
 * The regions of the reference CSV as records of their model: the district by its key (the CSV
 * names it), no timezone where it has none. The CSV has no quoted fields; a quote, a short row or
 * a district no file names is reported, not guessed at.
 */
function readRegions(dir: string, districtKeyByName: ReadonlyMap<string, string>): RecordOfModel<typeof Region>[] {
  const lines = readText(dir, REGIONS_FILE).split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split(',');
  for (const column of REGION_COLUMNS) {
    if (!header.includes(column)) throw new SeedError(REGIONS_FILE, null, column, 'the header lacks this column');
  }
  const at = (column: string) => header.indexOf(column);
  return lines.slice(1).map((line, index) => {
    const cells = line.split(',');
    const label = `line ${index + 2}`;
    if (line.includes('"')) throw new SeedError(REGIONS_FILE, label, null, 'quoted CSV fields are not expected here');
    if (cells.length !== header.length) {
      throw new SeedError(REGIONS_FILE, label, null, `expected ${header.length} fields; received ${cells.length}`);
    }
    for (const [i, cell] of cells.entries()) {
      const problem = textProblem(cell);
      if (problem) throw new SeedError(REGIONS_FILE, label, header[i], problem);
    }
    const isoCode = cells[at('iso_code')];
    if (!/^[A-Z]{2}-[A-Z0-9]{2,3}$/.test(isoCode)) {
      throw new SeedError(REGIONS_FILE, label, 'iso_code', `expected an ISO 3166-2 code; received "${isoCode}"`);
    }
    const timezone = cells[at('timezone')];
    const districtName = cells[at('federal_district')];
    const federalDistrict = districtName ? districtKeyByName.get(districtName) : undefined;
    if (districtName && !federalDistrict) {
      throw new SeedError(REGIONS_FILE, isoCode, 'federal_district', `no federal district is named "${districtName}" in ${SEED_FILES.federalDistricts}`);
    }
    return {
      key: isoCode,
      name: cells[at('name')],
      fullName: cells[at('name_with_type')],
      kind: cells[at('type')],
      isoCode,
      ...(timezone ? { timezone } : {}),
      ...(federalDistrict ? { federalDistrict } : {}),
    };
  });
}
