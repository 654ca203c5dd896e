import type { OperationDefinitionNode, OperationTypeNode } from 'graphql';
import type { Stage } from '../shared/stage';
import type { OperationPolicy } from './cache-hints';

/**
 * What is decided of one operation of a registered document when the server prepares it
 * (trusted-documents.ts), from its text and the schema alone: the request path reads it instead
 * of deciding it again. Null where it depends on the request's variables, which only a request has.
 */
export interface PreparedOperation {
  kind: OperationTypeNode;
  /** Its cache policy (cache-hints.ts); null without the response cache, or when the document does not validate. */
  policy: OperationPolicy | null;
  /** The `list:<Type>` tags of the lists it reads at its root (cdn-headers.ts rootListTags). */
  rootListTags: readonly string[];
  /**
   * Its cost (cost.ts) when no variable can change it; null: costed per request, by its variables
   * (kept per document and variables, limits.ts). No bound over the variables is kept instead (every
   * `first: $n` at its cap): the cost is what the rate limit charges and `extensions.cost` reports,
   * so it is the request's own; and a `$n` far over the cap is refused by the cost limit before
   * anything runs, where a bound at the cap would hand it to the resolvers.
   */
  cost: number | null;
  /** The stage it reads (stage-plugin.ts) when no variable decides it; null: decided per request. */
  stage: Stage | null;
}

/** Where the plugins find a prepared operation: by the very node Apollo runs (the trusted document store hands it). */
export interface PreparedOperations {
  preparedOperation(operation: OperationDefinitionNode): PreparedOperation | undefined;
}
