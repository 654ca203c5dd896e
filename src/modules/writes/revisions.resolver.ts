import { Args, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Sql } from '../../db/sql';
import type { Row } from '../../db/sql';
import { type Connection, ConnectionArgs, ConnectionType } from '../../shared/connection';
import { type EnumValue, defineEnum } from '../../shared/enums';
import { invariant } from '../../shared/errors';
import { type NodeType, toGlobalId, toRevisionId } from '../../shared/global-id';
import { Loaders } from '../../shared/loaders';
import { Node } from '../../shared/node';
import type { PageArgsInput } from '../../shared/pagination';
import { byKey } from '../../shared/relations';
import { Stage } from '../../shared/stage';
import { NeedsRole, Role, requireRole } from '../auth/auth.roles';
import { modelOfType } from '../../shared/model';

/*
 * Revisions: every change of every record, append-only, kept with the drafts and read by
 * editors — at the root, under each record, and by ID through node/nodes.
 */

/** Who may read revisions: at the root, under each record (both declare it with NeedsRole) and by ID. */
export const REVISIONS_ROLE = Role.EDITOR;

export const RevisionAction = defineEnum('RevisionAction', ['CREATE', 'UPDATE', 'DELETE', 'PUBLISH', 'UNPUBLISH', 'IMPORT']);
export type RevisionAction = EnumValue<typeof RevisionAction>;

/** One change of one record: who made it, when, and what changed. */
@ObjectType({ implements: Node, description: 'One change of one record: who made it, when, and what changed.' })
export class Revision implements Node {
  static readonly nodeType = 'Revision';

  serial!: string;
  nodeType!: NodeType;
  nodeKey!: string;

  @Field(() => ID)
  get id(): string {
    return toRevisionId(this.serial);
  }

  @Field(() => ID, { description: 'The record changed (its ID stays when it is deleted).' })
  get nodeId(): string {
    return toGlobalId(this.nodeType, this.nodeKey);
  }

  @Field(() => RevisionAction)
  action!: RevisionAction;

  @Field(() => Int, { description: "The record's version after the change." })
  version!: number;

  @Field(() => String, { description: "The token's name." })
  actor!: string;

  @Field(() => String, { description: 'ISO 8601 date-time, UTC.' })
  at!: string;

  @Field(() => String, { description: 'The fields changed, as JSON text: {"field": {"from": ..., "to": ...}}.' })
  changes!: string;

  static of(row: Row): Revision {
    return Object.assign(new Revision(), {
      serial: String(row.serial),
      nodeType: row.nodeType as NodeType,
      nodeKey: String(row.nodeKey),
      action: row.action as RevisionAction,
      version: Number(row.version),
      actor: String(row.actor),
      at: String(row.at),
      changes: String(row.changes),
    });
  }
}

export const RevisionConnection = ConnectionType(Revision, 'Revision');

const REVISION_SOURCE = {
  from: 'revision t',
  select: 't.id AS "serial", t.node_type AS "nodeType", t.node_id AS "nodeKey", t.action AS "action", t.version AS "version", t.actor AS "actor", t.at AS "at", t.changes AS "changes"',
  columns: ['serial', 'nodeType', 'nodeKey', 'action', 'version', 'actor', 'at', 'changes'],
  table: 'revision',
};
/** Newest first. The id as an integer: PostgreSQL gives its bigint as text, which a numeric cursor refuses. */
const REVISION_ORDER = [{ sql: 'CAST(t.id AS integer)', direction: 'DESC' as const, nullable: false, text: false }];

/** Loaders over the drafts' database, where the revisions are kept: the operation's own when it reads DRAFT, else made once per request. */
function draftLoaders(ctx: Context): Loaders {
  if (ctx.stage === Stage.DRAFT) return ctx.loaders;
  const draft = ctx.stages.draft;
  invariant(draft, 'revisions need the draft stage');
  return (ctx.draftLoaders ??= new Loaders(new Sql(draft, draft.dialect, ctx.deadline), draft.dataSource));
}

/** The changes of the record `key` of `type`, newest first (for the field that declares REVISIONS_ROLE). */
export function revisionsOf(ctx: Context, type: NodeType, key: string, args: PageArgsInput): Promise<Connection<Revision>> {
  return draftLoaders(ctx)
    .connection(`revisions:${type}`, { ...REVISION_SOURCE, parent: 't.node_id', where: { sql: 't.node_type = ?', params: [type] } }, REVISION_ORDER, args, Revision.of)
    .load(key);
}

/**
 * The revision with the serial number `serial` (from its ID), or null: what node(id:) answers for
 * a Revision's ID. node(id:) serves every type, so it has no role of its own to declare: the
 * revision's is checked here, before anything is read.
 */
export async function revisionBySerial(ctx: Context, serial: string): Promise<Revision | null> {
  requireRole(ctx.viewer, REVISIONS_ROLE, 'Reading a Revision by its ID');
  const [revision] = await draftLoaders(ctx)
    .list('revision:id', { ...REVISION_SOURCE, parent: 't.id', order: 't.id' }, Revision.of)
    .load(serial);
  return revision ?? null;
}

@Resolver(() => Revision)
export class RevisionsResolver {
  @Query(() => RevisionConnection, { description: 'Every change, newest first (EDITOR).' })
  @NeedsRole(REVISIONS_ROLE)
  revisions(@Args(() => ConnectionArgs) args: PageArgsInput, @Ctx() ctx: Context): Promise<Connection<Revision>> {
    return draftLoaders(ctx).topLevel(REVISION_SOURCE, REVISION_ORDER, args, Revision.of);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The record changed, as the operation\'s stage has it; null once it is deleted (or, reading PUBLISHED, while it is unpublished).' })
  node(@Root() revision: Revision, @Ctx() ctx: Context): Promise<object | null> {
    return byKey(ctx, modelOfType(revision.nodeType), revision.nodeKey);
  }
}
