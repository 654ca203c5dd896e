import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { type ExecutionResult, GraphQLError, type GraphQLSchema, execute } from 'graphql';
import { invariant } from '../shared/errors';

/*
 * How an operation is answered, in one place: an ordered list of strategies, each of which
 * answers the operation, or the part of it it can, and hands the rest to the next.
 *
 *   cached bytes       RESPONSE_CACHE_SECONDS: the response cache answers a repeated request
 *                      before Apollo parses it (response-cache.ts). Its policy comes from the
 *                      document (cache-hints.ts), so every strategy below runs with it.
 *   compiled statement GRAPHQL_COMPILE: the root fields the selection compiler covers, in one
 *                      SQL statement (compiled-strategy.ts); the other root fields go on.
 *   graphql-jit        GRAPHQL_JIT: a query run GRAPHQL_JIT_AFTER times, without input-object
 *                      variables (jit.ts).
 *   graphql-js         everything else.
 *
 * Each strategy is small and tested on its own against the last (test/pipeline.test.ts): what
 * it answers equals what graphql-js answers.
 */

/** What Apollo's gateway hands an executor: the parsed, validated operation and its request. */
export type OperationRequest = Parameters<GatewayExecutor>[0];

/** One way of answering: the whole answer, or `next` for what it does not answer. */
export interface Strategy {
  readonly name: string;
  answer(request: OperationRequest, next: (request: OperationRequest) => Promise<ExecutionResult>): Promise<ExecutionResult>;
}

/** graphql-js: answers everything (the last strategy). */
export function graphqlJsStrategy(schema: GraphQLSchema): Strategy {
  return {
    name: 'graphql-js',
    async answer(request) {
      return execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: request.request.variables,
        operationName: request.operationName,
      });
    },
  };
}

/** The strategies as Apollo's gateway: each tried in order, the last answering what is left. */
export function executionPipeline(schema: GraphQLSchema, strategies: readonly Strategy[]): GatewayInterface {
  if (strategies.length === 0 || strategies[strategies.length - 1].name !== 'graphql-js') {
    throw new Error(`executionPipeline: the last strategy must be graphql-js; got ${strategies.map((s) => s.name).join(', ') || 'none'}`);
  }
  const end = async (): Promise<ExecutionResult> => {
    invariant(false, 'graphql-js, the last strategy, hands nothing on');
  };
  // The chain is made once: each link calls its strategy with the next link (no closure per request).
  let next: (request: OperationRequest) => Promise<ExecutionResult> = end;
  for (let i = strategies.length - 1; i >= 0; i--) {
    const strategy = strategies[i];
    const after = next;
    next = (request) => strategy.answer(request, after);
  }
  const first = next;
  const executor: GatewayExecutor = async (request) => {
    if (!request.operation) {
      // graphql-jit would run the only operation of the document whatever the name asked for;
      // graphql-js refuses, and Apollo answers that as OPERATION_RESOLUTION_FAILURE.
      const name = request.request.operationName;
      const message = name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message)] };
    }
    return first(request);
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
