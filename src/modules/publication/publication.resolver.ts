import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import type { NodeType } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { byKey, listAll, listPlain } from '../../shared/relations';
import { NODE_ENTITIES } from '../node/node-types';
import { Session } from '../session/session.entity';
import { Speaker } from '../speaker/speaker.entity';
import { Publication } from './publication.entity';
import { PUBLICATION_LISTING, PublicationConnection, PublicationOrderBy, PublicationWhere, QUOTE_LISTING, QuoteConnection } from './publication.types';
import { Quote } from './quote.entity';

@Resolver(() => Publication)
export class PublicationResolver {
  @Query(() => PublicationConnection, { description: 'Publications, by default newest first (undated last), then title.' })
  publications(
    @Args() args: ConnectionArgs,
    @Arg('where', () => PublicationWhere, { nullable: true }) where: PublicationWhere | null,
    @Arg('orderBy', () => [PublicationOrderBy], { nullable: true }) orderBy: PublicationOrderBy[] | null,
    @Ctx() ctx: Context,
  ) {
    return listAll(ctx, PUBLICATION_LISTING, args, orderBy, where);
  }

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
    const nodes = await Promise.all(links.map(({ type, key }) => byKey(ctx, NODE_ENTITIES[type], key)));
    return nodes.filter((node) => node !== null);
  }

  @FieldResolver(() => [Publication], { description: 'Provenance: a publication is its own source.' })
  sources(@Root() publication: Publication) {
    return [publication];
  }

  @FieldResolver(() => [Quote])
  quotes(@Root() publication: Publication, @Ctx() ctx: Context) {
    return listPlain(ctx, Quote, { name: 'Publication.quotes', from: 'quote t', parent: 't.publication_id', order: 't.ordinal, t.id' }, publication.key);
  }
}

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => QuoteConnection, { description: 'Quotes, in a stable order (by ID).' })
  quotes(@Args() args: ConnectionArgs, @Ctx() ctx: Context) {
    return listAll(ctx, QUOTE_LISTING, args);
  }

  @FieldResolver(() => Speaker)
  speaker(@Root() quote: Quote, @Ctx() ctx: Context) {
    return byKey(ctx, Speaker, quote.speakerKey);
  }

  @FieldResolver(() => Session, { nullable: true })
  session(@Root() quote: Quote, @Ctx() ctx: Context) {
    return byKey(ctx, Session, quote.sessionKey);
  }

  @FieldResolver(() => Publication, { nullable: true })
  publication(@Root() quote: Quote, @Ctx() ctx: Context) {
    return byKey(ctx, Publication, quote.publicationKey);
  }

  @FieldResolver(() => [Publication], { description: 'Provenance: the publication that quotes it.' })
  async sources(@Root() quote: Quote, @Ctx() ctx: Context) {
    const publication = await byKey(ctx, Publication, quote.publicationKey);
    return publication ? [publication] : [];
  }
}
