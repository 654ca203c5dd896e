import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { type DocumentNode, type GraphQLSchema, GraphQLError, Kind, type OperationDefinitionNode, visit } from 'graphql';
import type { OperationLimits } from '../config';
import type { Context } from '../context';
import { sendRequestError } from '../shared/errors';
import { variablesKey } from '../shared/variables-key';
import { LimitExceededError, operationCost, operationDepth } from './cost';
import type { RateLimitState, RateLimiter } from './rate-limit';


/** What the response's `extensions.cost` tells the client. */
export interface CostReport {
  requested: number;
  maxPerOperation: number;
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

/** The cost report of an operation of this cost, with the client's window when a rate limit counted it. */
export function costReport(cost: number, limits: OperationLimits, state?: RateLimitState): CostReport {
  if (!state) return { requested: cost, maxPerOperation: limits.maxCost, limit: null, remaining: null, resetAt: null };
  return { requested: cost, maxPerOperation: limits.maxCost, limit: state.limit, remaining: state.remaining, resetAt: state.resetAt.toISOString() };
}

function refuse(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * Express middleware run before Apollo: refuses a query string or variables over their limits
 * with 413 before anything is parsed.
 */
export function operationSizeGuard(limits: OperationLimits): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { query?: unknown; variables?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : typeof req.query.query === 'string' ? req.query.query : '';
    const refusal = (code: string, message: string) => sendRequestError(res, 413, code, message);
    if (query.length > limits.maxQueryLength) {
      refusal('QUERY_TOO_LARGE', `The query is ${query.length} characters long; the limit is ${limits.maxQueryLength}.`);
      return;
    }
    const variables = body?.variables ?? req.query.variables;
    const bytes = variables == null ? 0 : Buffer.byteLength(typeof variables === 'string' ? variables : JSON.stringify(variables));
    if (bytes > limits.maxVariablesBytes) {
      refusal('VARIABLES_TOO_LARGE', `The variables take ${bytes} bytes as JSON; the limit is ${limits.maxVariablesBytes}.`);
      return;
    }
    next();
  };
}

/**
 * What the limits read of a parsed document, kept with it: Apollo parses a query string once and
 * hands every request of it the same DocumentNode, so a repeated query is measured once (its cost
 * once per operation and variables), not on every request.
 */
interface DocumentShape {
  aliases: number;
  fields: number;
  depths: Map<OperationDefinitionNode, number>;
  costs: Map<string, number>;
}

const shapes = new WeakMap<DocumentNode, DocumentShape>();
/** Costs kept per document (by operation and variables); the map starts over when full. */
const COSTS_PER_DOCUMENT = 64;

function shapeOf(document: DocumentNode): DocumentShape {
  let shape = shapes.get(document);
  if (!shape) shapes.set(document, (shape = { ...countSelections(document), depths: new Map(), costs: new Map() }));
  return shape;
}

function keptCost(shape: DocumentShape, operationName: string | undefined, variables: Record<string, unknown> | undefined, compute: () => number): number {
  const json = variablesKey(variables);
  if (json === null) return compute();
  const key = `${operationName ?? ''}:${json}`;
  let cost = shape.costs.get(key);
  if (cost === undefined) {
    cost = compute();
    if (shape.costs.size >= COSTS_PER_DOCUMENT) shape.costs.clear();
    shape.costs.set(key, cost);
  }
  return cost;
}

function countSelections(document: DocumentNode): { aliases: number; fields: number } {
  let aliases = 0;
  let fields = 0;
  visit(document, {
    [Kind.FIELD](node) {
      fields += 1;
      if (node.alias) aliases += 1;
    },
  });
  return { aliases, fields };
}

/**
 * useOperationLimits: before an operation runs, checks its aliases, fields, depth and cost, then charges its cost to the client's rate-limit window.
 * A refused operation touches no data. Every response carries `extensions.cost`.
 */
export function useOperationLimits(options: {
  schema: GraphQLSchema;
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
}): ApolloServerPlugin<Context> {
  const { limits, rateLimiter, schema } = options;
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, operation, request: resolved, contextValue }) {
          if (!operation) return;
          const shape = shapeOf(document);
          const { aliases, fields } = shape;
          if (aliases > limits.maxAliases) {
            throw refuse('ALIAS_LIMIT_EXCEEDED', `The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}.`, { aliases, limit: limits.maxAliases });
          }
          if (fields > limits.maxFields) {
            throw refuse('FIELD_LIMIT_EXCEEDED', `The operation selects ${fields} fields; the limit is ${limits.maxFields}.`, { fields, limit: limits.maxFields });
          }
          let depth = shape.depths.get(operation);
          if (depth === undefined) shape.depths.set(operation, (depth = operationDepth(document, operation)));
          if (depth > limits.maxDepth) throw new LimitExceededError('DEPTH_LIMIT_EXCEEDED', 'depth', depth, limits.maxDepth);
          const cost = keptCost(shape, resolved.operationName ?? undefined, resolved.variables, () =>
            costOf(schema, document, resolved.variables, resolved.operationName ?? undefined),
          );
          if (cost > limits.maxCost) throw new LimitExceededError('COST_LIMIT_EXCEEDED', 'cost', cost, limits.maxCost);
          report = costReport(cost, limits);
          if (!rateLimiter) return;
          const state = await rateLimiter.consume(contextValue.client, cost);
          report = costReport(cost, limits, state);
          if (!state.allowed) {
            const retryAfter = Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 1000));
            throw new GraphQLError(
              `Rate limit: this operation costs ${cost} points and ${state.remaining} of ${state.limit} remain until ${report.resetAt}; retry after ${retryAfter} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  retryAfter,
                  http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
        },
      };
    },
  };
}

/**
 * The operation's cost. Computing it coerces the variables, so a variable that does not fit its
 * type is found here first: it is the client's mistake (BAD_USER_INPUT, HTTP 400, graphql-js's own
 * message, which names the variable, what it expects and what it got), never a server error.
 */
function costOf(...args: Parameters<typeof operationCost>): number {
  try {
    return operationCost(...args);
  } catch (error) {
    const variable = error instanceof GraphQLError ? /^Variable "\$(\w+)"/.exec(error.message)?.[1] : undefined;
    if (variable === undefined) throw error;
    throw new GraphQLError((error as GraphQLError).message, {
      extensions: { code: 'BAD_USER_INPUT', argument: variable, http: { status: 400 } },
    });
  }
}
