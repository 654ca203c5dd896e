import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Extensions, Field, Info, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { STAGELESS } from '../../shared/stage';
import { NeedsRole, Role } from '../auth/auth.roles';
import { readManifest, registerDocuments, retireDocuments } from './documents.registry';

@ObjectType({ description: "An app version's trusted documents, as registered." })
export class TrustedDocumentsRegistration {
  @Field(() => String)
  app!: string;

  @Field(() => String)
  version!: string;

  @Field(() => [String], { description: 'Every document id of the manifest (`sha256:<hex>`), in its order: what clients send as `documentId`.' })
  ids!: string[];

  @Field(() => Int, { description: 'How many of them this app version did not have live before (0 when it is registered again).' })
  added!: number;
}

@Resolver()
export class TrustedDocumentsResolver {
  @Mutation(() => TrustedDocumentsRegistration, {
    description:
      'ADMIN: registers an app version\'s trusted documents from a persisted-documents manifest (GraphQL Code Generator\'s client preset: a JSON object from each document\'s SHA-256 to its text), all or none: every hash is checked against its text and every document validated against the schema first, and each failure is named.',
  })
  @NeedsRole(Role.ADMIN)
  @Extensions({ [STAGELESS]: true })
  async registerTrustedDocuments(
    @Arg('app', () => String) app: string,
    @Arg('version', () => String) version: string,
    @Arg('documents', () => String, { description: 'The manifest\'s JSON text: { "<sha256 hex>": "<document>" }.' }) documents: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrustedDocumentsRegistration> {
    const { dataSource, dialect } = ctx.stages.published;
    const registration = await registerDocuments(dataSource, dialect, info.schema, { app, version, manifest: readManifest(documents) });
    await ctx.documentsChanged(registration.ids);
    return Object.assign(new TrustedDocumentsRegistration(), registration);
  }

  @Mutation(() => [String], { description: "ADMIN: retires an app version's trusted documents; resolves with the ids retired. A document no other live version has is unknown from then on." })
  @NeedsRole(Role.ADMIN)
  @Extensions({ [STAGELESS]: true })
  async retireTrustedDocuments(@Arg('app', () => String) app: string, @Arg('version', () => String) version: string, @Ctx() ctx: Context): Promise<string[]> {
    const { dataSource, dialect } = ctx.stages.published;
    const ids = await retireDocuments(dataSource, dialect, app, version);
    await ctx.documentsChanged(ids);
    return ids;
  }
}
