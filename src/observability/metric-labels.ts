import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';

/**
 * Label values of the metrics. Each series of a metric lives in the server's memory and in every
 * scrape until the process ends, so a label never takes a value a client chose without bound:
 * 26,000 operation names made /metrics 23 MB and the scrape after them ran the heap out.
 */

/** The label of an operation sent without a name. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** The label of every operation name past the known ones, or not a sane GraphQL name. */
export const OTHER_OPERATION = 'other';
/** The label of an error code that is not one of {@link ERROR_CODES}. */
export const OTHER_ERROR_CODE = 'OTHER';

/** A GraphQL Name of at most 64 characters: the operation names a label may carry. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The operations metrics name: the operations the server knows (the Playground's examples; the
 * registered documents when there are some), always, and besides them the first `max` distinct
 * names seen since the start (METRICS_MAX_OPERATION_NAMES), each a GraphQL Name of at most 64
 * characters; every later name, and anything else, is `other`, and an operation without a name is
 * `anonymous`. A client that makes names up right after a deploy fills the `max` places and then
 * only ever adds to `other`; the known operations keep their names whatever it sends.
 */
export class OperationNames {
  private readonly known: ReadonlySet<string>;
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    known: Iterable<string> = [],
  ) {
    this.known = new Set([...known].filter((name) => OPERATION_NAME.test(name)));
  }

  label(name: unknown): string {
    if (name === undefined || name === null || name === '') return ANONYMOUS_OPERATION;
    if (typeof name !== 'string' || !OPERATION_NAME.test(name)) return OTHER_OPERATION;
    if (name === ANONYMOUS_OPERATION || name === OTHER_OPERATION || this.known.has(name) || this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}

/**
 * Every `extensions.code` the server answers: Apollo's and ours. A code not listed here is
 * counted as `OTHER` (add it here when a new one is introduced).
 */
export const ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.values(ApolloServerErrorCode),
  ...Object.values(ApolloServerValidationErrorCode),
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TIMEOUT', 'DATABASE_UNAVAILABLE', 'RATE_LIMITED', 'SERVER_BUSY',
  'QUERY_TOO_LARGE', 'VARIABLES_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE',
  'COST_LIMIT_EXCEEDED', 'DEPTH_LIMIT_EXCEEDED', 'TOKEN_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'FIELD_LIMIT_EXCEEDED',
  'SPREAD_LIMIT_EXCEEDED', 'DIRECTIVE_LIMIT_EXCEEDED', 'ARGUMENT_LIMIT_EXCEEDED', 'DEFINITION_LIMIT_EXCEEDED',
  'FIELD_COMPARISON_LIMIT_EXCEEDED', 'FIELD_REPEAT_LIMIT_EXCEEDED', 'INPUT_DEPTH_LIMIT_EXCEEDED', 'INPUT_VALUE_LIMIT_EXCEEDED',
  'NESTING_LIMIT_EXCEEDED', 'INVALID_STORED_VALUE', 'METHOD_NOT_ALLOWED',
]);

/** The label of an error's code: one of {@link ERROR_CODES}, else `OTHER`. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && ERROR_CODES.has(code) ? code : OTHER_ERROR_CODE;
}
