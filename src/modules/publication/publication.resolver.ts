import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import type { NodeType } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { byKey } from '../../shared/relations';
import { polymorphicEdge, relationResolver, withResolvers } from '../../shared/resolvers';
import { modelOfType } from '../../shared/model';
import { Publication } from './publication.entity';
import { PUBLICATION_LISTING, QUOTE_LISTING } from './publication.types';
import { Quote } from './quote.entity';

const PublicationRelations = relationResolver(
  Publication,
  (r) => ({
    quotes: r.list(Quote, r.back('publication_id', { order: 't.ordinal, t.id' })),
  }),
  { name: 'publications', listing: PUBLICATION_LISTING, description: 'Publications, by default newest first (undated last), then title.' },
);

/** `Publication.mentions` as an edge of the graph: any node type is mentioned, and answers `publications`. */
const MENTIONS_EDGE = polymorphicEdge('Publication.mentions', 'X.publications', {
  table: 'publication_mention',
  sourceKey: 'publication_id',
  typeColumn: 'node_type',
  key: 'node_id',
});

/** What a publication mentions (records of several types) and its provenance: computed, never compiled. */
@Resolver(() => Publication)
class PublicationResolver {
  @FieldResolver(() => [Node], {
    description: 'Everything the publication is about, and is a source for: forums, sessions, speakers, organisations, clusters, events.',
  })
  async mentions(@Root() publication: Publication, @Ctx() ctx: Context) {
    const links = await ctx.loaders
      .list(
        'Publication.mentions',
        { from: 'publication_mention t', select: 't.node_type AS "type", t.node_id AS "key"', parent: 't.publication_id', order: 't.ordinal' },
        (row) => ({ type: row.type as NodeType, key: row.key as string }),
      )
      .load(publication.key);
    const nodes = await Promise.all(links.map(({ type, key }) => byKey(ctx, modelOfType(type), key)));
    return nodes.filter((node) => node !== null);
  }

  @FieldResolver(() => [Publication], { description: 'Provenance: a publication is its own source.' })
  sources(@Root() publication: Publication) {
    return [publication];
  }
}

const QuoteRelations = relationResolver(Quote, () => ({}), { name: 'quotes', listing: QUOTE_LISTING, description: 'Quotes, in a stable order (by ID).' });

@Resolver(() => Quote)
class QuoteResolver {
  @FieldResolver(() => [Publication], { description: 'Provenance: the publication that quotes it.' })
  async sources(@Root() quote: Quote, @Ctx() ctx: Context) {
    const publication = await byKey(ctx, Publication, quote.publicationKey);
    return publication ? [publication] : [];
  }
}

/** A publication's resolvers, and the graph's edge to what it mentions. */
export const PublicationResolvers = withResolvers(PublicationRelations, { resolvers: [PublicationResolver], edges: [MENTIONS_EDGE] });

/** A quote's resolvers, with its provenance. */
export const QuoteResolvers = withResolvers(QuoteRelations, { resolvers: [QuoteResolver] });
