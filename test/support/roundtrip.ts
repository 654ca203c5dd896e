import { type GraphQLField, type GraphQLObjectType, type GraphQLSchema, getNamedType, isObjectType } from 'graphql';
import type { InputField } from '../../src/modules/writes/write-inputs';
import type { SubjectKind } from '../../src/modules/figure/figure.entity';
import { SUBJECT_KIND_OF, type WriteKind } from '../../src/modules/writes/write-kinds';
import { type NodeType, toGlobalId } from '../../src/shared/global-id';
import { compiledOf } from '../../src/shared/resolvers';
import { FIELDS } from './write-fuzz';

/*
 * How a record of the seed format reads through GraphQL, derived from the write kinds' fields and
 * the schema, so a field added to a record schema is read back without a line here: a field reads
 * as the GraphQL field of its name; a reference `region` as `region { id }`, a list of keys
 * `organizers` as `organizers { id }` (a connection's `nodes { id }`), a date as `startDate { iso }`,
 * link records by their own fields. The two maps below say where that rule does not hold, and why.
 */

/**
 * Record fields with no GraphQL field of their name, and the field of the record's type that reads
 * them instead. An affiliation's sources are cited by its speaker (its model's sourcesOf): they read
 * among Speaker.sources.
 */
const READ_ELSEWHERE: Readonly<Record<string, string>> = { 'Speaker.affiliations.sources': 'sources' };

/**
 * Record fields the API gives back by no field of the record's type. Quote.sources answers the
 * publication that quotes it (QuoteResolver), not the record's sources, which are stored as the
 * publications' mentions (write-rows.ts) and show only in Publication.mentions.
 */
const NOT_READ: Readonly<Record<string, string>> = { 'Quote.sources': 'Quote.sources is the quoting publication' };

/**
 * Fields the selection compiler leaves to the resolvers (a plain field resolver, not a declared
 * relation): the compiled engine reads the rest, the resolvers read them too.
 */
export const COMPILER_LEAVES = new Set(['Figure.subject']);

/**
 * Lists that read in an order of their own rather than the record's: sources newest first (the
 * provenance resolver). A connection reads in its listing's order, and is compared unordered too.
 */
const UNORDERED = new Set(['sources']);

/** How one record field reads: its selection, what a value must read as, and its value in an answer. */
interface Reading {
  name: string;
  selection: string;
  expected(value: unknown): unknown;
  read(answer: unknown): unknown;
  unordered: boolean;
  nested?: Reading[];
  /** Whether the selection compiler answers it (COMPILER_LEAVES). */
  compiled?: boolean;
}

/** A field that came back other than it was sent: `Forum.startDate`, `Session.participants[1].role`. */
export interface Mismatch {
  field: string;
  sent: unknown;
  read: unknown;
}

const TYPE_OF_SUBJECT = new Map(Object.entries(SUBJECT_KIND_OF).map(([type, kind]) => [kind, type as NodeType]));
const idOf = (type: NodeType, key: unknown) => ({ id: toGlobalId(type, String(key)) });
const same = (value: unknown) => value ?? null;

function readingOf(owner: GraphQLObjectType, field: InputField, path: string): Reading {
  const gql = owner.getFields()[field.record] as GraphQLField<unknown, unknown> | undefined;
  if (!gql) throw new Error(`${path}: no GraphQL field ${owner.name}.${field.record} reads it; say in READ_ELSEWHERE (test/support/roundtrip.ts) which does, and why`);
  const name = field.record;
  const base = { name, read: same, unordered: false };
  if (field.subject) {
    return { ...base, selection: `${name} { id }`, expected: (v) => (v == null ? null : idOf(TYPE_OF_SUBJECT.get((v as { kind: SubjectKind }).kind)!, (v as { key: string }).key)) };
  }
  if (field.ref && field.list) {
    const expected = (v: unknown) => ((v ?? []) as string[]).map((key) => idOf(field.ref!, key));
    if (compiledOf(gql)?.kind === 'connection') {
      return { ...base, selection: `${name}(first: 100) { nodes { id } }`, expected, read: (a) => (a as { nodes?: unknown } | null)?.nodes ?? null, unordered: true };
    }
    return { ...base, selection: `${name} { id }`, expected, unordered: UNORDERED.has(name) };
  }
  if (field.ref) return { ...base, selection: `${name} { id }`, expected: (v) => (v == null ? null : idOf(field.ref!, v)) };
  if (field.nested) {
    const nested = readingsOf(getNamedType(gql.type) as GraphQLObjectType, field.nested, path);
    return { ...base, selection: `${name} { ${nested.map((r) => r.selection).join(' ')} }`, expected: (v) => ((v ?? []) as Record<string, unknown>[]).map((e) => expectedOf(nested, e)), nested };
  }
  // A date is a PartialDate, read by its ISO text.
  if (isObjectType(getNamedType(gql.type))) return { ...base, selection: `${name} { iso }`, expected: (v) => (v == null ? null : { iso: v }) };
  return { ...base, selection: name, expected: same };
}

function readingsOf(owner: GraphQLObjectType, fields: readonly InputField[], path: string): Reading[] {
  const at = (f: InputField) => `${path}.${f.record}`;
  return fields.filter((f) => !READ_ELSEWHERE[at(f)] && !NOT_READ[at(f)]).map((f) => ({ ...readingOf(owner, f, at(f)), compiled: !COMPILER_LEAVES.has(at(f)) }));
}

function expectedOf(readings: readonly Reading[], record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(readings.map((r) => [r.name, r.expected(record[r.name])]));
}

/** A canonical text of a value: keys sorted, so answers compare whatever order an engine wrote them in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value ?? null);
}

const sorted = (list: unknown) => (Array.isArray(list) ? [...list].sort((a, b) => canonical(a).localeCompare(canonical(b))) : list);

function compare(readings: readonly Reading[], expected: Record<string, unknown>, answer: Record<string, unknown>, path: string, out: Mismatch[]): void {
  for (const r of readings) {
    const sent = expected[r.name];
    const read = r.read(answer[r.name]);
    const at = `${path}.${r.name}`;
    if (r.nested && Array.isArray(sent) && Array.isArray(read) && sent.length === read.length) {
      sent.forEach((element, i) => compare(r.nested!, element as Record<string, unknown>, read[i] as Record<string, unknown>, `${at}[${i}]`, out));
    } else if (canonical(r.unordered ? sorted(sent) : sent) !== canonical(r.unordered ? sorted(read) : read)) {
      out.push({ field: at, sent, read });
    }
  }
}

/** How the records of one write kind read through GraphQL. */
export interface RecordReading {
  /** The selection on the node's type: every record field's reading; `compiled`: those the compiler answers. */
  selection: { all: string; compiled: string };
  /** What `record` (seed format) must read as: the answer's shape, keys as `{ id }`. */
  expected(record: Record<string, unknown>): Record<string, unknown>;
  /** The fields of `answer` (a node as `selection` reads it, `compiled` the compiled part) that differ from `expected`. */
  mismatches(expected: Record<string, unknown>, answer: Record<string, unknown>, compiled?: boolean): Mismatch[];
}

export function recordReading(schema: GraphQLSchema, kind: WriteKind): RecordReading {
  const type = schema.getType(kind.type) as GraphQLObjectType;
  const fields = FIELDS.get(kind)!;
  const readings = readingsOf(type, fields, kind.type);
  // What reads elsewhere: the keys at `path` in the record, added to the list field it reads in.
  const elsewhere = Object.entries(READ_ELSEWHERE).flatMap(([path, into]) => {
    const [owner, list, name] = path.split('.');
    if (owner !== kind.type) return [];
    const target = fields.find((f) => f.record === into)!;
    return [{ into, keys: (record: Record<string, unknown>) => ((record[list] ?? []) as Record<string, unknown>[]).flatMap((e) => (e[name] ?? []) as string[]), ref: target.ref! }];
  });
  return {
    selection: {
      all: readings.map((r) => r.selection).join(' '),
      compiled: readings.filter((r) => r.compiled).map((r) => r.selection).join(' '),
    },
    expected(record) {
      const out: Record<string, unknown> = { id: toGlobalId(kind.type, String(record.key)), ...expectedOf(readings, record) };
      for (const { into, keys, ref } of elsewhere) {
        const list = out[into] as { id: string }[];
        for (const key of keys(record)) if (!list.some((e) => e.id === toGlobalId(ref, key))) list.push(idOf(ref, key));
      }
      return out;
    },
    mismatches(expected, answer, compiled = false) {
      const out: Mismatch[] = [];
      if (answer?.id !== expected.id) out.push({ field: `${kind.type}.id`, sent: expected.id, read: answer?.id ?? null });
      else compare(compiled ? readings.filter((r) => r.compiled) : readings, expected, answer, kind.type, out);
      return out;
    },
  };
}

/** The value at `path` (`startDate.iso`) in an expected answer, or `covered: false` where it holds no such field (`region.name`). */
export function expectedAt(expected: Record<string, unknown>, path: string): { covered: boolean; value?: unknown } {
  let value: unknown = expected;
  for (const name of path.split('.')) {
    if (value == null) return { covered: true, value: null };
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => !(name in (item as object)))) return { covered: false };
    value = Array.isArray(value) ? value.map((item) => (item as Record<string, unknown>)[name]) : (value as Record<string, unknown>)[name];
  }
  return { covered: true, value: value ?? null };
}

/** `Forum.seriesTitle: sent "…", read null (published, compiled engine)`, a line per mismatch. */
export function describeMismatches(mismatches: readonly Mismatch[], where: string): string {
  return mismatches.map((m) => `${m.field}: sent ${JSON.stringify(m.sent)}, read ${JSON.stringify(m.read)} (${where})`).join('\n');
}
