import type { ClassType } from 'type-graphql';
import type { NodeType } from '../../shared/global-id';
import { relationResolver } from '../../shared/resolvers';
import { Figure } from '../figure/figure.entity';
import { Publication } from './publication.entity';
import { PUBLICATION_LISTING } from './publication.types';

type NodeClass<T extends object> = ClassType<T> & { nodeType: NodeType };

/**
 * `publications` and `sources` on a node type: the publications its facts come from (the
 * reverse of Publication.mentions). Made per type, since every node type answers them the same way.
 */
export function createProvenanceResolver<T extends { key: string }>(entity: NodeClass<T>) {
  const mentions = {
    from: 'publication_mention x JOIN publication t ON t.id = x.publication_id',
    parent: 'x.node_id',
    where: { sql: 'x.node_type = ?', params: [entity.nodeType] },
  };
  return relationResolver(entity, (r) => ({
    publications: r.connection(PUBLICATION_LISTING, mentions, { description: 'The publications this record comes from (and that mention it), newest first.' }),
    sources: r.list(
      Publication,
      { ...mentions, order: 'CASE WHEN t.published_at_from IS NULL THEN 1 ELSE 0 END, t.published_at_from DESC, t.id' },
      { description: 'Provenance: every publication this record comes from, newest first (its `sourceUrl` says where to read it).' },
    ),
  }));
}

/** `figures` on a node type that figures can be about (a forum, a session, an event, ...). */
export function createFiguresResolver<T extends { key: string }>(entity: NodeClass<T>) {
  return relationResolver(entity, (r) => ({
    figures: r.list(
      Figure,
      r.back('subject_id', { where: { sql: 't.subject_type = ?', params: [entity.nodeType] }, order: 't.date_from, t.id' }),
      { description: 'Figures the sources report about this record.' },
    ),
  }));
}
