import { type ClassType, Field, ID, InputType, Int, Float, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { type EnumValue, defineEnum } from '../../shared/enums';
import type { NodeType } from '../../shared/global-id';
import type { WriteKind } from './write-kinds';

/*
 * The GraphQL inputs of the write side, derived from each kind's record schema: a field of the
 * record is a field of CreateXInput and XPatch with the same name and type, a reference is
 * `xId: ID` (a list `xIds: [ID!]`), a list of link records a list of `XYInput`. Nothing about a
 * field is written twice: the schema says what is required, what is a date, which enum.
 */

export const UserErrorCode = defineEnum(
  'UserErrorCode',
  ['REQUIRED', 'INVALID', 'TOO_LONG', 'NOT_FOUND', 'CONFLICT', 'SOURCE_REQUIRED', 'DUPLICATE_KEY', 'IN_USE', 'DUPLICATE', 'CYCLE', 'OUT_OF_RANGE'],
  {
    description: 'What is wrong with an input: the payload says it, with the path of the field, and nothing is written.',
    values: {
      DUPLICATE: 'The same ID twice in one list input (e.g. organizerIds: [A, A]).',
      CYCLE: 'A record would become its own ancestor (parent of itself, directly or through others).',
      OUT_OF_RANGE: "A number outside its type's range, or not finite.",
    },
  },
);
export type UserErrorCode = EnumValue<typeof UserErrorCode>;

@ObjectType({ description: 'What is wrong with one field of an input; nothing was written.' })
export class UserError {
  @Field(() => [String], { description: 'The input field at fault, e.g. ["input", "set", "startDate"].' })
  path!: string[];

  @Field(() => UserErrorCode)
  code!: UserErrorCode;

  @Field(() => String)
  message!: string;

  static of(path: readonly (string | number)[], code: UserErrorCode, message: string): UserError {
    return Object.assign(new UserError(), { path: path.map(String), code, message });
  }
}

/** How one field of a record appears in the inputs. */
export interface InputField {
  /** Its name in the record (`region`). */
  record: string;
  /** Its name in the input (`regionId`). */
  input: string;
  /** The referenced type, for a reference (a list of them where `list`). */
  ref?: NodeType;
  list: boolean;
  required: boolean;
  /** The fields of a list of link records. */
  nested?: InputField[];
  /** The figure's subject: a reference to a record of one of several types. */
  subject?: boolean;
  type: () => unknown;
}

/** The unwrapped zod type of a field, and whether the record may leave it out. */
function unwrap(type: z.ZodTypeAny): { base: z.ZodTypeAny; optional: boolean } {
  let optional = false;
  let base = type;
  for (;;) {
    if (base instanceof z.ZodOptional) optional = true;
    else if (base instanceof z.ZodDefault) optional = true;
    else if (!(base instanceof z.ZodEffects)) break;
    base = base instanceof z.ZodEffects ? base.innerType() : (base as z.ZodOptional<z.ZodTypeAny>)._def.innerType;
  }
  return { base, optional };
}

const singular = (name: string) => (name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.replace(/s$/, ''));

function scalarType(base: z.ZodTypeAny): () => unknown {
  if (base instanceof z.ZodNativeEnum) {
    const values = base.enum as object;
    return () => values;
  }
  if (base instanceof z.ZodNumber) return base.isInt ? () => Int : () => Float;
  return () => String;
}

/** The input fields of `schema` (its `key` aside), with its references `refs` and link records `nested`. */
export function inputFields(schema: z.AnyZodObject, refs: Readonly<Record<string, NodeType>>, nested: Readonly<Record<string, Readonly<Record<string, NodeType>>>> = {}): InputField[] {
  return Object.entries(schema.shape as Record<string, z.ZodTypeAny>)
    .filter(([name]) => name !== 'key')
    .map(([name, type]) => {
      const { base, optional } = unwrap(type);
      const list = base instanceof z.ZodArray;
      const required = !optional;
      if (name === 'subject') return { record: name, input: 'subjectId', list: false, required, subject: true, type: () => ID };
      const ref = refs[name];
      if (ref) return { record: name, input: list ? `${singular(name)}Ids` : `${name}Id`, ref, list, required, type: () => (list ? [ID] : ID) };
      if (list && nested[name]) {
        const element = unwrap((base as z.ZodArray<z.ZodTypeAny>).element).base as z.AnyZodObject;
        return { record: name, input: name, list, required, nested: inputFields(element, nested[name]), type: () => [] };
      }
      return { record: name, input: name, list, required, type: scalarType(base) };
    });
}

/** A class named `name` with a field per input field; `required` keeps the record's required fields non-null. */
function inputClass(name: string, description: string, fields: readonly InputField[], required: boolean, extra: (Input: ClassType) => void = () => undefined): ClassType {
  const Input = class {};
  Object.defineProperty(Input, 'name', { value: name });
  extra(Input);
  for (const field of fields) {
    Field(field.type as () => ClassType, { nullable: !(required && field.required) })(Input.prototype, field.input);
  }
  InputType(name, { description })(Input);
  return Input;
}

/** The GraphQL types of one kind's writes. */
export interface KindInputs {
  fields: InputField[];
  Create: ClassType;
  Update: ClassType;
  Payload: ClassType;
}

/** CreateXInput, XPatch, UpdateXInput and XPayload of `kind`. */
export function kindInputs(kind: WriteKind, node: ClassType): KindInputs {
  const fields = inputFields(kind.schema, kind.refs, kind.nested);
  const type = kind.type;
  for (const field of fields) {
    if (!field.nested) continue;
    const Nested = inputClass(`${type}${capitalize(singular(field.record))}Input`, `One of ${type}.${field.record}, as the record lists it.`, field.nested, true);
    field.type = () => [Nested];
  }
  const Create = inputClass(`Create${type}Input`, `A new ${type}, written as a draft. Dates are partial-date strings: "2024", "2024-04" or "2024-04-20".`, fields, true, (Input) => {
    Field(() => String, { nullable: true })(Input.prototype, 'clientMutationId');
    Field(() => String, { nullable: true, description: 'The natural key behind the global ID; derived from the title or name where absent.' })(Input.prototype, 'key');
  });
  const Patch = inputClass(`${type}Patch`, 'Only the fields given change; an explicit null clears a field; a list given replaces the list.', fields, false);
  @InputType(`Update${type}Input`)
  class Update {
    @Field(() => String, { nullable: true })
    clientMutationId?: string;

    @Field(() => ID)
    id!: string;

    @Field(() => Int, { description: 'The version the editor last read; a stale one is CONFLICT and nothing is written.' })
    expectedVersion!: number;

    @Field(() => Patch)
    set!: object;
  }
  const name = type.charAt(0).toLowerCase() + type.slice(1);
  @ObjectType(`${type}Payload`)
  class Payload {
    @Field(() => String, { nullable: true })
    clientMutationId?: string | null;

    @Field(() => [UserError])
    userErrors!: UserError[];
  }
  Field(() => node, { nullable: true, description: `The ${type} as written (its draft).` })(Payload.prototype, name);
  return { fields, Create, Update, Payload };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

@InputType({ description: 'A record to delete, with the version the editor last read.' })
export class DeleteInput {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@ObjectType()
export class DeletePayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string | null;

  @Field(() => ID, { nullable: true })
  deletedId!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class PublishTarget {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class PublishInput {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => [PublishTarget])
  targets!: PublishTarget[];
}
