import { type DocumentNode, type ExecutionResult, type FieldNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context';
import { RequestTimeoutError } from '../db/sql';
import { DatabaseUnavailableError } from '../db/unavailable';
import { variablesKey } from '../shared/variables-key';
import { CompiledFallback, type CompiledOperation, type SelectionCompiler } from '../compiler/compile';
import { holdsMarks, resolveMarks } from '../compiler/resolved';
import type { OperationRequest, Strategy } from './pipeline';
import { rawData } from './raw-result';

/** At most this many compiled statements are kept (by query hash, operation and variables)... */
const COMPILED_SELECTIONS = 1000;
/** ...taking at most this much heap, estimated from their SQL text. */
const COMPILED_SELECTIONS_BYTES = 16 * 1024 * 1024;

/**
 * The selection compiler's strategy: the root fields it covers are answered by one statement,
 * the others (search, a graph walk, a bad argument the resolvers must report) by the next
 * strategy, and the two answers are put together in the operation's order. The fields under
 * its Nodes it leaves to their resolvers are resolved after the statement, in one graphql-js
 * execution (compiler/resolved.ts). An operation it covers whole is sent as the statement's
 * bytes. Compiled statements are kept per query, operation and variables.
 */
export function compiledStrategy(compiler: SelectionCompiler, onError: (error: unknown) => void = () => undefined): Strategy {
  const kept = new LRUCache<string, CompiledOperation | 'none'>({
    max: COMPILED_SELECTIONS,
    maxSize: COMPILED_SELECTIONS_BYTES,
    sizeCalculation: (operation, key) => key.length + (operation === 'none' ? 100 : operation.text.length * 4 + 1000),
  });
  const compiledOf = (request: OperationRequest): { operation: CompiledOperation | 'none'; key: string | null } => {
    const json = variablesKey(request.request.variables);
    const key = json === null ? null : `${request.queryHash}:${request.operationName ?? ''}:${json}`;
    let operation = key === null ? undefined : kept.get(key);
    if (operation === undefined) {
      try {
        operation = compiler.compile(request.document, request.operation!, request.request.variables ?? {}) ?? 'none';
      } catch (error) {
        // A fault of the compiler's own is reported; the client's (a filter over its limits) the
        // resolvers report to the client. Either way the resolvers answer.
        if (!(error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT')) onError(error);
        operation = 'none';
      }
      if (key !== null) kept.set(key, operation);
    }
    return { operation, key };
  };

  return {
    name: 'compiled statement',
    async answer(request, next) {
      const { operation, key } = compiledOf(request);
      if (operation === 'none') return next(request);
      const context = request.context as unknown as Context;
      const rest = operation.rest.length > 0 ? next(restOf(request, operation.rest)) : null;
      let bytes: Buffer;
      // Where fields under its Nodes are left to their resolvers: the answer parsed, and resolved.
      let resolved: { data: Record<string, unknown>; errors: readonly GraphQLError[] } | null = null;
      try {
        const rows = await context.sql.query(operation.text, [...operation.params]);
        bytes = operation.finish(rows[0].data as Buffer | string);
        if (operation.resolution && holdsMarks(bytes)) {
          const data = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
          const errors = await resolveMarks(operation.resolution, data, { contextValue: request.context, variableValues: request.request.variables });
          resolved = { data, errors };
        }
      } catch (error) {
        if (!(error instanceof CompiledFallback)) {
          onError(error);
          // A statement the database refuses (nested deeper than SQLite's parser allows, more
          // arguments than PostgreSQL's functions take) is refused every time; a timeout is not.
          if (key !== null && !(error instanceof RequestTimeoutError) && !(error instanceof DatabaseUnavailableError)) kept.set(key, 'none');
        }
        await rest?.catch(() => undefined);
        return next(request);
      }
      if (!rest && !resolved) {
        context.sql.stats.compiled = true;
        return { data: rawData(bytes, operation.keys, context.answer) };
      }
      context.sql.stats.compiled = 'partial';
      const data = resolved?.data ?? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>);
      const errors = resolved?.errors ?? [];
      if (!rest) return errors.length > 0 ? { data, errors } : { data };
      return merged(operation.order, data, await rest, errors);
    },
  };
}

/** The request for `fields` only: the operation's root selection cut to them (fragments stay defined). */
function restOf(request: OperationRequest, fields: readonly FieldNode[]): OperationRequest {
  const operation: OperationDefinitionNode = { ...request.operation!, selectionSet: { kind: Kind.SELECTION_SET, selections: fields } };
  const document: DocumentNode = {
    ...request.document,
    definitions: request.document.definitions.map((definition) => (definition === request.operation ? operation : definition)),
  };
  const keys = fields.map((field) => field.alias?.value ?? field.name.value);
  return { ...request, document, operation, queryHash: `${request.queryHash}#${keys.join(',')}` };
}

/**
 * The compiled fields' data and the rest's answer as one, in the operation's order of response
 * keys. Where the rest's data is null (a non-null root field failed), so is the whole, as
 * graphql-js would have it.
 */
function merged(order: readonly string[], compiled: Record<string, unknown>, rest: ExecutionResult, compiledErrors: readonly GraphQLError[]): ExecutionResult {
  if (rest.data == null) return rest;
  const restData = rest.data as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const key of order) data[key] = key in compiled ? compiled[key] : restData[key];
  const errors = [...compiledErrors, ...(rest.errors ?? [])];
  return errors.length > 0 ? { data, errors } : { data };
}
