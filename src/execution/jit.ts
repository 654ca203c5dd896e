import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  execute,
  isAbstractType,
  isInputObjectType,
  typeFromAST,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context';
import { RequestTimeoutError } from '../db/sql';
import { DatabaseUnavailableError } from '../db/unavailable';
import { variablesKey } from '../shared/variables-key';
import { CompiledFallback, type CompiledOperation, type SelectionCompiler } from '../compiler/compile';
import { HEAP_BYTES_PER_CHARACTER } from './document-store';
import { rawData } from './raw-result';

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
 * Executes operations with graphql-jit instead of graphql-js, through Apollo Server's gateway
 * hook (the one place Apollo lets another executor in; parsing, validation and every plugin hook
 * but willResolveField run as before). graphql-jit compiles each operation once into a function
 * that resolves and completes its fields without graphql-js's per-field interpretation; the
 * compiled form is kept per query hash and operation name. A query is compiled the
 * `compileAfter`-th time it runs (the way Mercurius's `jit` option counts): compiling costs
 * about what a few runs on graphql-js do, and a client that sends each query once (a crawler, a
 * fuzzer, an attacker) must not make the server compile every one of them.
 *
 * Apollo's field-level hooks (willResolveField) do not run under it, so the server uses it only
 * without the response cache (whose cache-control plugin needs them).
 */
export function jitExecutor(
  schema: GraphQLSchema,
  typeResolvers: Record<string, (value: object) => string | undefined>,
  options: { selections?: SelectionCompiler | null; onCompiledError?: (error: unknown) => void; compileAfter?: number } = {},
): GatewayInterface {
  const compileAfter = options.compileAfter ?? 1;
  const runs = new LRUCache<string, number>({ max: COUNTED_OPERATIONS });
  useSynchronousTypeResolvers(schema, typeResolvers);
  const compiled = new LRUCache<string, CompiledQuery, number>({
    max: COMPILED_OPERATIONS,
    maxSize: COMPILED_OPERATIONS_BYTES,
  });
  const selections = options.selections ? compiledSelections(options.selections, options.onCompiledError) : null;
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
  const executor: GatewayExecutor = async (requestContext) => {
    if (!requestContext.operation) {
      // graphql-jit would run the only operation of the document whatever the name asked for;
      // graphql-js refuses, and Apollo answers that as OPERATION_RESOLUTION_FAILURE.
      const name = requestContext.request.operationName;
      const message = name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message)] };
    }
    if (selections) {
      const answer = await selections(requestContext);
      if (answer) return answer;
    }
    const key = `${requestContext.queryHash}:${requestContext.operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query && (takesInputObjects(schema, requestContext.operation) || !counted(key))) {
      return execute({
        schema,
        document: requestContext.document,
        contextValue: requestContext.context,
        variableValues: requestContext.request.variables,
        operationName: requestContext.operationName,
      });
    }
    if (!query) {
      const result = compileQuery(schema, requestContext.document, requestContext.operationName ?? undefined);
      if (!isCompiledQuery(result)) return withGraphQLErrors(result);
      query = result;
      compiled.set(key, query, { size: Math.max(1, requestContext.source.length * HEAP_BYTES_PER_CHARACTER) });
    }
    return withGraphQLErrors(await query.query(undefined, requestContext.context, requestContext.request.variables ?? {}));
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}

/** At most this many compiled statements are kept (by query hash, operation and variables)... */
const COMPILED_SELECTIONS = 1000;
/** ...taking at most this much heap, estimated from their SQL text. */
const COMPILED_SELECTIONS_BYTES = 16 * 1024 * 1024;

type ExecutorContext = Parameters<GatewayExecutor>[0];

/**
 * Runs an operation as one statement of the selection compiler when it covers the whole
 * operation; null when it does not (or the answer needs the resolvers to report an error), and
 * the resolvers run it. Compiled statements are kept per query, operation and variables.
 */
function compiledSelections(compiler: SelectionCompiler, onError: (error: unknown) => void = () => undefined) {
  const kept = new LRUCache<string, CompiledOperation | 'none'>({
    max: COMPILED_SELECTIONS,
    maxSize: COMPILED_SELECTIONS_BYTES,
    sizeCalculation: (operation, key) => key.length + (operation === 'none' ? 100 : operation.text.length * 4 + 1000),
  });
  return async (requestContext: ExecutorContext): Promise<ExecutionResult | null> => {
    const variables = requestContext.request.variables ?? {};
    const json = variablesKey(requestContext.request.variables);
    const key = json === null ? null : `${requestContext.queryHash}:${requestContext.operationName ?? ''}:${json}`;
    let operation = key === null ? undefined : kept.get(key);
    if (operation === undefined) {
      try {
        operation = compiler.compile(requestContext.document, requestContext.operation!, variables) ?? 'none';
      } catch (error) {
        // A fault of the compiler's own is reported; the client's (a filter over its limits) the
        // resolvers report to the client. Either way the resolvers answer.
        if (!(error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT')) onError(error);
        operation = 'none';
      }
      if (key !== null) kept.set(key, operation);
    }
    if (operation === 'none') return null;
    const context = requestContext.context as unknown as Context;
    try {
      const rows = await context.sql.query(operation.text, [...operation.params]);
      const data = rawData(operation.finish(rows[0].data as Buffer | string), operation.keys, context.answer);
      context.sql.stats.compiled = true;
      return { data };
    } catch (error) {
      if (!(error instanceof CompiledFallback)) {
        onError(error);
        // A statement the database refuses (nested deeper than SQLite's parser allows, more
        // arguments than PostgreSQL's functions take) is refused every time; a timeout is not.
        if (key !== null && !(error instanceof RequestTimeoutError) && !(error instanceof DatabaseUnavailableError)) kept.set(key, 'none');
      }
      return null;
    }
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
