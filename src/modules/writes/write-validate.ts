import { type EntityManager, getMetadataArgsStorage } from 'typeorm';
import { ZodError, type z } from 'zod';
import type { Dialect } from '../../db/dialect';
import { runIn } from '../../db/prepared-statements';
import { type EntityClass, tableOf } from '../../shared/entity-table';
import { ancestorLoop, parseRecord } from '../content/content.schema';
import { fromGlobalId } from '../../shared/global-id';
import type { InputField } from './write-inputs';
import { UserError, type UserErrorCode } from './write-inputs';
import { SUBJECT_KIND_OF, type WriteKind } from './write-kinds';
import type { RecordDocument } from './write-rows';

/*
 * From a GraphQL input to a record of the seed format and back to the input's paths: the
 * record is what the schema validates and what is stored, the paths are what an editor typed.
 */

/** The record fields an input sets (`null` for a field it clears), or the user errors of its IDs. */
export function recordFieldsOf(fields: readonly InputField[], input: Record<string, unknown>, path: readonly string[]): { set: Record<string, unknown>; errors: UserError[] } {
  const set: Record<string, unknown> = {};
  const errors: UserError[] = [];
  for (const field of fields) {
    if (!(field.input in input) || input[field.input] === undefined) continue;
    const value = input[field.input];
    const at = [...path, field.input];
    if (value === null) {
      set[field.record] = null;
    } else if (field.subject) {
      const decoded = decode(String(value), at, errors);
      const kind = decoded && SUBJECT_KIND_OF[decoded.type];
      if (decoded && !kind) errors.push(UserError.of(at, 'INVALID', `expected the ID of a forum, session, cluster event, organisation or cluster; received the ID of a ${decoded.type}`));
      else if (decoded && kind) set.subject = { kind, key: decoded.key };
    } else if (field.ref) {
      const ids = field.list ? (value as string[]) : [value as string];
      const keys = ids.map((id, i) => {
        const decoded = decode(id, field.list ? [...at, String(i)] : at, errors);
        if (decoded && decoded.type !== field.ref) errors.push(UserError.of(field.list ? [...at, String(i)] : at, 'INVALID', `expected the ID of a ${field.ref}; received the ID of a ${decoded.type}`));
        return decoded?.key;
      });
      set[field.record] = field.list ? keys : keys[0];
    } else if (field.nested) {
      set[field.record] = (value as Record<string, unknown>[]).map((element, i) => {
        const nested = recordFieldsOf(field.nested!, element, [...at, String(i)]);
        errors.push(...nested.errors);
        return Object.fromEntries(Object.entries(nested.set).filter(([, v]) => v !== null));
      });
    } else {
      set[field.record] = value;
    }
  }
  return { set, errors };
}

function decode(id: string, path: readonly string[], errors: UserError[]) {
  try {
    return fromGlobalId(id, path.join('.'));
  } catch (error) {
    errors.push(UserError.of(path, 'INVALID', (error as Error).message));
    return null;
  }
}

/** The input path of a record path: `region` is `regionId`, `participants.0.speaker` is `participants.0.speakerId`. */
export function inputPathOf(fields: readonly InputField[], recordPath: readonly (string | number)[]): string[] {
  const [head, ...rest] = recordPath;
  const field = fields.find((f) => f.record === head);
  if (!field) return recordPath.map(String);
  if (field.nested && rest.length >= 2) return [field.input, String(rest[0]), ...inputPathOf(field.nested, rest.slice(1))];
  return [field.input, ...rest.map(String)];
}

/**
 * The user-error code of a refusal of the record schema: the rule's own (DUPLICATE, CYCLE,
 * OUT_OF_RANGE), a number outside its range or not finite, a missing source or value; INVALID
 * otherwise. The mutations and the import answer by it alike.
 */
export function userErrorCodeOf(issue: z.ZodIssue): UserErrorCode {
  const own = issue.code === 'custom' ? (issue.params?.code as UserErrorCode | undefined) : undefined;
  if (own) return own;
  if (issue.code === 'not_finite' || ((issue.code === 'too_big' || issue.code === 'too_small') && issue.type === 'number')) return 'OUT_OF_RANGE';
  if (issue.path[0] === 'sources' && issue.path.length === 1 && (issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.received === 'undefined'))) return 'SOURCE_REQUIRED';
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'REQUIRED';
  return 'INVALID';
}

/** The first issue of each field: a number that is neither finite nor in range is said once. */
export function firstPerField(issues: readonly z.ZodIssue[]): z.ZodIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const at = JSON.stringify(issue.path);
    if (seen.has(at)) return false;
    seen.add(at);
    return true;
  });
}

/** Issues for the texts of `record` longer than their columns (TOO_LONG): its own row's and its link records'. */
function lengthIssues(kind: WriteKind, record: Record<string, unknown>): z.ZodIssue[] {
  const issues: z.ZodIssue[] = [];
  const check = (entity: EntityClass, row: Record<string, unknown>, path: (string | number)[]) => {
    for (const [name, value] of Object.entries(row)) {
      const max = lengthOf(entity, name);
      if (typeof value === 'string' && max !== undefined && value.length > max) {
        issues.push({ code: 'custom', path: [...path, name], message: `expected at most ${max} characters; received ${value.length}`, params: { code: 'TOO_LONG' } });
      }
    }
  };
  check(kind.entity, record, []);
  for (const [field, entity] of Object.entries(kind.links ?? {})) {
    const list = record[field];
    if (Array.isArray(list)) list.forEach((element, i) => element && typeof element === 'object' && check(entity, element as Record<string, unknown>, [field, i]));
  }
  return issues;
}

/**
 * Parses `raw` as a record of `kind` by `schema` (the kind's, or the seed file's where it
 * differs) and its rules (content.schema.ts), then checks its texts fit their columns: the one
 * check of the seed loader, the import and the mutations.
 */
export function checkRecord(kind: WriteKind, raw: unknown, schema: z.ZodTypeAny = kind.schema): z.SafeParseReturnType<unknown, RecordDocument> {
  const parsed = parseRecord(schema, raw);
  if (!parsed.success) return parsed;
  const issues = lengthIssues(kind, parsed.data as Record<string, unknown>);
  return issues.length === 0 ? (parsed as z.SafeParseSuccess<RecordDocument>) : { success: false, error: new ZodError(issues) };
}

/**
 * Validates `document` as a record of `kind` (checkRecord): user errors at `path` + the
 * input's field path, or the parsed record.
 */
export function validateRecord(kind: WriteKind, fields: readonly InputField[], document: Record<string, unknown>, path: readonly string[]): { record?: RecordDocument; errors: UserError[] } {
  const parsed = checkRecord(kind, document);
  if (parsed.success) return { record: parsed.data, errors: [] };
  const errors: UserError[] = [];
  for (const issue of firstPerField(parsed.error.issues)) {
    const at = [...path, ...inputPathOf(fields, issue.path)];
    const code = userErrorCodeOf(issue);
    if (code === 'SOURCE_REQUIRED') {
      errors.push(UserError.of(at, code, 'expected at least one source publication (sourceIds): a fact enters the graph with where it comes from'));
    } else if (code === 'REQUIRED') {
      errors.push(UserError.of(at, code, `expected a value for ${at[at.length - 1]}; received none`));
    } else if (issue.code === 'unrecognized_keys') {
      errors.push(UserError.of(path, 'INVALID', `unknown fields ${issue.keys.join(', ')}`));
    } else {
      errors.push(UserError.of(at, code, issue.message));
    }
  }
  return { errors };
}

/** Whether records of `kind` have a parent of their own kind (organisations, sessions, cluster events). */
export function hasParent(kind: WriteKind): boolean {
  return kind.refs.parent === kind.type;
}

/**
 * A CYCLE user error at `path` where `record` of `kind` would be its own ancestor, through the
 * parents `parentOf` gives of other records (in the write, or in the stage); none otherwise.
 */
export async function cycleErrors(kind: WriteKind, record: RecordDocument, parentOf: (key: string) => Promise<string | undefined | null> | string | undefined | null, path: readonly string[]): Promise<UserError[]> {
  if (!hasParent(kind) || typeof record.parent !== 'string' || record.parent === record.key) return [];
  const loop = await ancestorLoop(record.key, record.parent, parentOf);
  if (!loop) return [];
  const chain = [record.key, ...loop].map((key) => `"${key}"`).join(' → ');
  return [UserError.of(path, 'CYCLE', `expected a parent that is not among the record's descendants; received "${record.parent}", whose parents lead back to it: ${chain}`)];
}

/** The parent of `kind`'s record `key` in the stage `manager` works on. */
export async function storedParent(manager: EntityManager, dialect: Dialect, kind: WriteKind, key: string): Promise<string | null> {
  const [row] = await runIn(manager, dialect, `SELECT parent_id AS p FROM ${tableOf(kind.entity)} WHERE id = ?`, [key]);
  return row?.p == null ? null : String(row.p);
}

/** The declared length of the column behind the field `name` of `entity`'s rows (a date's `…Iso`, a key's `…Key`), where it has one. */
function lengthOf(entity: EntityClass, name: string): number | undefined {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.target === entity);
  const column = columns.find((c) => c.propertyName === name) ?? columns.find((c) => c.propertyName === `${name}Iso` || c.propertyName === `${name}Key`);
  const length = column?.options.length;
  return length === undefined ? undefined : Number(length);
}

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A key from a title: transliterated, lower case, words joined by hyphens, at most 80 characters. */
export function keyFromText(text: string): string {
  const latin = [...text.toLowerCase()].map((c) => LATIN[c] ?? c).join('');
  const slug = latin.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 80).replace(/-+$/, '');
}

/** The key a new record of `kind` gets where the input gives none: from its title, name or text. */
export function derivedKey(kind: WriteKind, record: Record<string, unknown>): string | null {
  if (kind.type === 'Region') return typeof record.isoCode === 'string' ? record.isoCode : null;
  for (const field of ['title', 'name', 'fullName', 'metric', 'text']) {
    if (typeof record[field] === 'string') {
      const key = keyFromText(record[field] as string);
      if (key) return key;
    }
  }
  return null;
}
