import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import type { LRUCache } from 'lru-cache';
import type { OperationLimits } from '../config';
import { boundedDocuments } from '../execution/document-store';
import { sha256Hex } from '../execution/persisted-queries';
import type { TrustedDocuments } from '../execution/trusted-documents';

/** Subscription documents kept parsed and validated: frontends subscribe with a few, thousands of times. */
export const SUBSCRIPTION_DOCUMENTS = 1_000;
/** The heap the kept subscription documents may take, estimated as Apollo's document store estimates it. */
export const SUBSCRIPTION_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * The subscription documents of one server, parsed and validated once per text. A text is kept
 * only once it passed the document guard's limits (fixed for the server: a text's verdict is its
 * own), the parse and the validation, so what `known` returns needs none of them again; a text
 * refused by any of them is not kept, and is refused again as the first time each time it is sent.
 * A text registered as a trusted document, kept prepared and within the limits, is served from
 * the registry's parsed document without being parsed here.
 */
export class SubscriptionDocuments {
  private readonly documents: LRUCache<string, DocumentNode>;
  /** Texts parsed here (a refused one each time it is sent), and subscribes served a kept document. */
  readonly stats = { parsed: 0, reused: 0 };

  constructor(
    private readonly options: { schema: GraphQLSchema; limits: OperationLimits; validationErrors: number; trusted: TrustedDocuments | null },
    bounds: { max?: number; maxBytes?: number } = {},
  ) {
    this.documents = boundedDocuments({ max: bounds.max ?? SUBSCRIPTION_DOCUMENTS, maxBytes: bounds.maxBytes ?? SUBSCRIPTION_DOCUMENT_BYTES, characters: (_document, text) => text.length });
  }

  /** The document of a text that was let through before (or is registered): it needs no limits, parse or validation again. */
  known(text: string): DocumentNode | undefined {
    let document = this.documents.get(text);
    if (!document && this.options.trusted) {
      document = this.options.trusted.parsedWithinLimits(sha256Hex(text));
      if (document) this.documents.set(text, document);
    }
    if (document) this.stats.reused += 1;
    return document;
  }

  /**
   * Parses and validates a text the document guard let through, as today: parse errors are
   * GRAPHQL_PARSE_FAILED, validation errors (at most `validationErrors`) GRAPHQL_VALIDATION_FAILED.
   * A valid document is kept for `known`.
   */
  parse(text: string): { document: DocumentNode; errors?: undefined } | { errors: GraphQLError[]; document?: undefined } {
    this.stats.parsed += 1;
    let document: DocumentNode;
    try {
      document = parse(text, { maxTokens: this.options.limits.maxTokens, noLocation: true });
    } catch (error) {
      return { errors: [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
    }
    const invalid = validate(this.options.schema, document, undefined, { maxErrors: this.options.validationErrors });
    if (invalid.length > 0) return { errors: invalid.map((error) => new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
    this.documents.set(text, document);
    return { document };
  }
}
