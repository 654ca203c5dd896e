import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import type { Connection } from '../../shared/connection';
import type { Node } from '../../shared/node';
import { loadHitNode, searchHits } from './search.service';
import { SearchHit, SearchHitConnection, SearchableType } from './search.types';
import { type Stage, StageArg } from '../../shared/stage';

const DESCRIPTION = `Full-text search over all content, aware of Russian word forms ("кадров" finds "кадры").
Words must all match, in any form and case, with «ё» as «е»; "a phrase" must match in this order;
a trailing * matches any word starting so (кадр*); a leading - excludes a word or phrase.
Best first; at most 1000 characters and 32 words.`;

/** Query.search: parses and pages in the service, then loads each hit's node through the request's loaders. */
@Resolver()
export class SearchResolver {
  @Query(() => SearchHitConnection, { description: DESCRIPTION })
  async search(
    @Arg('query', () => String) query: string,
    @Arg('types', () => [SearchableType], { nullable: true, description: 'Only these kinds of object; all when absent.' }) types: SearchableType[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'The first N hits after `after` (0 to 100, 20 when absent).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @StageArg() _stage: Stage,
    @Ctx() ctx: Context,
  ): Promise<Connection<SearchHit>> {
    const page = await searchHits(ctx, { query, first, after, types: types ?? undefined });
    const nodes = await Promise.all(page.edges.map((edge) => loadHitNode(ctx, edge.node)));
    const edges = page.edges.flatMap((edge, i) => {
      const node = nodes[i] as Node | null;
      return node ? [{ cursor: edge.cursor, node: { node, score: edge.node.score, highlight: edge.node.highlight } }] : [];
    });
    return { ...page, edges, nodes: edges.map((edge) => edge.node) };
  }
}
