/**
 * The UMD builds the page loads as classic scripts before its modules run (src/playground/assets.ts),
 * and what the Playground's modules use of the globals they define. cytoscape, ECharts and graphql
 * bring their own types; React's are not installed (no @types/react), so the little of React,
 * ReactDOM and GraphiQL the page touches is described here. Only for type checking: nothing here
 * reaches the browser.
 */
import type cytoscape from 'cytoscape';
import type * as echarts from 'echarts';
import type * as graphql from 'graphql';

/** A React element: opaque to the page, which only hands it back to React. */
export interface ReactElement {
  readonly type: unknown;
  readonly props: unknown;
}

/** What React.createElement accepts as a type: a tag, a function component, or GraphiQL's. */
export type ElementType = string | ((props: never) => ReactElement | null) | GraphiQLComponent | GraphiQLLogo;

export interface ReactGlobal {
  createElement(type: ElementType, props?: object | null, ...children: unknown[]): ReactElement;
  useRef<T>(initial: T): { current: T };
  useEffect(effect: () => void | (() => void), dependencies?: readonly unknown[]): void;
}

export interface ReactDOMGlobal {
  createRoot(container: Element): { render(element: ReactElement): void };
}

/** A CodeMirror editor of GraphiQL's (query, variables, headers). */
export interface CodeMirrorEditor {
  getValue(): string;
  setValue(value: string): void;
}

/** A GraphiQL tab: the texts of its editors and its last response, as GraphiQL holds them. */
export interface GraphiQLTab {
  query: string | null;
  variables: string | null;
  headers: string | null;
  response: string | null;
}

/** @graphiql/react's editor context. */
export interface EditorContext {
  tabs: GraphiQLTab[];
  activeTabIndex: number;
  queryEditor: CodeMirrorEditor | null;
  variableEditor: CodeMirrorEditor | null;
  headerEditor: CodeMirrorEditor | null;
  addTab(): void;
}

/** A GraphiQL plugin: a sidebar button (its title and icon) and the panel it opens. */
export interface GraphiQLPlugin {
  title: string;
  icon: () => ReactElement;
  content: () => ReactElement;
}

/** @graphiql/react's plugin context. */
export interface PluginContext {
  plugins: GraphiQLPlugin[];
  visiblePlugin: GraphiQLPlugin | null;
  setVisiblePlugin(plugin: GraphiQLPlugin | string | null): void;
}

/** @graphiql/react's contexts and hooks, which the UMD build puts on GraphiQL.React. */
export interface GraphiQLReact {
  useEditorContext(): EditorContext | null;
  usePluginContext(): PluginContext | null;
  useExecutionContext(): { run(): void } | null;
  useSchemaContext(): { schema: graphql.GraphQLSchema | null } | null;
}

/** What GraphiQL passes its fetcher. */
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

/** A GraphQL response as the server sends it (the fetcher gives the parsed JSON). */
export interface GraphQLResult {
  data?: unknown;
  errors?: readonly { message: string }[];
}

/** createFetcher without incremental delivery: one response per request. */
export type Fetcher = (params: FetcherParams, options?: unknown) => Promise<GraphQLResult>;

/** GraphiQL's props that the page sets. */
export interface GraphiQLProps {
  fetcher: Fetcher;
  defaultTabs: { query: string; variables?: string }[];
  shouldPersistHeaders: boolean;
  plugins: GraphiQLPlugin[];
  onTogglePluginVisibility(plugin: GraphiQLPlugin | null): void;
  query?: string;
  variables?: string;
  visiblePlugin?: string;
}

export type GraphiQLComponent = (props: GraphiQLProps) => ReactElement;
export type GraphiQLLogo = (props: { children?: unknown }) => ReactElement;

/** The UMD build's global: the GraphiQL component, with graphql, the hooks and the fetcher factory on it. */
export interface GraphiQLGlobal extends GraphiQLComponent {
  Logo: GraphiQLLogo;
  React: GraphiQLReact;
  GraphQL: typeof graphql;
  createFetcher(options: { url: string; enableIncrementalDelivery: boolean }): Fetcher;
}

declare global {
  interface Window {
    React?: ReactGlobal;
    ReactDOM?: ReactDOMGlobal;
    GraphiQL?: GraphiQLGlobal;
    GraphiQLPluginExplorer?: { explorerPlugin(): GraphiQLPlugin };
    cytoscape?: typeof cytoscape;
    echarts?: typeof echarts;
  }
}
