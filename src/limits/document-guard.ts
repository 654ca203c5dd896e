import type { Request, RequestHandler, Response } from 'express';
import { PRIVATE_NO_STORE } from '../execution/cache-policy';
import { trustedDocumentOf } from '../execution/trusted-requests';
import { type DocumentNode, Lexer, Source, TokenKind, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../config';
import { LimitExceededError } from './cost';
import { type DocumentMeasure, measureDocument, mostRepeatedField } from './document-measure';
import { REFUSED_OPERATION_CHARGE, REFUSED_OPERATION_COST, type RateLimitState, type RateLimiter, rateLimitRefusal } from './rate-limit';
import { requestOperation } from './request-operation';

/** Why a document is refused: the code, the message and what the extensions add. */
export interface Refusal {
  code: string;
  message: string;
  extensions: Record<string, unknown>;
}

/** A count as the message and the extensions show it: a fragment tree can make it astronomical. */
function shown(value: number): { text: string; value: number | null } {
  return Number.isSafeInteger(value) ? { text: String(value), value } : { text: `more than ${Number.MAX_SAFE_INTEGER}`, value: null };
}

function over(code: string, what: string, key: string, found: number, limit: number, expanded: boolean): Refusal {
  const count = shown(found);
  return {
    code,
    message: `The operation ${what.replace('%', count.text)}${expanded ? ' (fragments counted where they are spread)' : ''}; the limit is ${limit}.`,
    extensions: { [key]: count.value, limit },
  };
}

/**
 * The limits that graphql-js's validation, the cost estimator and the executors rely on, decided
 * on the parsed document alone in time linear in its length ({@link measureDocument}), then the
 * fields repeated under one response path (a walk bounded by the field and spread limits).
 * Null: the document is within every limit.
 */
export function refusalOf(document: DocumentNode, limits: OperationLimits): Refusal | null {
  const measure = measureDocument(document);
  if (measure.cycle) {
    const { fragment, via } = measure.cycle;
    const path = via.length > 0 ? ` via ${via.map((name) => `"${name}"`).join(', ')}` : '';
    return { code: 'GRAPHQL_VALIDATION_FAILED', message: `Cannot spread fragment "${fragment}" within itself${path}.`, extensions: {} };
  }
  if (measure.definitions > MAX_DEFINITIONS) {
    return {
      code: 'DEFINITION_LIMIT_EXCEEDED',
      message: `The document defines ${measure.definitions} operations and fragments; the limit is ${MAX_DEFINITIONS}.`,
      extensions: { definitions: measure.definitions, limit: MAX_DEFINITIONS },
    };
  }
  const expanded = measure.spreads > 0;
  const checks: [keyof DocumentMeasure, number, string, string, string][] = [
    ['aliases', limits.maxAliases, 'ALIAS_LIMIT_EXCEEDED', 'uses % aliases', 'aliases'],
    ['fields', limits.maxFields, 'FIELD_LIMIT_EXCEEDED', 'selects % fields', 'fields'],
    ['spreads', limits.maxSpreads, 'SPREAD_LIMIT_EXCEEDED', 'spreads fragments % times', 'spreads'],
    ['directives', limits.maxDirectives, 'DIRECTIVE_LIMIT_EXCEEDED', 'uses % directives', 'directives'],
  ];
  for (const [key, limit, code, what, name] of checks) {
    const found = measure[key] as number;
    if (found > limit) return over(code, what, name, found, limit, expanded);
  }
  if (measure.depth > limits.maxDepth) {
    const { message } = new LimitExceededError('DEPTH_LIMIT_EXCEEDED', 'depth', measure.depth, limits.maxDepth);
    return { code: 'DEPTH_LIMIT_EXCEEDED', message, extensions: { depth: measure.depth, limit: limits.maxDepth } };
  }
  if (measure.arguments > MAX_ARGUMENTS) {
    return {
      code: 'ARGUMENT_LIMIT_EXCEEDED',
      message: `A field, directive or operation of the query takes ${measure.arguments} arguments or variables; the limit is ${MAX_ARGUMENTS}.`,
      extensions: { arguments: measure.arguments, limit: MAX_ARGUMENTS },
    };
  }
  if (measure.inputValues > limits.maxInputValues) {
    return {
      code: 'INPUT_VALUE_LIMIT_EXCEEDED',
      message: `The arguments of the operation hold ${shown(measure.inputValues).text} values (each scalar, list item and object field)${expanded ? ' (fragments counted where they are spread)' : ''}; the limit is ${limits.maxInputValues}.`,
      extensions: { values: shown(measure.inputValues).value, limit: limits.maxInputValues },
    };
  }
  if (measure.inputDepth > limits.maxInputDepth) {
    return {
      code: 'INPUT_DEPTH_LIMIT_EXCEEDED',
      message: `An argument of the operation nests lists and objects ${measure.inputDepth} deep; the limit is ${limits.maxInputDepth}.`,
      extensions: { depth: measure.inputDepth, limit: limits.maxInputDepth },
    };
  }
  const repeated = mostRepeatedField(document);
  if (repeated.count > limits.maxFieldRepeats) {
    return {
      code: 'FIELD_REPEAT_LIMIT_EXCEEDED',
      message: `The operation selects "${repeated.path}" ${repeated.count} times${expanded ? ' (fragments counted where they are spread)' : ''}; the limit is ${limits.maxFieldRepeats} for one response name.`,
      extensions: { path: repeated.path, repeats: repeated.count, limit: limits.maxFieldRepeats },
    };
  }
  if (repeated.comparisons > limits.maxFieldComparisons) {
    return {
      code: 'FIELD_COMPARISON_LIMIT_EXCEEDED',
      message: `Validating the operation would compare ${repeated.comparisons} pairs of fields of one response name (each pair counted once per level above it); the limit is ${limits.maxFieldComparisons}. Select each field once where you can.`,
      extensions: { comparisons: repeated.comparisons, limit: limits.maxFieldComparisons },
    };
  }
  return null;
}

/**
 * How deep brackets may nest in a query's text before it is parsed. graphql-js's parser recurses
 * once or more per bracket, and its stack gives out at about 2,000 (less when called deep in a
 * request); the other limits allow 15 levels of fields and 20 of literals, so nothing that could
 * pass them nests this deep.
 */
export const MAX_NESTING = 256;

/**
 * The most arguments one field or directive may take, and variables one operation may define. A
 * name given twice is one validation error naming every place it is given, and graphql-js finds
 * the line of each place by scanning the text: a field with 1,500 copies of one argument took
 * 120 ms to refuse. No field of the schema takes more than a handful.
 */
export const MAX_ARGUMENTS = 100;

/**
 * The most operations and fragments one document may define. graphql-js validates each of them,
 * and OverlappingFieldsCanBeMerged compares every pair of fragments that can meet in one
 * selection, each pair once: the work grows with the square of the fragments. 600 one-field
 * fragments spread side by side took 185 ms to validate; chains of fragments side by side (each
 * spreading the next) 6-7 ms with 100 fragments, 2 ms with 50; 500 one-field operations 20 ms.
 */
export const MAX_DEFINITIONS = 50;

/**
 * Reads a query's tokens (graphql-js's lexer: no recursion) for their number and the deepest
 * nesting of brackets, then parses it as Apollo will and decides its limits. Syntax errors are left
 * for Apollo to report as it does (GRAPHQL_PARSE_FAILED): null, as for a document within the limits.
 */
export function refusalOfQuery(query: string, limits: OperationLimits): Refusal | null {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  let deepest = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > limits.maxTokens) {
        return { code: 'TOKEN_LIMIT_EXCEEDED', message: `The query has more than ${limits.maxTokens} tokens; the limit is ${limits.maxTokens}.`, extensions: { limit: limits.maxTokens } };
      }
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) deepest = Math.max(deepest, ++nesting);
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) nesting -= 1;
    }
  } catch {
    return null;
  }
  if (deepest > MAX_NESTING) {
    return { code: 'NESTING_LIMIT_EXCEEDED', message: `The query nests brackets ${deepest} deep; the limit is ${MAX_NESTING}.`, extensions: { nesting: deepest, limit: MAX_NESTING } };
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch {
    return null;
  }
  return refusalOf(document, limits);
}

/**
 * The deepest nesting of lists and objects in a JSON value and the values it holds (each scalar,
 * list item and object field, the value itself included), without recursion.
 */
export function jsonShape(value: unknown): { depth: number; values: number } {
  let deepest = 0;
  let values = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    values += 1;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return { depth: deepest, values };
}

export interface DocumentGuardOptions {
  limits: OperationLimits;
  rateLimiter: RateLimiter | null;
  clientOf(req: Request): string;
  requestIdOf(req: Request): string;
  /** Called for every refusal, for its log line and metrics. */
  onRefusal?(refusal: { requestId: string; operationName: unknown; code: string; seconds: number }): void;
}

/** Verdicts kept, by query text: a client that repeats a query (or a refusal) is measured once. */
const VERDICT_CHARACTERS = 4 * 1024 * 1024;
/** Clients remembered as having spent their window on refusals (least recently refused dropped first). */
const SPENT_CLIENTS = 10_000;

/**
 * Express middleware before Apollo: refuses a document over any limit that protects the work of
 * validating, costing and compiling it (tokens, aliases, fields, spreads, directives, depth, the
 * nesting of literals and variables, fields repeated under one name), before graphql-js validates
 * it. A refusal is a 400 with its code, in GraphQL's error shape, and costs the client
 * {@link REFUSED_OPERATION_COST} points; once its window is spent, 429 RATE_LIMITED. A client whose
 * window could not pay for a refusal gets 429 for every operation at once until the window resets,
 * its documents not read: measuring them is the work the rate limit is there to spare (the way
 * rate-limiter-flexible's in-memory block spares its store). `spentClients` goes before the body
 * is parsed (a flooder's 20 KB bodies are not read either), `documents` after.
 */
export function documentGuard(options: DocumentGuardOptions): { spentClients: RequestHandler; documents: RequestHandler } {
  const { limits, rateLimiter } = options;
  const verdicts = new LRUCache<string, Refusal | false>({ maxSize: VERDICT_CHARACTERS, sizeCalculation: (_verdict, query) => query.length + 100 });
  /** Clients whose refusal their window could not pay for, until the window resets. */
  const spent = new LRUCache<string, RateLimitState>({ max: SPENT_CLIENTS });

  const send = (req: Request, res: Response, started: number, status: number, error: Refusal, headers: Record<string, string> = {}) => {
    const requestId = options.requestIdOf(req);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('cache-control', PRIVATE_NO_STORE);
    res.setHeader('x-request-id', requestId);
    res.status(status).json({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
    options.onRefusal?.({ requestId, operationName: requestOperation(req).operationName, code: error.code, seconds: (performance.now() - started) / 1000 });
  };
  const rateLimited = (req: Request, res: Response, started: number, limiter: RateLimiter, state: RateLimitState, refused: string | null) => {
    const what = refused ? REFUSED_OPERATION_CHARGE : `this window was spent on refused operations (${REFUSED_OPERATION_COST} points each)`;
    const { message, retryAfter } = rateLimitRefusal(what, state, limiter.clock.now());
    send(req, res, started, 429, { code: 'RATE_LIMITED', message, extensions: { retryAfter, refused } }, { 'retry-after': String(retryAfter) });
  };

  const spentClients: RequestHandler = (req, res, next) => {
    const blocked = rateLimiter ? spent.get(options.clientOf(req)) : undefined;
    if (!rateLimiter || !blocked) return next();
    if (blocked.resetAt.getTime() > rateLimiter.clock.now()) return rateLimited(req, res, performance.now(), rateLimiter, blocked, null);
    spent.delete(options.clientOf(req));
    next();
  };

  const documents: RequestHandler = (req, res, next) => {
    const started = performance.now();
    const { query, variables } = requestOperation(req);
    let refusal: Refusal | null = null;
    // A registered document was measured once, when the server first read it.
    if (query !== null && !trustedDocumentOf(res)?.withinLimits) {
      let verdict = verdicts.get(query);
      if (verdict === undefined) {
        verdict = refusalOfQuery(query, limits) ?? false;
        verdicts.set(query, verdict);
      }
      if (verdict) refusal = verdict;
    }
    if (!refusal) refusal = variablesRefusal(variables, limits);
    if (!refusal) return next();
    const refused = refusal;
    if (!rateLimiter) return send(req, res, started, 400, refused);
    const client = options.clientOf(req);
    rateLimiter
      .consume(client, REFUSED_OPERATION_COST)
      .then((state) => {
        if (state.allowed) return send(req, res, started, 400, refused);
        spent.set(client, state);
        rateLimited(req, res, started, rateLimiter, state, refused.code);
      })
      .catch(next);
  };

  return { spentClients, documents };
}

/** Variables nested deeper than literals may be are refused as deep literals are. */
export function variablesRefusal(variables: unknown, limits: OperationLimits): Refusal | null {
  let value = variables;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== 'object') return null;
  // The variables object itself is one level and one value; its values count as literals do.
  const shape = jsonShape(value);
  if (shape.depth - 1 > limits.maxInputDepth) {
    return {
      code: 'INPUT_DEPTH_LIMIT_EXCEEDED',
      message: `The variables nest lists and objects more than ${limits.maxInputDepth} deep; the limit is ${limits.maxInputDepth}.`,
      extensions: { limit: limits.maxInputDepth },
    };
  }
  if (shape.values - 1 > limits.maxInputValues) {
    return {
      code: 'INPUT_VALUE_LIMIT_EXCEEDED',
      message: `The variables hold ${shape.values - 1} values (each scalar, list item and object field); the limit is ${limits.maxInputValues}.`,
      extensions: { values: shape.values - 1, limit: limits.maxInputValues },
    };
  }
  return null;
}
