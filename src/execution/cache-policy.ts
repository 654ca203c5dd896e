import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { Stage } from '../shared/stage';
import type { CacheHints } from './cache-hints';
import { CACHE_TAG, rootListTags } from './cdn-headers';
import type { PreparedOperations } from './prepared-operation';

/** What a shared cache (a CDN, a proxy) must never keep, nor a browser store. */
export const PRIVATE_NO_STORE = 'private, no-store';

/** How a shared answer is told to be kept (config.ts responseCachePolicy). */
export interface SharedPolicy {
  hints: CacheHints;
  /** s-maxage: a shared cache's lifetime; null: the answer's max-age. */
  sMaxAge: number | null;
  /** stale-while-revalidate; 0 leaves it out. */
  staleWhileRevalidate: number;
}

/** The `cache-control` of an answer a cache may share, of `maxAge` seconds; `no-store` for 0. */
export function sharedCacheControl(maxAge: number, policy: Pick<SharedPolicy, 'sMaxAge' | 'staleWhileRevalidate'>): string {
  if (maxAge <= 0) return 'no-store';
  const swr = policy.staleWhileRevalidate > 0 ? `, stale-while-revalidate=${policy.staleWhileRevalidate}` : '';
  return `public, max-age=${maxAge}, s-maxage=${policy.sMaxAge ?? maxAge}${swr}`;
}

/**
 * The one word on an answer's `cache-control` (Apollo's cache-control plugin is off: its
 * per-field hooks never run under graphql-jit or the compiled statements). An answer for a token,
 * of the drafts, of a mutation, or with errors is `private, no-store`; without the response cache
 * (`shared` null) every answer is `no-store`. Only an anonymous query of the published stage
 * answered without an error is `public, max-age=N, s-maxage=M, stale-while-revalidate=K`, N from
 * the operation's document (cache-hints.ts), and hands cdnHeaders the tags of the lists it reads
 * at its root (`list:<Type>`, in `cache-tag`; cdnHeaders adds its records' IDs). A registered
 * document's max-age and tags were decided when it was prepared (`prepared`), and are read.
 */
export function useCachePolicy(options: { shared: SharedPolicy | null; prepared?: PreparedOperations }): ApolloServerPlugin<Context> {
  const { shared, prepared } = options;
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, schema, document }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const { headers } = response.http;
          if (isPersonal(contextValue, operation?.operation, errors?.length ?? 0)) headers.set('cache-control', PRIVATE_NO_STORE);
          else if (!shared || !operation || !document) headers.set('cache-control', 'no-store');
          else {
            const kept = prepared?.preparedOperation(operation);
            const control = sharedCacheControl((kept?.policy ?? shared.hints.of(document, operation)).maxAge, shared);
            headers.set('cache-control', control);
            if (control !== 'no-store') headers.set(CACHE_TAG, (kept?.rootListTags ?? rootListTags(schema, document, operation)).join(','));
          }
        },
      };
    },
  };
}

/**
 * Whether an answer is for its requester alone: for a token, of the drafts, of anything but a
 * query, or with errors. Any other answer may be shared by a cache (where the response cache is
 * on), so it says nothing of its requester (limits.ts leaves the rate-limit window out of it).
 */
export function isPersonal(context: Pick<Context, 'viewer' | 'stage'>, operation: string | undefined, errors: number): boolean {
  return context.viewer !== null || context.stage !== Stage.PUBLISHED || operation !== 'query' || errors > 0;
}
