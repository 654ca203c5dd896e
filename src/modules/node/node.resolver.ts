import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError } from '../../shared/errors';
import { fromGlobalId, revisionSerialOf } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { byKey } from '../../shared/relations';
import { modelOfType } from '../../shared/model';
import { type Stage, StageArg } from '../../shared/stage';
import { revisionBySerial } from '../writes/revisions.resolver';

/** How many IDs one `nodes` call may name. */
export const MAX_NODES = 100;

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The object with this global ID, or null when there is none.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @StageArg() _stage: Stage) {
    return nodeOf(ctx, id, 'id');
  }

  @Query(() => [Node], { nullable: 'items', description: 'The objects with these global IDs, in order; null where there is none (at most 100 IDs).' })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context, @StageArg() _stage: Stage) {
    if (ids.length > MAX_NODES) {
      throw new BadUserInputError(`ids: expected at most ${MAX_NODES} IDs; received ${ids.length}`, 'ids');
    }
    return Promise.all(ids.map((id, i) => nodeOf(ctx, id, `ids[${i}]`)));
  }
}

/** The record, or the revision (EDITOR), with the global ID `id` (the argument `argument`). */
function nodeOf(ctx: Context, id: string, argument: string): Promise<object | null> {
  const serial = revisionSerialOf(id);
  if (serial !== null) return revisionBySerial(ctx, serial);
  const { type, key } = fromGlobalId(id, argument);
  return byKey(ctx, modelOfType(type), key);
}
