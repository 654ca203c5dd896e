import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { BadUserInputError, describeValue } from '../../shared/errors';
import { fromGlobalId } from '../../shared/global-id';
import { findNeighbors, findPath } from './graph.service';
import { Neighborhood, NodeKind, PathResult } from './graph.types';
import { type Stage, StageArg } from '../../shared/stage';

/** The deepest `neighbors` walk. */
export const MAX_NEIGHBOR_DEPTH = 3;
/** The longest chain `path` looks for. */
export const MAX_PATH_DEPTH = 6;
/** The most nodes one walk or search may visit; `limit` may lower it. */
export const MAX_VISITED = 2000;
/** The most neighbours one answer lists. */
export const MAX_NEIGHBORS_PAGE = 1000;

/** An integer argument within [min, max], or BAD_USER_INPUT saying so. */
function bounded(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${argument}: expected an integer from ${min} to ${max}; received ${describeValue(value)}`, argument);
  }
  return value;
}

@Resolver()
export class GraphResolver {
  @Query(() => Neighborhood, {
    nullable: true,
    description:
      'The nodes within `depth` edges (0 to 3) of a node, each with the edge that first reached it. The walk crosses every ' +
      'relation in both directions and every type; `types` only picks what is listed. At most `limit` nodes (up to 2000) ' +
      'are visited: `truncated` says when that cap stopped the walk. Null when `id` names no record.',
  })
  neighbors(
    @Arg('id', () => ID) id: string,
    @Arg('depth', () => Int, { defaultValue: 1 }) depth: number,
    @Arg('types', () => [NodeKind], { nullable: true, description: 'List only nodes of these types (at least one); all when absent.' }) types: NodeKind[] | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'The most neighbours listed (0 to 1000).' }) first: number,
    @Arg('limit', () => Int, { defaultValue: MAX_VISITED, description: 'The most nodes the walk may visit (1 to 2000).' }) limit: number,
    @StageArg() _stage: Stage,
    @Ctx() ctx: Context,
  ) {
    const start = fromGlobalId(id);
    if (types && types.length === 0) {
      throw new BadUserInputError('types: expected at least one type, or null for all; received []', 'types');
    }
    return findNeighbors(ctx, {
      start,
      depth: bounded('depth', depth, 0, MAX_NEIGHBOR_DEPTH),
      types: types ? new Set(types) : null,
      first: bounded('first', first, 0, MAX_NEIGHBORS_PAGE),
      limit: bounded('limit', limit, 1, MAX_VISITED),
    });
  }

  @Query(() => PathResult, {
    description:
      'A shortest chain of relations from one node to another, of at most `maxDepth` edges (1 to 6), crossing relations in ' +
      'both directions. `path` is null when there is none within `maxDepth`, or when either ID names no record; ' +
      '`truncated` says when the cap of `limit` visited nodes (up to 2000) cut the search short.',
  })
  path(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('maxDepth', () => Int, { defaultValue: 4 }) maxDepth: number,
    @Arg('limit', () => Int, { defaultValue: MAX_VISITED, description: 'The most nodes the search may visit (2 to 2000).' }) limit: number,
    @StageArg() _stage: Stage,
    @Ctx() ctx: Context,
  ) {
    return findPath(ctx, {
      from: fromGlobalId(from, 'from'),
      to: fromGlobalId(to, 'to'),
      maxDepth: bounded('maxDepth', maxDepth, 1, MAX_PATH_DEPTH),
      limit: bounded('limit', limit, 2, MAX_VISITED),
    });
  }
}
