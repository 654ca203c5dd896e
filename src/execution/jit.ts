import { type ExecutionResult, GraphQLError, type GraphQLSchema, type OperationDefinitionNode, isAbstractType, isInputObjectType, typeFromAST } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { HEAP_BYTES_PER_CHARACTER } from './document-store';
import type { Strategy } from './pipeline';

/** Compiled operations kept, by query hash and operation name (least recently used dropped first). */
const COMPILED_OPERATIONS = 1000;
/**
 * And the heap they may take, estimated from their query's length: graphql-jit's functions and
 * closures grow with the selection they answer (a client sending distinct valid queries must not
 * fill the heap with them).
 */
const COMPILED_OPERATIONS_BYTES = 24 * 1024 * 1024;
/** Queries counted toward their compilation (GRAPHQL_JIT_AFTER), least recently run dropped first. */
const COUNTED_OPERATIONS = 10_000;

/**
 * graphql-jit's strategy: graphql-jit compiles each operation once into a function that
 * resolves and completes its fields without graphql-js's per-field interpretation; the compiled
 * form is kept per query hash and operation name. A query is compiled the `compileAfter`-th
 * time it runs (the way Mercurius's `jit` option counts): compiling costs about what a few runs
 * on graphql-js do, and a client that sends each query once (a crawler, a fuzzer, an attacker)
 * must not make the server compile every one of them. Until then, and for operations with
 * input-object variables, the next strategy (graphql-js) answers.
 *
 * Apollo's field-level hooks (willResolveField) do not run under it: the cache policy is read
 * from the document instead (cache-hints.ts).
 */
export function jitStrategy(
  schema: GraphQLSchema,
  typeResolvers: Record<string, (value: object) => string | undefined>,
  options: { compileAfter?: number } = {},
): Strategy {
  const compileAfter = options.compileAfter ?? 1;
  const runs = new LRUCache<string, number>({ max: COUNTED_OPERATIONS });
  useSynchronousTypeResolvers(schema, typeResolvers);
  const compiled = new LRUCache<string, CompiledQuery, number>({
    max: COMPILED_OPERATIONS,
    maxSize: COMPILED_OPERATIONS_BYTES,
  });
  /** Counts one run of the query; whether it has now run often enough to be compiled. */
  const counted = (key: string): boolean => {
    if (compileAfter <= 1) return true;
    const seen = (runs.get(key) ?? 0) + 1;
    if (seen >= compileAfter) {
      runs.delete(key);
      return true;
    }
    runs.set(key, seen);
    return false;
  };
  return {
    name: 'graphql-jit',
    async answer(request, next) {
      const key = `${request.queryHash}:${request.operationName ?? ''}`;
      let query = compiled.get(key);
      if (!query && (takesInputObjects(schema, request.operation!) || !counted(key))) return next(request);
      if (!query) {
        const result = compileQuery(schema, request.document, request.operationName ?? undefined);
        if (!isCompiledQuery(result)) return withGraphQLErrors(result);
        query = result;
        compiled.set(key, query, { size: Math.max(1, request.source.length * HEAP_BYTES_PER_CHARACTER) });
      }
      return withGraphQLErrors(await query.query(undefined, request.context, request.request.variables ?? {}));
    },
  };
}

/**
 * Whether a variable of the operation is an input object (a `where`, an `orderBy`). graphql-jit
 * compiles the coercion of variables into code, and on our recursive filter inputs (a where's
 * AND/OR/NOT hold wheres) that compilation does not end; graphql-js coerces them at run time.
 * Inline arguments (no variables) are compiled as usual.
 */
function takesInputObjects(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((definition) => {
    let type = typeFromAST(schema, definition.type);
    while (type && 'ofType' in type) type = type.ofType;
    return isInputObjectType(type);
  });
}

/**
 * graphql-jit's errors are look-alikes of graphql-js's GraphQLError without `extensions` when
 * the original error had none; Apollo reads `extensions.code` of every error. They become
 * GraphQLErrors with the same message, locations, path and original error.
 */
function withGraphQLErrors<T extends ExecutionResult>(result: T): T {
  if (!result.errors) return result;
  const errors = result.errors.map((error) => {
    const copy = new GraphQLError(error.message, {
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions ?? undefined,
    });
    (copy as { locations?: unknown }).locations = error.locations;
    return copy;
  });
  return { ...result, errors };
}

/**
 * type-graphql wraps every resolveType in an async function; graphql-jit needs the type's name at
 * once. Each abstract type gets its synchronous resolver back; one without is refused at start.
 */
export function useSynchronousTypeResolvers(schema: GraphQLSchema, typeResolvers: Record<string, (value: object) => string | undefined>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    const resolve = typeResolvers[type.name];
    if (!resolve) throw new Error(`jitExecutor: no synchronous type resolver for the abstract type ${type.name}`);
    type.resolveType = (value) => resolve(value as object);
  }
}
