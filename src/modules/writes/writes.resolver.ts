import { Arg, Args, type ClassType, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { type Connection, ConnectionArgs } from '../../shared/connection';
import { type NodeType, toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import type { PageArgsInput } from '../../shared/pagination';
import { type EnumValue, defineEnum } from '../../shared/enums';
import { Stage } from '../../shared/stage';
import { invariant } from '../../shared/errors';
import { NeedsRole, Role } from '../auth/auth.roles';
import { modelOfType } from '../../shared/model';
import { REVISIONS_ROLE, Revision, RevisionConnection, RevisionsResolver, revisionsOf } from './revisions.resolver';
import { DeleteInput, DeletePayload, PublishInput, UserError, kindInputs } from './write-inputs';
import { WRITE_KINDS, type WriteKind } from './write-kinds';
import { importRecords } from './write-import';
import type { WriteScope } from './write-core';
import { type LiveState, stateLoader } from './record-state';
import { publishRecords, unpublishRecords } from './write-publish';
import { createRecord, deleteRecord, updateRecord } from './write-service';

/** The version, stage, liveSince and revisions of every node type, read from the stage the operation reads. */
function recordFieldsResolver(entity: ClassType & { nodeType: NodeType }): ClassType {
  const type = entity.nodeType;
  const state = (record: { key: string }, ctx: Context): Promise<LiveState | undefined> =>
    stateLoader(ctx.loaders, type)
      .load(record.key)
      .then((rows) => rows[0]);

  @Resolver(() => entity)
  class RecordFields {
    @FieldResolver(() => Int, { description: 'Raised by one on every change of its draft; update, delete and publish take the version last read.' })
    async version(@Root() record: { key: string }, @Ctx() ctx: Context): Promise<number> {
      return (await state(record, ctx))?.version ?? 1;
    }

    @FieldResolver(() => Stage, { description: 'DRAFT when read with stage DRAFT and the draft differs from the published version, else PUBLISHED.' })
    async stage(@Root() record: { key: string }, @Ctx() ctx: Context): Promise<Stage> {
      if (ctx.stage !== Stage.DRAFT) return Stage.PUBLISHED;
      const row = await state(record, ctx);
      return row && row.version === row.publishedVersion ? Stage.PUBLISHED : Stage.DRAFT;
    }

    @FieldResolver(() => String, { nullable: true, description: "When the record's current published version went live (ISO date-time); null while unpublished." })
    async liveSince(@Root() record: { key: string }, @Ctx() ctx: Context): Promise<string | null> {
      return (await state(record, ctx))?.liveSince ?? null;
    }

    @FieldResolver(() => RevisionConnection, { description: "The record's changes, newest first (EDITOR)." })
    @NeedsRole(REVISIONS_ROLE)
    revisions(@Root() record: { key: string }, @Args(() => ConnectionArgs) args: PageArgsInput, @Ctx() ctx: Context): Promise<Connection<Revision>> {
      return revisionsOf(ctx, type, record.key, args);
    }
  }
  Object.defineProperty(RecordFields, 'name', { value: `${type}RecordFields` });
  return RecordFields;
}

/** What a write of the request may do, and in whose name. */
function scopeOf(ctx: Context): WriteScope {
  const draft = ctx.stages.draft;
  invariant(draft, 'writes need the draft stage (the stage plugin refuses a mutation without one)');
  invariant(ctx.writeEvents, 'writes need the write events of the server (createContext was given none)');
  return { published: ctx.stages.published, draft, actor: ctx.viewer?.name ?? 'anonymous', events: ctx.writeEvents };
}

/**
 * After a write of the records `keys` (none given: any number), the request's loaders forget what
 * they read that it may have changed: what the operation reads next, in this payload or a later
 * mutation's, is read anew.
 */
function forgetWritten(ctx: Context, keys?: readonly string[]): void {
  ctx.loaders.forget(keys);
  ctx.draftLoaders?.forget(keys);
}

/** The record just written, as the drafts have it now; null where nothing was written. */
async function written(ctx: Context, kind: WriteKind, result: { key: string; userErrors: readonly UserError[] }): Promise<object | null> {
  if (result.userErrors.length > 0) return null;
  forgetWritten(ctx, [result.key]);
  return ctx.loaders.byKey(kind.entity).load(result.key);
}

const fieldName = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);

/** createX, updateX and deleteX of one kind. */
function kindResolver(kind: WriteKind): ClassType {
  const inputs = kindInputs(kind, kind.entity as ClassType);
  const name = fieldName(kind.type);
  type Input = Record<string, unknown> & { clientMutationId?: string };

  @Resolver()
  class KindWrites {
    @Mutation(() => inputs.Payload, { name: `create${kind.type}`, description: `EDITOR: a new ${kind.type}, as a draft.` })
    @NeedsRole(Role.EDITOR)
    async create(@Arg('input', () => inputs.Create) input: Input, @Ctx() ctx: Context) {
      const result = await createRecord(scopeOf(ctx), kind, inputs.fields, { ...input });
      if (result.userErrors.length === 0) ctx.changes.push({ action: 'CREATE', id: toGlobalId(kind.type, result.key), version: result.version });
      return { clientMutationId: input.clientMutationId ?? null, [name]: await written(ctx, kind, result), userErrors: result.userErrors };
    }

    @Mutation(() => inputs.Payload, { name: `update${kind.type}`, description: `EDITOR: changes the draft of a ${kind.type}.` })
    @NeedsRole(Role.EDITOR)
    async update(@Arg('input', () => inputs.Update) input: Input & { id: string; expectedVersion: number; set: Record<string, unknown> }, @Ctx() ctx: Context) {
      const result = await updateRecord(scopeOf(ctx), kind, inputs.fields, input.id, input.expectedVersion, { ...input.set });
      if (result.userErrors.length === 0) ctx.changes.push({ action: 'UPDATE', id: input.id, version: result.version });
      return { clientMutationId: input.clientMutationId ?? null, [name]: await written(ctx, kind, result), userErrors: result.userErrors };
    }

    @Mutation(() => DeletePayload, { name: `delete${kind.type}`, description: `PUBLISHER: removes a ${kind.type} from both stages (its revisions stay).` })
    @NeedsRole(Role.PUBLISHER)
    async remove(@Arg('input', () => DeleteInput) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
      const result = await deleteRecord(scopeOf(ctx), kind, input.id, input.expectedVersion);
      if (result.userErrors.length === 0) {
        ctx.changes.push({ action: 'DELETE', id: input.id, version: result.version });
        forgetWritten(ctx, [result.key]);
      }
      return { clientMutationId: input.clientMutationId ?? null, deletedId: result.userErrors.length === 0 ? input.id : null, userErrors: result.userErrors };
    }
  }
  Object.defineProperty(KindWrites, 'name', { value: `${kind.type}Writes` });
  return KindWrites;
}

@ObjectType()
export class PublishPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string | null;

  @Field(() => [Node])
  published!: object[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver()
export class PublishResolver {
  @Mutation(() => PublishPayload, { description: 'PUBLISHER: the drafts of these records become their published versions, all or none.' })
  @NeedsRole(Role.PUBLISHER)
  async publish(@Arg('input', () => PublishInput) input: PublishInput, @Ctx() ctx: Context): Promise<PublishPayload> {
    const result = await publishRecords(scopeOf(ctx), input.targets);
    for (const t of result.changed) ctx.changes.push({ action: 'PUBLISH', id: toGlobalId(t.type, t.key), version: t.version });
    return payload(ctx, input, result);
  }

  @Mutation(() => PublishPayload, { description: 'PUBLISHER: these records leave the published stage (their drafts stay).' })
  @NeedsRole(Role.PUBLISHER)
  async unpublish(@Arg('input', () => PublishInput) input: PublishInput, @Ctx() ctx: Context): Promise<PublishPayload> {
    const result = await unpublishRecords(scopeOf(ctx), input.targets);
    for (const t of result.changed) ctx.changes.push({ action: 'UNPUBLISH', id: toGlobalId(t.type, t.key), version: t.version });
    return payload(ctx, input, result);
  }
}

async function payload(ctx: Context, input: PublishInput, result: { published: { type: NodeType; key: string }[]; userErrors: UserError[] }): Promise<PublishPayload> {
  // The drafts' rows are as they were, but not their stage, version or liveSince.
  if (result.userErrors.length === 0) forgetWritten(ctx, result.published.map((p) => p.key));
  const nodes = await Promise.all(result.published.map(({ type, key }) => ctx.loaders.byKey(modelOfType(type)).load(key)));
  return { clientMutationId: input.clientMutationId ?? null, published: nodes.filter((n): n is object => n !== null), userErrors: result.userErrors };
}

export const ImportFormat = defineEnum('ImportFormat', ['YAML', 'JSON']);
export type ImportFormat = EnumValue<typeof ImportFormat>;

@InputType()
export class ImportInput {
  @Field(() => String, { nullable: true })
  clientMutationId?: string;

  @Field(() => ImportFormat)
  format!: ImportFormat;

  @Field(() => String, { description: 'A document in the seed files\' format: a mapping from kinds (forums, sessions, ...) to lists of records, upserted by key.' })
  data!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Validate and report what would change; write nothing.' })
  dryRun?: boolean;
}

@ObjectType('ImportCount')
export class ImportCountType {
  @Field(() => String, { description: 'The entity type, e.g. "Forum".' })
  type!: string;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;
}

@ObjectType()
export class ImportPayload {
  @Field(() => String, { nullable: true })
  clientMutationId?: string | null;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => [ImportCountType])
  counts!: ImportCountType[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver()
export class ImportResolver {
  @Mutation(() => ImportPayload, { description: 'EDITOR: upsert records in the seed format as drafts, all or none; dryRun reports only.' })
  @NeedsRole(Role.EDITOR)
  async importContent(@Arg('input', () => ImportInput) input: ImportInput, @Ctx() ctx: Context): Promise<ImportPayload> {
    const result = await importRecords(scopeOf(ctx), [{ name: 'input.data', format: input.format, text: input.data }], { dryRun: input.dryRun ?? false });
    if (!result.dryRun && result.userErrors.length === 0) {
      for (const w of result.written) ctx.changes.push({ action: 'IMPORT', id: w.id, version: w.expectedVersion });
      forgetWritten(ctx);
    }
    return { clientMutationId: input.clientMutationId ?? null, dryRun: result.dryRun, counts: result.counts, userErrors: result.userErrors };
  }
}

/** Every resolver of the write side: the mutations of each kind, publishing, and the record fields of each node type. */
export const WRITE_RESOLVERS: ClassType[] = [
  ...WRITE_KINDS.map(kindResolver),
  PublishResolver,
  ImportResolver,
  RevisionsResolver,
  ...WRITE_KINDS.map((kind) => recordFieldsResolver(kind.entity as ClassType & { nodeType: NodeType })),
];
