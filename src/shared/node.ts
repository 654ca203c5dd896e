import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeType } from './global-id';

/** An object with a global ID. Every entity class names its GraphQL type in `nodeType`. */
@InterfaceType({
  resolveType: (value: object) => (value.constructor as { nodeType?: NodeType }).nodeType,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque and stable: the same on every load and database.' })
  abstract readonly id: string;
}
