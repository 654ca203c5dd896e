import { type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, Kind, type OperationDefinitionNode, getVariableValues } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Dialect } from '../db/dialect';
import { CompiledFallback } from './marks';
import type { CompiledOperation } from './answer';
import { OperationCompiler } from './operation';
import { leftToResolvers } from './sql';

export { CompiledFallback };
export type { CompiledOperation };

/**
 * The selection compiler: turns a whole GraphQL operation into ONE SQL statement whose single
 * value is the answer's `data` as JSON, built by the database (SQLite's json_object and
 * json_group_array, PostgreSQL's json_build_object and json_agg), in the shape and order the
 * resolvers give. The resolvers read rows into objects level by level (a statement per relation,
 * rows → entities → graphql-jit's result objects → JSON); here the rows never become JS objects:
 * the few values the database cannot write (global IDs, cursors, partial dates) are marked in
 * its JSON and finished in the text (`Marks`), and the text is sent as it is.
 *
 * It compiles only what it knows to mean the same as the resolvers: plain columns of entities
 * (fields with graphql's default resolver and a TypeORM column of the same name), global IDs,
 * partial dates, and the fields whose declaration says what they are (`compiledOf`: relations,
 * top-level lists, stats), whose SQL the resolvers read from the same declarations. A field of a
 * Node with anything else (a resolver of its own: `version`, `subject`, `mentions` ...; a shape
 * it does not take) is left to its resolver, run after the statement for the rows it gave
 * (resolved.ts); elsewhere, and for a field that declares a role, the root field it is under is
 * left to the resolvers (`rest`), as are search, graph walks, `last`/`before`, fields merged
 * from several fragments and a bad argument they must report. Where no root field reads the
 * database here, `compile` returns null.
 *
 * The parts: operation.ts walks an operation; sql.ts, json.ts and row-source.ts write its SQL;
 * selections.ts collects fields as GraphQL does; marks.ts and answer.ts finish its bytes;
 * resolved.ts resolves the fields left to their resolvers.
 */

/** The compiler for `database` (SQLite or PostgreSQL: the JSON functions are the dialect's). */
export function createSelectionCompiler(schema: GraphQLSchema, database: { dataSource: DataSource; dialect: Dialect }): SelectionCompiler {
  return new SelectionCompiler(schema, database.dataSource, database.dialect);
}

export class SelectionCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly dataSource: DataSource,
    private readonly dialect: Dialect,
  ) {}

  /** The operation's compilable root fields as one statement, or null when there are none. */
  compile(document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown>): CompiledOperation | null {
    if (operation.operation !== 'query') return null;
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], rawVariables);
    if (coerced.errors) return null;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    try {
      return new OperationCompiler((entity) => this.dataSource.getMetadata(entity), this.schema, this.dialect, fragments, coerced.coerced).operation(operation);
    } catch (error) {
      if (leftToResolvers(error)) return null;
      throw error;
    }
  }

}
