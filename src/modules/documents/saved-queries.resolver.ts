import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Extensions, Field, Info, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { STAGELESS } from '../../shared/stage';
import { NeedsRole, Role } from '../auth/auth.roles';
import { type SavedQueryRow, deleteSavedQuery, listSavedQueries, openSavedQuery, saveQuery } from './saved-queries';

@ObjectType({ description: "An operation saved from the Playground under a name, shared with every token by its id (README, \"Saved queries\")." })
export class SavedQuery {
  @Field(() => String, { description: 'sha256:<hex of the text>: the Playground opens it by `?documentId=`.' })
  documentId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The name of the token that saved it." })
  owner!: string;

  @Field(() => String, { description: 'The operation, as saved.' })
  body!: string;

  @Field(() => [String], { description: "Its operations' names ('' for an anonymous one)." })
  operationNames!: string[];

  @Field(() => String, { description: 'When it was saved, ISO 8601.' })
  savedAt!: string;

  @Field(() => String, { nullable: true, description: 'When it was last opened by its id, ISO 8601; null: never.' })
  lastUsedAt!: string | null;

  static of({ id, ...row }: SavedQueryRow): SavedQuery {
    return Object.assign(new SavedQuery(), { documentId: id, ...row });
  }
}

@Resolver()
export class SavedQueriesResolver {
  @Query(() => [SavedQuery], { description: 'READER: every saved query, most recently saved first.' })
  @NeedsRole(Role.READER)
  async savedQueries(@Ctx() ctx: Context): Promise<SavedQuery[]> {
    const published = ctx.stages.published;
    return (await listSavedQueries((sql, params) => published.read(sql, params))).map(SavedQuery.of);
  }

  @Mutation(() => SavedQuery, { nullable: true, description: 'Anyone: the saved query with this id, as a shared link opens it (its last use becomes now); null when none is saved under it.' })
  @Extensions({ [STAGELESS]: true })
  async openSavedQuery(@Arg('documentId', () => String) id: string, @Ctx() ctx: Context): Promise<SavedQuery | null> {
    const row = await openSavedQuery(ctx.stages.published.dataSource, ctx.stages.published.dialect, id);
    return row ? SavedQuery.of(row) : null;
  }

  @Mutation(() => SavedQuery, { description: "READER: saves the operation under a name, as the token's; it must validate against the schema. Saving the same text again renames it." })
  @NeedsRole(Role.READER)
  @Extensions({ [STAGELESS]: true })
  async saveQuery(
    @Arg('name', () => String) name: string,
    @Arg('document', () => String, { description: 'The operation text.' }) document: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SavedQuery> {
    const { dataSource, dialect } = ctx.stages.published;
    return SavedQuery.of(await saveQuery(dataSource, dialect, info.schema, { owner: ctx.viewer!.name, name, text: document }));
  }

  @Mutation(() => Boolean, { description: "READER: takes one of the token's own saved queries off the list; false when it has none with this id." })
  @NeedsRole(Role.READER)
  @Extensions({ [STAGELESS]: true })
  async deleteSavedQuery(@Arg('documentId', () => String) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return deleteSavedQuery(ctx.stages.published.dataSource, ctx.stages.published.dialect, ctx.viewer!.name, id);
  }
}
