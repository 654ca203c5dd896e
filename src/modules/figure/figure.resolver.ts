import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import type { NodeType } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { byKey, listAll } from '../../shared/relations';
import { NODE_ENTITIES } from '../node/node-types';
import { Figure } from './figure.entity';
import { FIGURE_LISTING, FigureConnection, FigureOrderBy } from './figure.types';

@Resolver(() => Figure)
export class FigureResolver {
  @Query(() => FigureConnection, { description: 'Programme figures (counts of clusters, graduates, ...), by default by date.' })
  figures(
    @Args() args: ConnectionArgs,
    @Arg('orderBy', () => [FigureOrderBy], { nullable: true }) orderBy: FigureOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, FIGURE_LISTING, args, orderBy);
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The record the figure is about, where there is one.' })
  subject(@Root() figure: Figure, @Ctx() ctx: Context) {
    if (!figure.subjectType) return null;
    return byKey(ctx, NODE_ENTITIES[figure.subjectType as NodeType], figure.subjectKey);
  }
}
