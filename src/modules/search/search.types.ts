import { Field, Float, ObjectType} from 'type-graphql';
import { ConnectionType } from '../../shared/connection';
import { Node } from '../../shared/node';
import { SEARCH_NODE_TYPES, type SearchNodeType } from './search.sources';
import { type EnumValue, defineEnum } from '../../shared/enums';

/** The SearchableType value of a node type: `ClusterEvent` is CLUSTER_EVENT. */
const searchableName = (type: SearchNodeType) => type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase();

/** The kinds of object that search can be restricted to: one per searched type. */
export const SearchableType = defineEnum('SearchableType', SEARCH_NODE_TYPES.map(searchableName), {
  description: 'A kind of object that search finds.',
});
export type SearchableType = EnumValue<typeof SearchableType>;

/** The node type behind each SearchableType. */
export const SEARCHABLE_NODE_TYPES: Readonly<Record<SearchableType, SearchNodeType>> = Object.fromEntries(SEARCH_NODE_TYPES.map((type) => [searchableName(type), type]));

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
