import path from 'node:path';
import { type GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { type ClassType, type NonEmptyArray, type PubSub, buildSchema, getMetadataStorage } from 'type-graphql';
import { CATALOG, CITED, FIGURE_SUBJECTS } from './modules/catalog';
import { ViewerResolver } from './modules/auth/auth.resolver';
import { TrustedDocumentsResolver } from './modules/documents/documents.resolver';
import { SavedQueriesResolver } from './modules/documents/saved-queries.resolver';
import { authorize, roleOf } from './modules/auth/auth.roles';
import { invariant } from './shared/errors';
import { WRITE_RESOLVERS } from './modules/writes/writes.resolver';
import { GraphResolver } from './modules/graph/graph.resolver';
import { NodeResolver } from './modules/node/node.resolver';
import { createFiguresResolver, createProvenanceResolver } from './modules/publication/provenance.resolver';
import { SearchResolver } from './modules/search/search.resolver';
import { STATS_RESOLVERS } from './modules/stats/stats.resolvers';
import { WebhooksResolver } from './modules/webhooks/webhooks.resolver';
import { ChangesResolver } from './modules/changes/changes.resolver';

/** Where the committed SDL lives; a test fails when it differs from the running schema. */
export const SCHEMA_FILE = path.join('schema', 'schema.graphql');

const RESOLVERS = [
  NodeResolver,
  ...CATALOG.flatMap((entry) => entry.relations.resolvers),
  SearchResolver,
  GraphResolver,
  ViewerResolver,
  TrustedDocumentsResolver,
  SavedQueriesResolver,
  ...WRITE_RESOLVERS,
  ...STATS_RESOLVERS,
  WebhooksResolver,
  ChangesResolver,
  ...CITED.flatMap((entity) => createProvenanceResolver<{ key: string }>(entity).resolvers),
  ...FIGURE_SUBJECTS.flatMap((entity) => createFiguresResolver<{ key: string }>(entity).resolvers),
] as const;

/**
 * Builds the GraphQL schema from the resolvers. Validation of arguments is our own (see shared/);
 * the roles fields declare (NeedsRole) are checked by one authChecker, `authorize`.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  useSimpleResolvers();
  const schema = await buildSchema({
    resolvers: RESOLVERS as unknown as NonEmptyArray<ClassType>,
    validate: false,
    emitSchemaFile: false,
    authChecker: authorize,
    // Every subscription brings its own stream (`subscribe`: the change feed); type-graphql asks
    // for a PubSub all the same, and this one is never used.
    pubSub: NO_PUBSUB,
  });
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      // A guard lives in the field's resolver: a guarded field without one would be read by anyone.
      invariant(!roleOf(field) || field.resolve, `${type.name}.${field.name} declares the role ${roleOf(field)} but has no resolver to check it`);
    }
  }
  return schema;
}

const NO_PUBSUB: PubSub = {
  publish(): void {
    invariant(false, "no subscription publishes through type-graphql's PubSub");
  },
  subscribe(): AsyncIterable<unknown> {
    invariant(false, 'every subscription declares its own `subscribe`');
  },
};

/**
 * Plain fields (no @FieldResolver) read their property directly: type-graphql otherwise wraps
 * each in a resolver that runs the (empty) middleware chain, a promise-free but measurable cost
 * on every field of every row. We use no middlewares or field renames, so the default resolver
 * reads the same property; a field that declares a role (NeedsRole) keeps type-graphql's
 * resolver, which checks it. A type that sets simpleResolvers itself keeps its choice.
 */
function useSimpleResolvers(): void {
  const storage = getMetadataStorage();
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
  for (const field of storage.fields) {
    if (storage.authorizedFields.some((guard) => guard.target === field.target && guard.fieldName === field.name)) field.simple = false;
  }
}

/** The SDL as committed in schema/: sorted, so that it diffs well. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

