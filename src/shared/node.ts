import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeType } from './global-id';

/** The GraphQL type of a node: every entity class names it in `nodeType`. */
export function resolveNodeType(value: object): NodeType | undefined {
  return (value.constructor as { nodeType?: NodeType }).nodeType;
}

/** An object with a global ID. */
@InterfaceType({ resolveType: resolveNodeType })
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque and stable: the same on every load and database.' })
  abstract readonly id: string;
}
