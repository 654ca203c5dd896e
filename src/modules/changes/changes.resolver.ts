import { Arg, Ctx, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { BadUserInputError, describeValue, invariant } from '../../shared/errors';
import { type NodeType, fromGlobalId } from '../../shared/global-id';
import { Stage } from '../../shared/stage';
import { holds } from '../auth/auth.roles';
import { NodeKind } from '../graph/graph.types';
import { STAGE_ROLE } from '../writes/stage';
import type { OutboxRow } from '../writes/outbox';
import { ALL_STAGES, type FeedItem, type SubscriptionContext, isOverflow } from './change-feed';

/*
 * Subscription.contentChanged: the change outbox as a stream, over graphql-ws and graphql-sse
 * (see src/subscriptions/). Readers see the PUBLISHED stage's changes; EDITOR tokens and above
 * the DRAFT stage's too. `after` replays from a cursor first.
 */

/** How many IDs `ids` may name. */
export const MAX_CHANGE_IDS = 100;

/** The cursor of outbox row `id`: opaque to clients (base64url of "Change:<id>"). */
export function changeCursor(id: number): string {
  return Buffer.from(`Change:${id}`, 'utf8').toString('base64url');
}

/** The outbox id of a cursor, or BAD_USER_INPUT saying what a cursor is. */
export function parseChangeCursor(cursor: string, argument = 'after'): number {
  const fail = (): never => {
    throw new BadUserInputError(`${argument}: expected a cursor as ContentChange.cursor gives it (or an SSE event id of this feed); received ${describeValue(cursor)}`, argument);
  };
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 40 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return fail();
  const match = /^Change:(0|[1-9][0-9]{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || changeCursor(Number(match[1])) !== cursor) return fail();
  return Number(match[1]);
}

@ObjectType({ description: 'One change of one record in one stage, as the change outbox keeps it.' })
export class ContentChange {
  @Field(() => String, { description: 'Where this change is in the feed: give it as `after` (or as the SSE Last-Event-ID) to resume after it. Opaque.' })
  cursor!: string;

  // Not `id`: a type with one is a Node, and a client's normalized cache would file every change of
  // a record as one object. WebhookDelivery names it the same way.
  @Field(() => ID, { description: 'The global ID of the record changed (as Node.id).' })
  recordId!: string;

  @Field(() => NodeKind)
  type!: NodeKind;

  @Field(() => String, { description: 'CREATE, UPDATE, DELETE, PUBLISH, UNPUBLISH or IMPORT.' })
  action!: string;

  @Field(() => Int, { description: "The record's version after the change." })
  version!: number;

  @Field(() => Stage, { description: 'The stage whose rows changed: PUBLISHED (everyone sees it) or DRAFT (EDITOR and above).' })
  stage!: Stage;

  @Field(() => String, { description: 'When the change committed (ISO date-time).' })
  at!: string;

  @Field(() => [String], { description: 'What a cache purges for it: the record\'s global ID and "list:<Type>".' })
  tags!: string[];

  static of(row: OutboxRow): ContentChange {
    return Object.assign(new ContentChange(), {
      cursor: changeCursor(row.id),
      recordId: row.globalId,
      type: row.type as string as NodeKind,
      action: row.action,
      version: row.version,
      stage: row.stage,
      at: row.at,
      tags: row.tags,
    });
  }
}

interface ContentChangedArgs {
  types?: NodeKind[] | null;
  ids?: string[] | null;
  after?: string | null;
}

/** The stream of one subscription: the args checked, the viewer's stages, the feed's items. */
async function subscribeToChanges({ args, context }: { args: ContentChangedArgs; context: SubscriptionContext }): Promise<AsyncIterable<FeedItem>> {
  const changes = context.changeFeed;
  invariant(changes, 'contentChanged runs over graphql-ws or graphql-sse, whose context has the change feed');
  if (args.types && args.types.length === 0) throw new BadUserInputError('types: expected at least one type, or null for all; received []', 'types');
  if (args.ids && args.ids.length === 0) throw new BadUserInputError('ids: expected at least one global ID, or null for all; received []', 'ids');
  if (args.ids && args.ids.length > MAX_CHANGE_IDS) throw new BadUserInputError(`ids: expected at most ${MAX_CHANGE_IDS} IDs; received ${args.ids.length}`, 'ids');
  args.ids?.forEach((id, i) => fromGlobalId(id, `ids[${i}]`));
  const ids = args.ids ? new Set(args.ids) : null;
  // A reconnecting SSE client's Last-Event-ID stands for the `after` its operation does not give.
  const after = args.after != null ? parseChangeCursor(args.after) : changes.lastEventId ? parseChangeCursor(changes.lastEventId, 'Last-Event-ID') : null;
  const stages = holds(context.viewer, STAGE_ROLE) ? ALL_STAGES : new Set([Stage.PUBLISHED]);
  const types = args.types ? new Set(args.types.map((type) => type as string as NodeType)) : null;
  return changes.feed.subscribe({ stages, types, ids }, after);
}

@Resolver()
export class ChangesResolver {
  @Subscription(() => ContentChange, {
    subscribe: subscribeToChanges,
    description:
      'The changes of the content as they commit: over WebSocket (graphql-transport-ws) or Server-Sent Events on /graphql. ' +
      'Readers get the PUBLISHED stage\'s changes; EDITOR tokens and above the DRAFT stage\'s too. `after`: replay every change ' +
      'after this cursor first (from the oldest the feed still holds, where it was pruned), then the live ones. A subscriber that ' +
      'falls too far behind is ended with the error FEED_OVERFLOW: resubscribe with the last cursor it took.',
  })
  contentChanged(
    @Root() item: FeedItem,
    @Ctx() ctx: SubscriptionContext,
    @Arg('types', () => [NodeKind], { nullable: true, description: 'Only changes of these types (at least one); all when absent.' }) _types?: NodeKind[] | null,
    @Arg('ids', () => [ID], { nullable: true, description: 'Only changes of these records (global IDs, 1 to 100); all when absent.' }) _ids?: string[] | null,
    @Arg('after', () => String, { nullable: true, description: 'A cursor (ContentChange.cursor): replay the changes after it first.' }) _after?: string | null,
  ): ContentChange {
    if (isOverflow(item)) {
      ctx.changeFeed?.resolved?.(null);
      const resume = item.lastId === null ? 'with the `after` it was given' : `with after: "${changeCursor(item.lastId)}"`;
      throw new GraphQLError(
        `The subscriber fell behind: expected it to take the changes as they come, at most ${item.queueLength} waiting; received more. Subscribe again ${resume} to miss nothing.`,
        { extensions: { code: 'FEED_OVERFLOW', ...(item.lastId === null ? {} : { cursor: changeCursor(item.lastId) }) } },
      );
    }
    const change = ContentChange.of(item);
    ctx.changeFeed?.resolved?.(change.cursor);
    return change;
  }
}
