import { Field, Float, ObjectType} from 'type-graphql';
import { ConnectionType } from '../../shared/connection';
import { Node } from '../../shared/node';
import { SEARCH_NODE_TYPES, type SearchNodeType } from './search.sources';
import { defineTypeEnum } from '../../shared/enums';

/** The kinds of object that search can be restricted to (CLUSTER_EVENT): one per searched type, whose value is the node type. */
export const SearchableType = defineTypeEnum('SearchableType', SEARCH_NODE_TYPES, 'A kind of object that search finds.');
export type SearchableType = SearchNodeType;

/** One object that a search found, with how well it matched and where. */
@ObjectType({ description: 'One object that a search found, with how well it matched and where.' })
export class SearchHit {
  @Field(() => Node)
  node!: Node;

  @Field(() => Float, { description: 'Relevance: higher is better. Comparable within one search only, not across databases.' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'A short excerpt around the match, the matched words wrapped in <b>…</b>.' })
  highlight!: string | null;
}

/** The Relay connection of search hits: SearchHitConnection and SearchHitEdge. */
export const SearchHitConnection = ConnectionType(SearchHit, 'SearchHit');
