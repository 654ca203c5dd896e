import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';
import { type SelectionCompiler } from '../compiler/compile';
import { compiledStrategy } from './compiled-strategy';
import { jitStrategy } from './jit';
import { type Strategy, executionPipeline, graphqlJsStrategy } from './pipeline';

export interface ExecutionSettings {
  /** The selection compiler (GRAPHQL_COMPILE), or null. */
  compiler: SelectionCompiler | null;
  /** GRAPHQL_JIT, and how many runs before a query is compiled (GRAPHQL_JIT_AFTER). */
  jit: { compileAfter: number } | null;
  /** The synchronous type resolvers of the abstract types, which graphql-jit needs. */
  typeResolvers: Record<string, (value: object) => string | undefined>;
  onCompiledError: (error: unknown) => void;
}

/**
 * The one place that chooses how operations are answered (see pipeline.ts): the strategies the
 * settings turn on, in order, ending on graphql-js; null when only graphql-js would run, and
 * Apollo's own execution (with every plugin hook) is used.
 */
export function chooseExecution(schema: GraphQLSchema, settings: ExecutionSettings): { gateway: GatewayInterface; strategies: string[] } | null {
  const strategies: Strategy[] = [];
  if (settings.compiler) strategies.push(compiledStrategy(settings.compiler, settings.onCompiledError));
  if (settings.jit) strategies.push(jitStrategy(schema, settings.typeResolvers, settings.jit));
  if (strategies.length === 0) return null;
  strategies.push(graphqlJsStrategy(schema));
  return { gateway: executionPipeline(schema, strategies), strategies: strategies.map((s) => s.name) };
}
