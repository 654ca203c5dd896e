import { type GraphQLSchema, graphql, isObjectType } from 'graphql';
import { Field, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Context } from '../context';
import type { NodeType } from './global-id';
import { defineListing, filter, sort } from './listing';
import { compiledOf, relationResolver } from './resolvers';

/*
 * A type with two to-one relations to one entity (`home`, `away`), a plain list and a filtered
 * connection, built alone: each field must answer, and carry the declaration, of its own
 * relation. (Factories that share one method name under FieldResolver's `name` option do not:
 * type-graphql 2.0.0-rc.4 gives every such field the first one's resolver and extensions.)
 */

@Entity('team')
@ObjectType()
class Team {
  static readonly nodeType = 'Team' as NodeType;
  @PrimaryColumn({ name: 'id' })
  key!: string;
  @Column()
  @Field(() => String)
  name!: string;
}

@Entity('match')
@ObjectType()
class Match {
  static readonly nodeType = 'Match' as NodeType;
  @PrimaryColumn({ name: 'id' })
  key!: string;
  @Column({ name: 'home_id' })
  homeKey!: string;
  @Column({ name: 'away_id' })
  awayKey!: string;
  @Field(() => String)
  title!: string;
}

const TEAM_LISTING = defineListing(Team, {
  orderBy: { description: 'Teams by name.', fields: { name: sort.text('name') }, default: [{ name: 'ASC' }] },
  where: { description: 'Which teams.', fields: { name: filter.string('name') } },
});

const { resolvers: matchResolvers, edges } = relationResolver(Match, (r) => ({
  home: r.one(Team, 'homeKey', { description: 'The home side.', edge: { reverse: 'Team.homeMatches' } }),
  away: r.one(Team, 'awayKey', { nullable: true }),
  referees: r.list(Team, r.through('match_referee', 'match_id', 'team_id', { order: 'x.ordinal' })),
  rivals: r.connection(TEAM_LISTING, r.back('rival_of'), { filters: true }),
}));
const teams = relationResolver(Team, () => ({}), { name: 'teams', listing: TEAM_LISTING, description: 'Every team.' });

/** Loaders answering from memory, recording what the connections were asked. */
function context(calls: unknown[]): Context {
  const team = (key: string) => Object.assign(new Team(), { key, name: key.toUpperCase() });
  const page = (keys: string[]) => ({ nodes: keys.map(team), edges: [], totalCount: keys.length, pageInfo: {} });
  const loaders = {
    table: () => ({ table: 'team', select: () => 't.id AS "key"', properties: ['key', 'name'], map: (row: object) => row }),
    byKey: () => ({ load: async (key: string) => team(key) }),
    list: (name: string) => ({ load: async (parent: string) => [team(`${name}:${parent}`)] }),
    connection: (name: string, _source: unknown, keys: unknown, args: object) => {
      calls.push({ name, keys, args: { ...args } });
      return { load: async (parent: string) => page([`${parent}-rival`]) };
    },
    topLevel: async (_source: unknown, keys: unknown, args: object) => {
      calls.push({ name: 'teams', keys, args: { ...args } });
      return page(['lions', 'tigers']);
    },
  };
  return { loaders } as unknown as Context;
}

let schema: GraphQLSchema;
beforeAll(async () => {
  @Resolver()
  class MatchQuery {
    @Query(() => Match)
    match(): Match {
      return Object.assign(new Match(), { key: 'final', homeKey: 'lions', awayKey: 'tigers', title: 'Final' });
    }
  }
  schema = await buildSchema({ resolvers: [MatchQuery, ...matchResolvers, ...teams.resolvers], validate: false });
});

describe('relationResolver', () => {
  it('gives each relation field its own declaration in extensions.compiled', () => {
    const match = schema.getType('Match');
    if (!isObjectType(match)) throw new Error(`expected Match to be an object type; received ${String(match)}`);
    const fields = match.getFields();
    expect(compiledOf(fields.home)).toEqual({ kind: 'one', entity: Team, foreignKey: 'homeKey' });
    expect(compiledOf(fields.away)).toEqual({ kind: 'one', entity: Team, foreignKey: 'awayKey' });
    expect(compiledOf(fields.referees)).toEqual({
      kind: 'list',
      entity: Team,
      relation: { name: 'Match.referees', from: 'match_referee x JOIN team t ON t.id = x.team_id', parent: 'x.match_id', order: 'x.ordinal' },
    });
    expect(compiledOf(fields.rivals)).toEqual({ kind: 'connection', listing: TEAM_LISTING, relation: { name: 'Match.rivals', from: 'team t', parent: 't.rival_of', where: undefined } });
    expect(compiledOf(fields.title)).toBeUndefined();
    expect(compiledOf(schema.getQueryType()!.getFields().teams)).toEqual({ kind: 'root-list', listing: TEAM_LISTING });
    expect(edges).toEqual([{ name: 'Match.home', reverse: 'Team.homeMatches', source: 'Match', target: 'Team', holder: { kind: 'column', table: 'match', column: 'home_id' } }]);
  });

  it('keeps the field options and the arguments in order: page, where, orderBy (and stage on Query)', () => {
    const match = schema.getType('Match');
    if (!isObjectType(match)) throw new Error(`expected Match to be an object type; received ${String(match)}`);
    const { home, away, rivals } = match.getFields();
    expect([String(home.type), home.description, String(away.type), away.description]).toEqual(['Team!', 'The home side.', 'Team', undefined]);
    expect(rivals.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['first: Int', 'after: String', 'last: Int', 'before: String', 'where: TeamWhere', 'orderBy: [TeamOrderBy!]']);
    const list = schema.getQueryType()!.getFields().teams;
    expect(list.args.map((a) => a.name)).toEqual(['first', 'after', 'last', 'before', 'where', 'orderBy', 'stage']);
    expect(list.args[6].defaultValue).toBe('PUBLISHED');
  });

  it('answers each field with its own relation, and hands the list arguments to the loaders', async () => {
    const calls: unknown[] = [];
    const result = await graphql({
      schema,
      source: '{ match { home { name } away { name } referees { name } rivals(first: 2, orderBy: [{ name: DESC }]) { totalCount nodes { name } } } teams(last: 1, stage: DRAFT) { nodes { name } } }',
      contextValue: context(calls),
    });
    expect(result).toEqual({
      data: {
        match: { home: { name: 'LIONS' }, away: { name: 'TIGERS' }, referees: [{ name: 'MATCH.REFEREES:FINAL' }], rivals: { totalCount: 1, nodes: [{ name: 'FINAL-RIVAL' }] } },
        teams: { nodes: [{ name: 'LIONS' }, { name: 'TIGERS' }] },
      },
    });
    const id = { sql: 't.id', direction: 'ASC', nullable: false, text: true };
    expect(calls).toEqual([
      { name: 'Match.rivals', keys: [{ sql: 't.name', direction: 'DESC', nullable: false, text: true }, id], args: { first: 2, orderBy: [{ name: 'DESC' }] } },
      { name: 'teams', keys: [{ sql: 't.name', direction: 'ASC', nullable: false, text: true }, id], args: { last: 1, stage: 'DRAFT' } },
    ]);
  });
});
