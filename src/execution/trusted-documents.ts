import type { DocumentStore } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationTypeNode, parse, specifiedRules, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/data-source';
import { liveDocumentText, touchDocument } from '../modules/documents/documents.registry';
import type { Clock } from '../shared/clock';

/** How long a live document is answered from memory before the registry is asked again whether it was retired. */
const RECHECK_MS = 10_000;
/** How long an id the registry does not hold is known as unknown (a registration by the CLI shows after this). */
const MISSING_MS = 1_000;
/** How often a document's last_used_at is written, at most. */
const TOUCH_MS = 60_000;
/** Documents kept parsed in memory; past it, the least recently answered is read again when asked for. */
const KEPT_DOCUMENTS = 5_000;

/** A registered document as the server answers it: parsed and validated once, when first asked for. */
export interface TrustedDocument {
  /** `sha256:<hex>`. */
  id: string;
  /** The hex of the id: Apollo's query hash of the text. */
  hash: string;
  text: string;
  /** The parsed, validated document; null when it no longer validates against the running schema (Apollo then reports why). */
  document: DocumentNode | null;
  /** Each operation's kind by name ('' for an anonymous one). */
  operations: ReadonlyMap<string, OperationTypeNode>;
  /** Whether the document guard's limits let it through (checked once): if not, the guard measures it as any other. */
  withinLimits: boolean;
}

interface Kept {
  document: TrustedDocument;
  checkedAt: number;
  touchedAt: number;
}

/**
 * The server's view of the registry of trusted documents (modules/documents): a registered
 * document is read, parsed and validated once and kept, so answering it again skips all three
 * (Apollo's document store is asked first, see {@link trustedDocumentStore}; the compiled
 * statements are kept by the same hash). A kept document is checked against the registry every
 * 10 s, so a retirement by the CLI shows within that; the ADMIN mutations tell it at once.
 */
export class TrustedDocuments {
  private readonly kept = new LRUCache<string, Kept>({ max: KEPT_DOCUMENTS });
  private readonly missing = new LRUCache<string, number>({ max: KEPT_DOCUMENTS });
  private readonly loading = new Map<string, Promise<TrustedDocument | null>>();

  constructor(
    private readonly database: Database,
    private readonly schema: GraphQLSchema,
    private readonly options: { clock: Clock; withinLimits: (text: string) => boolean; onError: (error: unknown) => void },
  ) {}

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

  /** Records, at most once a minute per document, that it was answered (the registry's last_used_at). */
  used(document: TrustedDocument): void {
    const kept = this.kept.get(document.hash);
    const now = this.options.clock.now();
    if (!kept || now - kept.touchedAt < TOUCH_MS) return;
    kept.touchedAt = now;
    touchDocument(this.database.dataSource, this.database.dialect, document.id, new Date(now)).catch(this.options.onError);
  }

  /** Forgets what is known of these ids (registered or retired just now by this server). */
  forget(ids: readonly string[]): void {
    for (const id of ids) {
      const hash = id.slice('sha256:'.length);
      this.kept.delete(hash);
      this.missing.delete(hash);
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
    const document = this.prepare(hash, text);
    this.kept.set(hash, { document, checkedAt: now, touchedAt: Number.NEGATIVE_INFINITY });
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
    const operations = new Map<string, OperationTypeNode>();
    for (const definition of parsed?.definitions ?? []) {
      if (definition.kind === Kind.OPERATION_DEFINITION) operations.set(definition.name?.value ?? '', definition.operation);
    }
    return { id: `sha256:${hash}`, hash, text, document: valid ? parsed : null, operations, withinLimits: this.options.withinLimits(text) };
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
