import { type ExecutionArgs, GraphQLError, type GraphQLSchema, getOperationAST } from 'graphql';
import type { OperationLimits } from '../config';
import { type Context, createContext } from '../context';
import type { Database } from '../db/data-source';
import type { Viewer } from '../modules/auth/auth.roles';
import type { ChangeFeed, SubscriptionContext } from '../modules/changes/change-feed';
import { describeValue } from '../shared/errors';
import type { SubscriptionDocuments } from './documents';
import { LimitExceededError, operationCost } from '../limits/cost';
import { refusalOfQuery, variablesRefusal } from '../limits/document-guard';
import { operationSizeRefusal } from '../limits/limits';
import { REFUSED_OPERATION_CHARGE, REFUSED_OPERATION_COST, type RateLimiter, rateLimitRefusal } from '../limits/rate-limit';

/*
 * What a subscription goes through before it runs, over either transport (ws.ts, sse.ts): the
 * limits a query meets over HTTP (the size of the query and variables, the document's shape,
 * its cost), with the same codes, then the charge of its cost to the client's rate-limit window.
 * A text let through once is kept parsed and validated (documents.ts): thousands of clients
 * subscribe with the same few documents.
 * Only subscriptions run here: a query or mutation is refused with SUBSCRIPTION_REQUIRED and
 * sent back to HTTP POST, where the stage, trusted documents, the response cache and the
 * concurrency limit apply to it.
 */

export interface SubscriptionGate {
  schema: GraphQLSchema;
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
  feed: ChangeFeed;
  published: Database;
  draft: Database | null;
  /** The documents parsed and validated so far, by text. */
  documents: SubscriptionDocuments;
}

export interface SubscriptionRequest {
  query: unknown;
  variables: unknown;
  operationName: unknown;
  viewer: Viewer | null;
  /** The rate-limit client: "token:<name>" or "ip:<address>". */
  client: string;
  requestId: string;
  /** An SSE reconnection's Last-Event-ID: the `after` of a contentChanged that gives none. */
  lastEventId?: string | null;
  /** Told each event's cursor as it is resolved (SSE ids). */
  resolved?: (cursor: string | null) => void;
}

export type Prepared = { args: ExecutionArgs & { contextValue: Context }; refusal?: undefined } | { refusal: { status: number; errors: GraphQLError[] }; args?: undefined };

/** A refusal as GraphQL errors carry it: the message, the code and what the extensions add. */
export function refusalError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

function refuse(status: number, code: string, message: string, extensions: Record<string, unknown> = {}): Prepared {
  return { refusal: { status, errors: [refusalError(code, message, extensions)] } };
}

/** Checks a subscription request and builds what graphql-js's `subscribe` runs; or the refusal, with its HTTP status. */
export async function prepareSubscription(gate: SubscriptionGate, request: SubscriptionRequest): Promise<Prepared> {
  const { limits, schema, rateLimiter } = gate;
  const { query, variables, operationName } = request;
  if (typeof query !== 'string') return refuse(400, 'BAD_REQUEST', `query: expected the operation's text, a string; received ${describeValue(query)}`);
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return refuse(400, 'BAD_REQUEST', `variables: expected an object; received ${describeValue(variables)}`);
  if (operationName != null && typeof operationName !== 'string') return refuse(400, 'BAD_REQUEST', `operationName: expected a string; received ${describeValue(operationName)}`);
  const tooLarge = operationSizeRefusal(query, variables, limits, request.viewer);
  if (tooLarge) return refuse(413, tooLarge.code, tooLarge.message);
  // A text let through before passed the guard's limits, the parse and the validation: only what
  // depends on this request (its size, its variables) is checked again.
  const known = gate.documents.known(query);
  const refused = (known ? null : refusalOfQuery(query, limits)) ?? variablesRefusal(variables, limits);
  if (refused) return charged(gate, request, refuse(400, refused.code, refused.message, refused.extensions));
  let document = known;
  if (!document) {
    const parsed = gate.documents.parse(query);
    if (parsed.errors) return charged(gate, request, { refusal: { status: 400, errors: parsed.errors } });
    document = parsed.document;
  }
  const operation = getOperationAST(document, (operationName as string | null) ?? undefined);
  if (!operation) {
    return charged(gate, request, refuse(400, 'BAD_REQUEST', `operationName: expected the name of one operation of the document (or none, for a document of one); received ${describeValue(operationName ?? null)}`));
  }
  if (operation.operation !== 'subscription') {
    return charged(
      gate,
      request,
      refuse(400, 'SUBSCRIPTION_REQUIRED', `Over WebSocket and Server-Sent Events this endpoint runs subscriptions: expected a subscription operation; received a ${operation.operation}. Send queries and mutations as HTTP POST /graphql.`),
    );
  }
  let cost: number;
  try {
    cost = operationCost(schema, document, variables as Record<string, unknown> | undefined, (operationName as string | null) ?? undefined);
  } catch (error) {
    return charged(gate, request, refuse(400, 'BAD_USER_INPUT', (error as Error).message));
  }
  if (cost > limits.maxCost) {
    const error = new LimitExceededError('COST_LIMIT_EXCEEDED', 'cost', cost, limits.maxCost);
    return charged(gate, request, { refusal: { status: 400, errors: [new GraphQLError(error.message, { extensions: { code: 'COST_LIMIT_EXCEEDED', cost, limit: limits.maxCost } })] } });
  }
  if (rateLimiter) {
    const state = await rateLimiter.consume(request.client, cost);
    if (!state.allowed) {
      const { message, retryAfter } = rateLimitRefusal(`this subscription costs ${cost} points`, state, rateLimiter.clock.now());
      return refuse(429, 'RATE_LIMITED', message, { retryAfter });
    }
  }
  const contextValue: SubscriptionContext = Object.assign(createContext(gate.published, { viewer: request.viewer, draft: gate.draft, client: request.client, requestId: request.requestId }), {
    changeFeed: { feed: gate.feed, lastEventId: request.lastEventId ?? null, resolved: request.resolved },
  });
  return { args: { schema, document, variableValues: variables as Record<string, unknown> | undefined, operationName: (operationName as string | null) ?? undefined, contextValue } };
}

/** A refused subscription costs what a refused query does; past the window, RATE_LIMITED instead. */
async function charged(gate: SubscriptionGate, request: SubscriptionRequest, refusal: Prepared): Promise<Prepared> {
  if (!gate.rateLimiter) return refusal;
  const state = await gate.rateLimiter.consume(request.client, REFUSED_OPERATION_COST);
  if (state.allowed) return refusal;
  const { message, retryAfter } = rateLimitRefusal(REFUSED_OPERATION_CHARGE, state, gate.rateLimiter.clock.now());
  return refuse(429, 'RATE_LIMITED', message, { retryAfter, refused: refusal.refusal?.errors[0].extensions.code });
}
