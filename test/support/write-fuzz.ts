import fc from 'fast-check';
import yaml from 'js-yaml';
import { Float, Int } from 'type-graphql';
import { z } from 'zod';
import { INT_RANGE, YEAR_RANGE } from '../../src/shared/record-fields';
import { type InputField, inputFields } from '../../src/modules/writes/write-inputs';
import { SUBJECT_KIND_OF, WRITE_KINDS, type WriteKind } from '../../src/modules/writes/write-kinds';
import { type NodeType, toGlobalId } from '../../src/shared/global-id';

/*
 * Random writes for the write-input fuzzer (test/writes-fuzz.test.ts), made from each kind's
 * input fields (write-inputs.ts), so a field added to a record schema is fuzzed too: records of
 * the seed format with the edge values the write rules are about (numbers past Int, texts with
 * NUL or lone surrogates or formula starts, dates that do not exist or are out of order or of
 * range, an ID twice, a record its own parent) among ordinary ones, made into a mutation's input
 * or an import's document. References are drawn when the write is sent, from the records that
 * are published then (`Pool`).
 */

/** A reference as generated: a published record of the type, the record itself, a key nobody has, or a record of another type. */
export interface Ref {
  $ref: NodeType;
  how: 'pool' | 'self' | 'ghost' | 'other' | 'malformed';
  n: number;
}

/** A generated field value: a scalar, a reference, a list of them, or link records. */
type Value = unknown;

/** A record of the seed format whose references are still `Ref`s. */
export type FuzzRecord = Record<string, Value>;

/** The published records by type that references are drawn from. */
export type Pool = Map<NodeType, string[]>;

const DATE_FIELDS = new Set(['startDate', 'endDate', 'date', 'since', 'until', 'publishedAt']);
const WORDS = ['форум', 'колледж', 'кадры', 'мастерская', 'Байкал', 'Professionalitet', 'ё', 'Ёлка', 'кластер'];
const EDGE_TEXTS = ['', '   ', 'a\u0000b', '\u0000', 'x\uD800y', '\uDFFF', '\uD83D', '=SUM(A1:A9)', '+7 900', '-1', '@home', '\tстрока', '\r\n', 'Ф'.repeat(501), 'x'.repeat(2_000), '🙂'.repeat(3), 'e\u0301', '<b>&amp;</b>', '"quoted", comma'];
const EDGE_DATES = ['0000', '0000-01-01', '1899-12-31', '1900', '2100-12-31', '2101', '9999-12-31', '2024-02-30', '2023-02-29', '2024-02-29', '2024-13', '2024-00', '24-01-01', '2024-1-1', ''];
/** Integers a GraphQL Int carries, at the edges of the fields' ranges. */
const EDGE_INTS = [0, -1, 1, 2, 30, 1989, 1990, 2100, 2101, INT_RANGE.max, INT_RANGE.min, INT_RANGE.max - 1];
/** Numbers only an import can carry (GraphQL's Int refuses them before any resolver). */
const WIDE_NUMBERS = [1e300, 3_000_000_000, 9007199254740993, -2147483649, 2 ** 31, 1.5];
const EDGE_FLOATS = [0, -0, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, 64.3, 0.1 + 0.2, 2 ** 53 + 1, -(2 ** 31)];

const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const text = fc.oneof(
  { weight: 8, arbitrary: words },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: anyChar, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom(...EDGE_TEXTS)).map(([w, e]) => `${w}${e}`) },
);
const day = fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
const date = fc.oneof(
  { weight: 5, arbitrary: day.map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) },
  { weight: 2, arbitrary: day.map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`) },
  { weight: 2, arbitrary: day.map(([y]) => String(y)) },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_DATES) },
);
const int = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 3, arbitrary: fc.constantFrom(...EDGE_INTS) }, { weight: 1, arbitrary: fc.integer() }, { weight: 2, arbitrary: fc.constantFrom(...WIDE_NUMBERS) });
const float = fc.oneof({ weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) }, { weight: 2, arbitrary: fc.constantFrom(...EDGE_FLOATS) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 10_000 }) });
const url = fc.constantFrom('https://example.org/news/1', 'http://профессионалитет.рф/a', 'not a url', 'https://example.org/\u0000', 'javascript:alert(1)');
const isoCode = fc.tuple(fc.constantFrom('RU', 'KZ', 'ru', 'R1'), fc.stringMatching(/^[A-Z0-9]{1,4}$/)).map(([c, s]) => `${c}-${s}`);

function ref(type: NodeType): fc.Arbitrary<Ref> {
  return fc.record({
    $ref: fc.constant(type),
    how: fc.oneof({ weight: 12, arbitrary: fc.constant('pool' as const) }, { weight: 1, arbitrary: fc.constantFrom('self' as const, 'ghost' as const, 'other' as const, 'malformed' as const) }),
    n: fc.nat(1_000),
  });
}

function scalar(field: InputField): fc.Arbitrary<Value> {
  const type = field.type();
  if (type === Int) return int;
  if (type === Float) return float;
  if (type !== String) return fc.constantFrom(...Object.values(type as object));
  if (DATE_FIELDS.has(field.record)) return date;
  if (field.record === 'sourceUrl') return url;
  if (field.record === 'isoCode') return isoCode;
  return text;
}

/** A list of up to four references; the same one may come twice. */
const refs = (type: NodeType) => fc.array(ref(type), { maxLength: 4 });

function value(field: InputField): fc.Arbitrary<Value> {
  if (field.subject) return fc.constantFrom(...(Object.keys(SUBJECT_KIND_OF) as NodeType[])).chain(ref);
  if (field.ref) return field.list ? (field.record === 'sources' ? fc.array(ref(field.ref), { minLength: 1, maxLength: 3 }) : refs(field.ref)) : ref(field.ref);
  if (field.nested) return fc.array(recordOf(field.nested), { maxLength: 3 });
  return scalar(field);
}

function recordOf(fields: readonly InputField[]): fc.Arbitrary<FuzzRecord> {
  const model: Record<string, fc.Arbitrary<Value>> = {};
  for (const field of fields) model[field.record] = field.required ? value(field) : fc.option(value(field), { nil: undefined, freq: 2 });
  return fc.record(model).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

/** The input fields of every write kind. */
export const FIELDS = new Map(WRITE_KINDS.map((kind) => [kind, inputFields(kind.schema, kind.refs, kind.nested)]));

/** A record of `kind`, fields in the seed format, references unresolved. */
export const recordArbitrary = (kind: WriteKind): fc.Arbitrary<FuzzRecord> => recordOf(FIELDS.get(kind)!);

/** A patch of `kind`: some of its fields, each a value or null (cleared). */
export const patchArbitrary = (kind: WriteKind): fc.Arbitrary<FuzzRecord> =>
  fc.record(Object.fromEntries(FIELDS.get(kind)!.map((f) => [f.record, fc.option(fc.oneof({ weight: 4, arbitrary: value(f) }, { weight: 1, arbitrary: fc.constant(null) }), { nil: undefined, freq: 3 })])) as Record<string, fc.Arbitrary<Value>>).map((r) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
  );

/*
 * Whole records for the round trip (test/roundtrip.test.ts): every field of the schema set, each
 * to a value every write rule accepts, so what is sent must come back: Cyrillic texts with ё and
 * Й in both cases (and the commas, quotes and line breaks a CSV must quote), partial dates of
 * every precision at the edges of the years, numbers at the edges of their declared ranges,
 * every enum value, lists of two or more references, link records with every field. References
 * are `pool` ones with distinct `n`, so a list names distinct records where the pool has four.
 */

const WHOLE_TEXTS = ['Ёлка и ЙОД', 'ёжик из Йошкар-Олы', 'ПРОФЕССИОНАЛИТЕТ ёмко', 'Байкальский форум «Кадры»', 'строка, "в кавычках"\nи вторая', 'Mixed Case ё/Й', '🙂 Улан-Удэ'];
const wholeText = fc.tuple(fc.constantFrom(...WHOLE_TEXTS), fc.nat(999)).map(([t, n]) => `${t} ${n}`);
const pad = (n: number) => String(n).padStart(2, '0');
const wholeDay = fc.tuple(fc.integer({ min: YEAR_RANGE.min, max: YEAR_RANGE.max }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
const wholeDate = fc.oneof(
  fc.constantFrom(String(YEAR_RANGE.min), `${YEAR_RANGE.max}-12-31`, '2024', '2024-04', '2024-04-20', '2024-02-29'),
  wholeDay.map(([y]) => String(y)),
  wholeDay.map(([y, m]) => `${y}-${pad(m)}`),
  wholeDay.map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
);
const wholeUrl = fc.constantFrom('https://example.org/news/1?a=1&b=ё', 'http://профессионалитет.рф/новости');
/** Finite numbers (no -0: JSON writes it 0). */
const wholeFloat = fc.constantFrom(...EDGE_FLOATS.filter((x) => !Object.is(x, -0)), 123_456.789, -64.3);

/** The zod type under `optional`, `default` and refinements. */
function bare(type: z.ZodTypeAny): z.ZodTypeAny {
  for (;;) {
    if (type instanceof z.ZodOptional || type instanceof z.ZodDefault) type = type._def.innerType as z.ZodTypeAny;
    else if (type instanceof z.ZodEffects) type = type.innerType();
    else if (type instanceof z.ZodPipeline) type = type._def.in as z.ZodTypeAny;
    else return type;
  }
}

/** An integer at the edges of the range `number` declares (within GraphQL's Int), or inside it. */
function wholeInt(number: z.ZodNumber): fc.Arbitrary<number> {
  const min = Math.max(number.minValue ?? INT_RANGE.min, INT_RANGE.min);
  const max = Math.min(number.maxValue ?? INT_RANGE.max, INT_RANGE.max);
  return fc.oneof(fc.constantFrom(min, min + 1, max - 1, max), fc.integer({ min, max }));
}

const poolRef = (type: NodeType) => (n: number): Ref => ({ $ref: type, how: 'pool', n });

function wholeValue(field: InputField, type: z.ZodTypeAny): fc.Arbitrary<Value> {
  if (field.subject) return fc.tuple(fc.constantFrom(...(Object.keys(SUBJECT_KIND_OF) as NodeType[])), fc.nat(3)).map(([t, n]) => poolRef(t)(n));
  if (field.ref) return field.list ? fc.uniqueArray(fc.nat(3), { minLength: 2, maxLength: 3 }).map((ns) => ns.map(poolRef(field.ref!))) : fc.nat(3).map(poolRef(field.ref));
  if (field.nested) return fc.array(wholeOf(field.nested, bare((type as z.ZodArray<z.ZodTypeAny>).element) as z.AnyZodObject), { minLength: 2, maxLength: 3 });
  const scalarType = field.type();
  if (scalarType === Int) return wholeInt(type as z.ZodNumber);
  if (scalarType === Float) return wholeFloat;
  if (scalarType !== String) return fc.constantFrom(...Object.values(scalarType as object));
  if (DATE_FIELDS.has(field.record)) return wholeDate;
  if (field.record === 'sourceUrl') return wholeUrl;
  return wholeText;
}

function wholeOf(fields: readonly InputField[], schema: z.AnyZodObject): fc.Arbitrary<FuzzRecord> {
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  return fc.record(Object.fromEntries(fields.map((field) => [field.record, wholeValue(field, bare(shape[field.record]))])));
}

/** A record of `kind` with every field of its schema set, to values the write rules accept (but for those between fields and records, which the caller checks). */
export const wholeRecordArbitrary = (kind: WriteKind): fc.Arbitrary<FuzzRecord> => wholeOf(FIELDS.get(kind)!, kind.schema);

/** The key `how` names for a reference of `key`'s record, or the global ID where `ids`. */
function resolve(r: Ref, pool: Pool, self: { type: NodeType; key: string }, ids: boolean): string {
  const encode = (type: NodeType, key: string) => (ids ? toGlobalId(type, key) : key);
  const list = pool.get(r.$ref) ?? [];
  if (r.how === 'self') return encode(self.type, self.key);
  if (r.how === 'ghost' || list.length === 0) return encode(r.$ref, `ghost-${r.n}`);
  if (r.how === 'malformed') return ids ? `not an id ${r.n}` : `Not A Key ${r.n}`;
  if (r.how === 'other') {
    const other = [...pool.entries()].find(([type, keys]) => type !== r.$ref && keys.length > 0);
    if (other) return encode(other[0], other[1][r.n % other[1].length]);
  }
  return encode(r.$ref, list[r.n % list.length]);
}

const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && '$ref' in v;

/**
 * `record` with its references drawn from `pool`: as a mutation's input (global IDs, the input's
 * field names; numbers past Int at Int's edge, as GraphQL's Int takes nothing else) or as an
 * import's record (keys, the record's names).
 */
export function concrete(kind: WriteKind, record: FuzzRecord, pool: Pool, key: string, form: 'input' | 'import', fields = FIELDS.get(kind)!): Record<string, unknown> {
  const ids = form === 'input';
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field.record in record)) continue;
    const v = record[field.record];
    const name = ids ? field.input : field.record;
    const self = { type: kind.type, key };
    if (v === null) out[name] = null;
    else if (field.subject && isRef(v)) {
      const target = resolve(v, pool, self, ids);
      out[name] = ids ? target : { kind: SUBJECT_KIND_OF[v.$ref] ?? 'forum', key: target };
    } else if (Array.isArray(v) && field.nested) out[name] = v.map((element) => concrete(kind, element as FuzzRecord, pool, key, form, field.nested));
    else if (Array.isArray(v)) out[name] = v.map((element) => (isRef(element) ? resolve(element, pool, self, ids) : element));
    else if (isRef(v)) out[name] = resolve(v, pool, self, ids);
    else if (ids && field.type() === Int && typeof v === 'number' && !(Number.isInteger(v) && v >= INT_RANGE.min && v <= INT_RANGE.max)) out[name] = INT_RANGE.max;
    else out[name] = v;
  }
  return out;
}

/** An import document of `records` of `kind`, as JSON (numbers written as generated) or YAML. */
export function importDocument(kind: WriteKind, records: readonly Record<string, unknown>[], format: 'JSON' | 'YAML'): string {
  const document = { [kind.set]: records };
  if (format === 'YAML') return yaml.dump(document, { schema: yaml.CORE_SCHEMA, lineWidth: -1 });
  // 9007199254740993 is written as such, not as the double JSON.stringify would round it to.
  return JSON.stringify(document, (_k, v: unknown) => (v === 9007199254740992 ? '__9007199254740993__' : v)).replace(/"__9007199254740993__"/g, '9007199254740993');
}
