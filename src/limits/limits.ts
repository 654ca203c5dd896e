import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { type DocumentNode, type GraphQLSchema, GraphQLError } from 'graphql';
import type { OperationLimits } from '../config';
import type { Context } from '../context';
import { viewerOfRequest } from '../http-auth';
import { Role, type Viewer, holds } from '../modules/auth/auth.roles';
import { sendRequestError } from '../shared/errors';
import { isPersonal } from '../execution/cache-policy';
import type { PreparedOperations } from '../execution/prepared-operation';
import { variablesKey } from '../shared/variables-key';
import { LimitExceededError, costVariableNames, operationCost } from './cost';
import { REFUSED_OPERATION_CHARGE, REFUSED_OPERATION_COST, type RateLimitState, type RateLimiter, rateLimitRefusal } from './rate-limit';
import { type VerifyBody, jsonBodyReader } from './json-body';
import { requestOperation } from './request-operation';

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

/** The most the variables of `viewer`'s requests may take as JSON, and the setting that says so. */
function variablesLimitOf(limits: OperationLimits, viewer: Viewer | null): { bytes: number; setting: string } {
  return holds(viewer, Role.EDITOR)
    ? { bytes: limits.maxEditorVariablesBytes, setting: 'MAX_EDITOR_VARIABLES_BYTES, for EDITOR tokens and above; larger imports go through npm run import' }
    : { bytes: limits.maxVariablesBytes, setting: 'MAX_VARIABLES_BYTES' };
}

/**
 * The JSON body parser: a request with an EDITOR token or higher may be larger by its larger
 * variables limit (importContent's document), so that limit, not the body's, is the one it meets.
 */
export function jsonBody(maxBodyBytes: number, limits: OperationLimits, verify?: VerifyBody): RequestHandler {
  const reader = jsonBodyReader({ limit: maxBodyBytes, verify });
  const editor = jsonBodyReader({ limit: maxBodyBytes + limits.maxEditorVariablesBytes, verify });
  return (req, res, next) => (holds(viewerOfRequest(req), Role.EDITOR) ? editor : reader)(req, res, next);
}

/**
 * Whether a query string or its variables are over their limits (the variables' is larger for
 * EDITOR tokens and above): the code and message of the 413 that refuses them, or null. Checked
 * before anything is parsed, over HTTP (operationSizeGuard) and for subscriptions alike.
 */
export function operationSizeRefusal(query: string, variables: unknown, limits: OperationLimits, viewer: Viewer | null): { code: string; message: string } | null {
  if (query.length > limits.maxQueryLength) return { code: 'QUERY_TOO_LARGE', message: `The query is ${query.length} characters long; the limit is ${limits.maxQueryLength}.` };
  // Counted without recursion (variables may nest 100,000 deep), and whole: the body limit bounds the work.
  const bytes = variables == null ? 0 : typeof variables === 'string' ? Buffer.byteLength(variables) : jsonBytes(variables, Number.POSITIVE_INFINITY);
  const limit = variablesLimitOf(limits, viewer);
  if (bytes > limit.bytes) return { code: 'VARIABLES_TOO_LARGE', message: `The variables take ${bytes} bytes as JSON; the limit is ${limit.bytes} (${limit.setting}).` };
  return null;
}

/**
 * Express middleware run before Apollo: refuses a query string or variables over their limits
 * with 413 before anything is parsed (operationSizeRefusal).
 */
export function operationSizeGuard(limits: OperationLimits): RequestHandler {
  return (req, res, next) => {
    const { query, variables } = requestOperation(req);
    const refused = operationSizeRefusal(query ?? '', variables, limits, viewerOfRequest(req));
    if (refused) sendRequestError(res, 413, refused.code, refused.message);
    else next();
  };
}

/**
 * The bytes of `value` (parsed JSON) as JSON.stringify writes it, or the first count past `limit`.
 * Measured without recursion, so variables nested 100,000 deep are a number like any other
 * (JSON.stringify would throw RangeError on them: a 500); the document guard then refuses their
 * depth with its code.
 */
export function jsonBytes(value: unknown, limit: number): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && bytes <= limit) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') {
      bytes += Buffer.byteLength(JSON.stringify(item) ?? 'null');
    } else if (Array.isArray(item)) {
      bytes += 2 + Math.max(0, item.length - 1);
      for (const child of item) stack.push(child);
    } else {
      const entries = Object.entries(item).filter(([, child]) => child !== undefined);
      bytes += 2 + Math.max(0, entries.length - 1);
      for (const [key, child] of entries) {
        bytes += Buffer.byteLength(JSON.stringify(key)) + 1;
        stack.push(child);
      }
    }
  }
  return bytes;
}

/**
 * Costs kept per parsed document, by operation and the variables the cost can depend on (see
 * costVariableNames): Apollo parses a query string once and hands every request of it the same
 * DocumentNode, so a repeated query is costed once, whatever its other variables.
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>();
/** Costs kept per document; the map starts over when full. */
const COSTS_PER_DOCUMENT = 64;

function keptCost(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, compute: () => number): number {
  const names = costVariableNames(document);
  const json = variablesKey(variables && Object.fromEntries(names.filter((name) => Object.hasOwn(variables, name)).map((name) => [name, variables[name]])));
  if (json === null) return compute();
  let kept = costs.get(document);
  if (!kept) costs.set(document, (kept = new Map()));
  const key = `${operationName ?? ''}:${json}`;
  let cost = kept.get(key);
  if (cost === undefined) {
    cost = compute();
    if (kept.size >= COSTS_PER_DOCUMENT) kept.clear();
    kept.set(key, cost);
  }
  return cost;
}

/**
 * useOperationLimits: before an operation runs, checks its cost, then charges it to the client's
 * rate-limit window; the limits on the document's shape were decided before Apollo parsed it
 * (documentGuard). An operation refused here or earlier in Apollo (a syntax or validation error,
 * variables that do not fit) touches no data and costs the client {@link REFUSED_OPERATION_COST};
 * once its window is spent it is answered 429 RATE_LIMITED. Every response carries `extensions.cost`.
 * A registered document's cost that no variable can change was decided when it was prepared (`prepared`).
 */
export function useOperationLimits(options: {
  schema: GraphQLSchema;
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
  /** The response cache is on: an answer that is not personal may be shared (cache-policy.ts). */
  shared: boolean;
  prepared?: PreparedOperations;
}): ApolloServerPlugin<Context> {
  const { limits, rateLimiter, schema } = options;
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      let charged = false;
      return {
        async didResolveOperation({ document, operation, request: resolved, contextValue }) {
          if (!operation) return;
          const cost = options.prepared?.preparedOperation(operation)?.cost ?? keptCost(document, resolved.operationName ?? undefined, resolved.variables, () =>
            costOf(schema, document, resolved.variables, resolved.operationName ?? undefined),
          );
          if (cost > limits.maxCost) throw new LimitExceededError('COST_LIMIT_EXCEEDED', 'cost', cost, limits.maxCost);
          report = costReport(cost, limits);
          if (!rateLimiter) return;
          charged = true;
          const state = await rateLimiter.consume(contextValue.client, cost);
          report = costReport(cost, limits, state);
          if (!state.allowed) throw rateLimited(`this operation costs ${cost} points`, state, rateLimiter.clock.now());
        },
        async willSendResponse({ response, contextValue, errors, operation }) {
          if (response.body.kind !== 'single') return;
          if (rateLimiter && !charged && errors?.length && response.body.singleResult.data === undefined) {
            charged = true;
            const state = await rateLimiter.consume(contextValue.client, REFUSED_OPERATION_COST);
            if (!state.allowed) {
              const error = rateLimited(REFUSED_OPERATION_CHARGE, state, rateLimiter.clock.now());
              response.http.status = 429;
              response.http.headers.set('retry-after', String(error.extensions.retryAfter));
              response.body.singleResult.errors = [{ message: error.message, extensions: { code: 'RATE_LIMITED', retryAfter: error.extensions.retryAfter } }];
            }
          }
          if (!report) return;
          // An answer a cache may share tells no one's window: the requester's is in no one else's business.
          if (options.shared && !isPersonal(contextValue, operation?.operation, response.body.singleResult.errors?.length ?? 0)) report = costReport(report.requested, limits);
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
        },
      };
    },
  };
}

/** The refusal of an operation the client's window cannot pay for: 429 with Retry-After. */
function rateLimited(what: string, state: RateLimitState, now: number): GraphQLError & { extensions: { retryAfter: number } } {
  const { message, retryAfter } = rateLimitRefusal(what, state, now);
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
  }) as GraphQLError & { extensions: { retryAfter: number } };
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
