import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { Stage } from '../shared/stage';
import { CACHE_TAG, rootListTags } from './cdn-headers';

/** What a shared cache (a CDN, a proxy) must never keep, nor a browser store. */
export const PRIVATE_NO_STORE = 'private, no-store';

/**
 * The last word on an answer's `cache-control`, after Apollo's cache-control plugin (where the
 * response cache is on): an answer for a token, of the drafts, of a mutation, or with errors is
 * `private, no-store` whatever RESPONSE_CACHE_SECONDS says; without the response cache every
 * answer is `no-store`. Only an anonymous query of the published stage answered without an
 * error keeps the `max-age=N, public` of Apollo's policy, and hands cdnHeaders the tags of the
 * lists it reads at its root (`list:<Type>`, in `cache-tag`; cdnHeaders adds its records' IDs).
 */
export function useCachePolicy(options: { shared: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, operation, schema, document }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (isPersonal(contextValue, operation?.operation, errors?.length ?? 0)) response.http.headers.set('cache-control', PRIVATE_NO_STORE);
          else if (!options.shared) response.http.headers.set('cache-control', 'no-store');
          else if (operation && document) response.http.headers.set(CACHE_TAG, rootListTags(schema, document, operation).join(','));
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
