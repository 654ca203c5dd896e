import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../shared/node';
import { type EnumValue, defineEnum, defineTypeEnum } from '../../shared/enums';
import type { NodeType } from '../../shared/global-id';
import { NODE_TYPES } from '../catalog';

/** A kind of node, as `neighbors(types:)` names it (CLUSTER_EVENT); the value is the node type (`ClusterEvent`). */
export const NodeKind = defineTypeEnum('NodeKind', NODE_TYPES, 'A type of node of the graph.');
export type NodeKind = NodeType;

/** Which way an edge was walked. */
export const EdgeDirection = defineEnum('EdgeDirection', ['OUT', 'IN'], {
  description: 'OUT: along the relation, from the type that names it (Session.forum: session to forum). IN: against it (forum to session).',
  values: {
    OUT: '`from` is the node whose field `relation` names; `to` is what the field gives.',
    IN: '`to` is the node whose field `relation` names; `from` is what the field gives.',
  },
});
export type EdgeDirection = EnumValue<typeof EdgeDirection>;

/** One relation between two nodes, as a walk crossed it. */
@ObjectType({ description: 'One relation between two nodes, in the direction a walk crossed it.' })
export class GraphEdge {
  @Field(() => String, { description: 'The relation, named after the field that reads it OUT: "Session.forum", "Speaker.sessions", "Publication.mentions".' })
  relation!: string;

  @Field(() => EdgeDirection)
  direction!: EdgeDirection;

  @Field(() => Node)
  from!: Node;

  @Field(() => Node)
  to!: Node;
}

/** A node near the start of `neighbors`, with the edge that first reached it. */
@ObjectType({ description: 'A node within reach, with its distance and the edge that reached it.' })
export class Neighbor {
  @Field(() => Node)
  node!: Node;

  @Field(() => Int, { description: 'The number of edges from the start: 1 for a direct neighbour.' })
  depth!: number;

  @Field(() => GraphEdge, { description: 'The edge that reached the node (to = node; from is one step nearer the start).' })
  via!: GraphEdge;
}

/** The answer of `neighbors`. */
@ObjectType({ description: 'The nodes within a number of edges of a start node.' })
export class Neighborhood {
  @Field(() => Node, { description: 'The start node.' })
  origin!: Node;

  @Field(() => Int, { description: 'The depth asked for.' })
  depth!: number;

  @Field(() => [Neighbor], { description: 'By depth, relation name, direction, type and key; at most `first`.' })
  nodes!: Neighbor[];

  @Field(() => Int, { description: 'All the nodes found (of the asked types), on every page.' })
  totalCount!: number;

  @Field(() => Int, { description: 'Nodes visited by the walk, the start and nodes of other types included.' })
  visited!: number;

  @Field(() => Boolean, { description: 'True when the walk stopped at `limit` before reaching the whole neighbourhood.' })
  truncated!: boolean;

  @Field(() => Int, { description: 'The cap on visited nodes that applied.' })
  limit!: number;
}

/** A chain of relations: nodes and edges alternate, `nodes.length == edges.length + 1`. */
@ObjectType({ description: 'A chain of relations between two nodes: nodes[i] --edges[i]--> nodes[i+1].' })
export class GraphPath {
  @Field(() => Int, { description: 'The number of edges: 0 when the two ends are the same node.' })
  length!: number;

  @Field(() => [Node], { description: 'From the start to the end, both included.' })
  nodes!: Node[];

  @Field(() => [GraphEdge])
  edges!: GraphEdge[];
}

/** The answer of `path`. */
@ObjectType({ description: 'A shortest path search, with what it cost.' })
export class PathResult {
  @Field(() => GraphPath, { nullable: true, description: 'A shortest chain within `maxDepth` edges; null when none was found.' })
  path!: GraphPath | null;

  @Field(() => Int, { description: 'The cap on the number of edges that applied.' })
  maxDepth!: number;

  @Field(() => Int, { description: 'Nodes visited from both ends.' })
  visited!: number;

  @Field(() => Boolean, { description: 'True when the search hit `limit`: a null path then means "not found within the cap", not "none exists".' })
  truncated!: boolean;

  @Field(() => Int, { description: 'The cap on visited nodes that applied.' })
  limit!: number;
}
