import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { NodeType } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { byKey } from '../../shared/relations';
import { polymorphicEdge, relationResolver, withResolvers } from '../../shared/resolvers';
import { modelOfType } from '../../shared/model';
import { Figure } from './figure.entity';
import { FIGURE_LISTING } from './figure.types';

const FigureList = relationResolver(Figure, () => ({}), {
  name: 'figures',
  listing: FIGURE_LISTING,
  description: 'Programme figures (counts of clusters, graduates, ...), by default by date.',
});

/** `Figure.subject` as an edge of the graph: a figure is about a record of any type, which answers `figures`. */
const SUBJECT_EDGE = polymorphicEdge('Figure.subject', 'X.figures', { table: 'figure', sourceKey: 'id', typeColumn: 'subject_type', key: 'subject_id' });

@Resolver(() => Figure)
class FigureResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'The record the figure is about, where there is one.' })
  subject(@Root() figure: Figure, @Ctx() ctx: Context) {
    if (!figure.subjectType) return null;
    return byKey(ctx, modelOfType(figure.subjectType as NodeType), figure.subjectKey);
  }
}

/** A figure's resolvers, and the graph's edge to its subject. */
export const FigureResolvers = withResolvers(FigureList, { resolvers: [FigureResolver], edges: [SUBJECT_EDGE] });
