import type { DocumentStore } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/data-source';
import { chunksOf } from '../db/dialect';
import { fixedCost } from '../limits/cost';
import { liveDocumentText, touchDocument } from '../modules/documents/documents.registry';
import type { Clock } from '../shared/clock';
import type { CacheHints } from './cache-hints';
import { rootListTags } from './cdn-headers';
import { HEAP_BYTES_PER_CHARACTER } from './document-store';
import type { PreparedOperation, PreparedOperations } from './prepared-operation';
import { stageOfDocument } from './stage-plugin';

/** How long a live document is answered from memory before the registry is asked again whether it was retired. */
const RECHECK_MS = 10_000;
/** How long an id the registry does not hold is known as unknown (a registration by the CLI shows after this). */
const MISSING_MS = 1_000;
/** How often a document's last_used_at is written, at most. */
const TOUCH_MS = 60_000;
/** Documents kept prepared in memory (the most recently used, at start-up); past it, the least recently answered is read again when asked for. */
const KEPT_DOCUMENTS = 5_000;
/**
 * The heap the kept documents may take, estimated as Apollo's document store estimates it: past it,
 * the least recently answered is dropped too. Without it, 5,000 documents of a few KB each would
 * fill the old space at start-up (the benchmark mix's took 17 KB each, 66 bytes a character).
 */
export const KEPT_BYTES = 64 * 1024 * 1024;

/** A registered document as the server answers it, prepared once (see {@link TrustedDocuments}). */
export interface TrustedDocument {
  /** `sha256:<hex>`. */
  id: string;
  /** The hex of the id: Apollo's query hash of the text. */
  hash: string;
  text: string;
  /** The parsed, validated document; null when it no longer validates against the running schema (Apollo then reports why). */
  document: DocumentNode | null;
  /** Each operation by name ('' for an anonymous one): its kind, and what was decided of it without variables. */
  operations: ReadonlyMap<string, PreparedOperation>;
  /** Whether the document guard's limits let it through (checked once): if not, the guard measures it as any other. */
  withinLimits: boolean;
}

interface Kept {
  document: TrustedDocument;
  checkedAt: number;
  touchedAt: number;
}

export interface TrustedDocumentsOptions {
  clock: Clock;
  /** The document guard's verdict on a text (document-guard.ts refusalOfQuery): true when within every limit. */
  withinLimits: (text: string) => boolean;
  /** The cache policy of operations; null without the response cache (no answer is shared, so there is none to decide). */
  hints: CacheHints | null;
  /** A registry read or write that failed, and what it was for; the server goes on (a document is then read when asked for). */
  onError: (error: unknown, what: string) => void;
  /** The heap the kept documents may take, estimated (default {@link KEPT_BYTES}). */
  keptBytes?: number;
}

const estimatedBytes = (text: string) => Math.max(1, text.length * HEAP_BYTES_PER_CHARACTER);

/**
 * The server's view of the registry of trusted documents (modules/documents). A registered
 * document is prepared once, when the server starts (the live documents, most recently used first,
 * as many as fit KEPT_DOCUMENTS and KEPT_BYTES, in one statement) or when the ADMIN mutation
 * registers it (at once, before the mutation answers), or else (a registration by the CLI, a
 * document past the bounds) when a request first asks for it. Preparing decides what its text and the schema decide: it is parsed
 * and validated (Apollo finds it in its document store, see {@link trustedDocumentStore}), the
 * document guard's limits are checked, and for each operation its cache policy and root list
 * tags, its stage unless a variable names it, and its cost unless a variable can change it
 * ({@link PreparedOperation}). A request then skips all of that; what depends on its variables
 * (a cost by `first: $n`, the variables' own limits, the compiled statements, kept per query hash
 * and variables) is decided per request. A kept document is checked against the registry every
 * 10 s, so a retirement by the CLI shows within that; the ADMIN mutations tell it at once.
 */
export class TrustedDocuments implements PreparedOperations {
  private readonly kept: LRUCache<string, Kept>;
  private readonly missing = new LRUCache<string, number>({ max: KEPT_DOCUMENTS });
  private readonly loading = new Map<string, Promise<TrustedDocument | null>>();
  /** The prepared operations by the node Apollo runs: a node leaves with its document. */
  private readonly prepared = new WeakMap<OperationDefinitionNode, PreparedOperation>();

  constructor(
    private readonly database: Database,
    private readonly schema: GraphQLSchema,
    private readonly options: TrustedDocumentsOptions,
  ) {
    this.kept = new LRUCache({ max: KEPT_DOCUMENTS, maxSize: options.keptBytes ?? KEPT_BYTES, sizeCalculation: (kept) => estimatedBytes(kept.document.text) });
  }

  /**
   * Prepares the live registered documents, when the server starts: the most recently used (or
   * registered), up to KEPT_DOCUMENTS and the heap they may take, read in one statement. A
   * registry that cannot be read is reported, and each document is then read when first asked for.
   */
  async prepareAll(): Promise<number> {
    try {
      const rows = await this.database.read(
        `SELECT id, MAX(body) AS body, MAX(COALESCE(last_used_at, registered_at)) AS used_at FROM trusted_document
         WHERE retired_at IS NULL AND owner IS NULL GROUP BY id ORDER BY used_at DESC, id LIMIT ${KEPT_DOCUMENTS}`,
        [],
      );
      const budget = this.options.keptBytes ?? KEPT_BYTES;
      let bytes = 0;
      const fitting: typeof rows = [];
      for (const row of rows) {
        bytes += estimatedBytes(String(row.body));
        if (bytes > budget) break;
        fitting.push(row);
      }
      // The least recently used first, so the cache drops it first.
      for (const row of fitting.reverse()) this.keep(String(row.id).slice('sha256:'.length), String(row.body));
      return fitting.length;
    } catch (error) {
      this.options.onError(error, 'could not read the registered documents at start-up; each is read when first asked for');
      return 0;
    }
  }

  /** The live document whose text has this SHA-256 (hex); null when none is registered. */
  async find(hash: string): Promise<TrustedDocument | null> {
    const now = this.options.clock.now();
    const kept = this.kept.get(hash);
    if (kept && now - kept.checkedAt < RECHECK_MS) return kept.document;
    const missingAt = this.missing.get(hash);
    if (!kept && missingAt !== undefined && now - missingAt < MISSING_MS) return null;
    let loading = this.loading.get(hash);
    if (!loading) {
      loading = this.load(hash, kept).finally(() => this.loading.delete(hash));
      this.loading.set(hash, loading);
    }
    return loading;
  }

  /** The parsed document of a kept live document, for Apollo's document store; undefined otherwise. */
  parsed(hash: string): DocumentNode | undefined {
    return this.kept.get(hash)?.document.document ?? undefined;
  }

  /** The parsed document of a kept live document within the document guard's limits, for a subscription sent as its text; undefined otherwise. */
  parsedWithinLimits(hash: string): DocumentNode | undefined {
    const kept = this.kept.get(hash)?.document;
    return kept?.withinLimits ? (kept.document ?? undefined) : undefined;
  }

  /** What was decided of an operation of a kept document's parsed document; undefined for any other node. */
  preparedOperation(operation: OperationDefinitionNode): PreparedOperation | undefined {
    return this.prepared.get(operation);
  }

  /** Records, at most once a minute per document, that it was answered (the registry's last_used_at). */
  used(document: TrustedDocument): void {
    const kept = this.kept.get(document.hash);
    const now = this.options.clock.now();
    if (!kept || now - kept.touchedAt < TOUCH_MS) return;
    kept.touchedAt = now;
    touchDocument(this.database.dataSource, this.database.dialect, document.id, new Date(now)).catch((error) => this.options.onError(error, 'could not record a use'));
  }

  /** Forgets what is known of these ids: each is read from the registry when next asked for. */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      const hash = id.slice('sha256:'.length);
      this.kept.delete(hash);
      this.missing.delete(hash);
    }
  }

  /**
   * These ids were registered or retired just now by this server (the ADMIN mutations): those
   * still live (registered, or live in another app version) are read and prepared at once, the
   * others forgotten. Should the registry not answer, those not yet prepared are read when asked for.
   */
  async changed(ids: readonly string[]): Promise<void> {
    this.forget(ids);
    try {
      for (const chunk of chunksOf(this.database.dialect, ids, 1)) {
        const rows = await this.database.read(
          `SELECT DISTINCT id, body FROM trusted_document WHERE retired_at IS NULL AND owner IS NULL AND id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        );
        for (const row of rows) this.keep(String(row.id).slice('sha256:'.length), String(row.body));
      }
    } catch (error) {
      this.options.onError(error, 'could not read the documents just registered; each is read when first asked for');
    }
  }

  private async load(hash: string, kept: Kept | undefined): Promise<TrustedDocument | null> {
    const now = this.options.clock.now();
    const text = await liveDocumentText((sql, params) => this.database.read(sql, params), `sha256:${hash}`);
    if (text === null) {
      this.kept.delete(hash);
      this.missing.set(hash, now);
      return null;
    }
    if (kept && kept.document.text === text) {
      kept.checkedAt = now;
      return kept.document;
    }
    return this.keep(hash, text);
  }

  private keep(hash: string, text: string): TrustedDocument {
    const document = this.prepare(hash, text);
    this.kept.set(hash, { document, checkedAt: this.options.clock.now(), touchedAt: Number.NEGATIVE_INFINITY });
    this.missing.delete(hash);
    return document;
  }

  private prepare(hash: string, text: string): TrustedDocument {
    let parsed: DocumentNode | null = null;
    try {
      parsed = parse(text);
    } catch {
      // Checked when it was registered; should the text not parse now, Apollo reports why.
    }
    const valid = parsed !== null && validate(this.schema, parsed, specifiedRules, { maxErrors: 1 }).length === 0;
    const operations = new Map<string, PreparedOperation>();
    for (const definition of parsed?.definitions ?? []) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const operation = valid ? this.decide(parsed!, definition) : { kind: definition.operation, policy: null, rootListTags: [], cost: null, stage: null };
      operations.set(definition.name?.value ?? '', operation);
      if (valid) this.prepared.set(definition, operation);
    }
    return { id: `sha256:${hash}`, hash, text, document: valid ? parsed : null, operations, withinLimits: this.options.withinLimits(text) };
  }

  /** What a validated operation's text decides, whatever the variables of a request. */
  private decide(document: DocumentNode, operation: OperationDefinitionNode): PreparedOperation {
    const { schema } = this;
    return {
      kind: operation.operation,
      policy: this.options.hints?.of(document, operation) ?? null,
      rootListTags: operation.operation === 'query' ? rootListTags(schema, document, operation) : [],
      cost: fixedCost(schema, document, operation),
      stage: stageOfDocument(operation, document, schema),
    };
  }
}

/**
 * Apollo's document store, asked for the registered documents first: Apollo finds their parsed,
 * validated document under their query hash (the hex of their id) and neither parses nor
 * validates them. Apollo's keys are `<schema hash>:<query hash>`.
 */
export function trustedDocumentStore(inner: DocumentStore, trusted: TrustedDocuments): DocumentStore {
  return {
    async get(key) {
      return trusted.parsed(key.slice(key.lastIndexOf(':') + 1)) ?? inner.get(key);
    },
    set: (key, document) => inner.set(key, document),
    delete: (key) => inner.delete(key),
  };
}
