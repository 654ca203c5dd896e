import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { Page } from './list-query';

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** first/after or last/before: at most 100 rows a page, 20 when neither first nor last is given. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'The first N rows after `after` (0 to 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'The last N rows before `before` (0 to 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares the Relay connection and edge types of `item`: `${name}Connection`, `${name}Edge`. */
export function ConnectionType<T extends object>(item: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => item)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionObject {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [item])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All rows of the list, on every page.' })
    totalCount!: number;
  }
  return ConnectionObject;
}

/**
 * The connection of one page, with rows mapped to nodes by `map`. Edges and cursors are made
 * when a query reads them: a list asked only for its nodes makes neither.
 */
export function toConnection<T>(page: Page, map: (row: Page['rows'][number]) => T): Connection<T> {
  const nodes = page.rows.map(map);
  let edges: Edge<T>[] | undefined;
  const last = nodes.length - 1;
  return {
    nodes,
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ node, cursor: page.cursor(i) })));
    },
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return last >= 0 ? page.cursor(0) : null;
      },
      get endCursor() {
        return last >= 0 ? page.cursor(last) : null;
      },
    },
  };
}
