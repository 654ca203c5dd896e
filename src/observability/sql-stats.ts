import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';

/**
 * useSqlStats: with GRAPH_DEBUG on, every response carries `extensions.sql = { statements, ms, compiled }`,
 * the statements this request ran, the time they took, and whether one compiled statement answered it.
 */
export function useSqlStats(options: { enabled: boolean }): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      if (!options.enabled) return;
      return {
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single') return;
          const { statements, ms, compiled } = contextValue.sql.stats;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            sql: { statements, ms: Math.round(ms * 1000) / 1000, compiled },
          };
        },
      };
    },
  };
}
