import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { Context } from '../../context';
import { ConnectionArgs } from '../../shared/connection';
import type { NodeType } from '../../shared/global-id';
import { listNested, listPlain } from '../../shared/relations';
import { Figure } from '../figure/figure.entity';
import { Publication } from './publication.entity';
import { PUBLICATION_LISTING, PublicationConnection } from './publication.types';

type NodeClass<T extends object> = ClassType<T> & { nodeType: NodeType };

/**
 * `publications` on a node type: the publications its facts come from (the reverse of
 * Publication.mentions). Made per type, since every node type answers it the same way.
 */
export function createProvenanceResolver<T extends { key: string }>(entity: NodeClass<T>) {
  @Resolver(() => entity)
  class ProvenanceResolver {
    @FieldResolver(() => PublicationConnection, {
      description: 'The publications this record comes from (and that mention it), newest first.',
    })
    publications(@Root() root: T, @Args() args: ConnectionArgs, @Ctx() ctx: Context) {
      return listNested(
        ctx,
        PUBLICATION_LISTING,
        {
          name: `${entity.nodeType}.publications`,
          from: 'publication_mention x JOIN publication t ON t.id = x.publication_id',
          parent: 'x.node_id',
          where: { sql: 'x.node_type = ?', params: [entity.nodeType] },
        },
        root.key,
        args,
      );
    }

    @FieldResolver(() => [Publication], {
      description: 'Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it).',
    })
    sources(@Root() root: T, @Ctx() ctx: Context) {
      return listPlain(
        ctx,
        Publication,
        {
          name: `${entity.nodeType}.sources`,
          from: 'publication_mention x JOIN publication t ON t.id = x.publication_id',
          parent: 'x.node_id',
          where: { sql: 'x.node_type = ?', params: [entity.nodeType] },
          order: 'CASE WHEN t.published_at_from IS NULL THEN 1 ELSE 0 END, t.published_at_from DESC, t.id',
        },
        root.key,
      );
    }
  }
  return ProvenanceResolver;
}

/** `figures` on a node type that figures can be about (a forum, a session, an event, ...). */
export function createFiguresResolver<T extends { key: string }>(entity: NodeClass<T>) {
  @Resolver(() => entity)
  class FiguresResolver {
    @FieldResolver(() => [Figure], { description: 'Figures the sources report about this record.' })
    figures(@Root() root: T, @Ctx() ctx: Context) {
      return listPlain(
        ctx,
        Figure,
        {
          name: `${entity.nodeType}.figures`,
          from: 'figure t',
          parent: 't.subject_id',
          where: { sql: 't.subject_type = ?', params: [entity.nodeType] },
          order: 't.date_from, t.id',
        },
        root.key,
      );
    }
  }
  return FiguresResolver;
}
