import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { BadUserInputError, describeValue } from '../shared/errors';
import { BOM, csvRow } from './csv';
import { type ExportList, exportLists, rowOf } from './export-lists';
import { type ListQuery, type ListNode, compileListQuery, readPages, selectionOf } from './graphql-pages';
import { BodyWriter, type RouteOptions, type StageDatabases, queryParameters, sendError, sendFailure, stageDatabase } from './http';
import { viewerOfRequest } from '../http-auth';
import { holds } from '../modules/auth/auth.roles';

/** How one format writes a list: the content type, and the text before, of and after the rows. */
interface Format {
  contentType: string;
  start(list: ExportList): string;
  rows(list: ExportList, nodes: ListNode[], first: boolean): string;
  end: string;
}

const FORMATS: Record<string, Format> = {
  csv: {
    contentType: 'text/csv; charset=utf-8',
    start: (list) => BOM + csvRow(list.columns.map((c) => c.name)),
    rows: (list, nodes) => nodes.map((node) => csvRow(Object.values(rowOf(list, node)))).join(''),
    end: '',
  },
  json: {
    contentType: 'application/json; charset=utf-8',
    start: () => '[',
    rows: (list, nodes, first) => nodes.map((node, i) => `${first && i === 0 ? '\n' : ',\n'}${JSON.stringify(rowOf(list, node))}`).join(''),
    end: '\n]\n',
  },
};

/**
 * The query-string parameters of /export/<list>.<format>, each the list field's argument of the same
 * name, and how it is written: `json` as JSON text, `enum` as the value's name.
 */
const ROUTE_PARAMETERS = { where: 'json', orderBy: 'json', stage: 'enum' } as const;

type RouteParameter = keyof typeof ROUTE_PARAMETERS;

/** How a page links a root list to its CSV export (the Playground's config carries these). */
export interface ExportLink {
  /** The Query field of the list. */
  field: string;
  /** The file under /export/: `<list>.csv`. */
  file: string;
  /** The field's arguments the route takes, in URL order, and how each is written. */
  parameters: Partial<Record<RouteParameter, (typeof ROUTE_PARAMETERS)[RouteParameter]>>;
}

/**
 * The CSV exports any visitor may download, from the exports `schema` declares: a download link
 * sends no token, so the exports that need a role are left out.
 */
export function publicExportLinks(schema: GraphQLSchema): ExportLink[] {
  const fields = schema.getQueryType()?.getFields() ?? {};
  return exportLists(schema)
    .filter((list) => !list.role)
    .map((list) => {
      const argumentNames = new Set(fields[list.name]?.args.map((argument) => argument.name));
      const names = (Object.keys(ROUTE_PARAMETERS) as RouteParameter[]).filter((name) => argumentNames.has(name));
      return { field: list.name, file: `${list.name}.csv`, parameters: Object.fromEntries(names.map((name) => [name, ROUTE_PARAMETERS[name]])) };
    });
}

/**
 * GET /export: the exports, their URLs and columns.
 * GET /export/<list>.<csv|json>?where=<JSON>&orderBy=<JSON>: every row of a top-level list, with
 * the filters and ordering of the GraphQL list (`where` is the list's XWhere input as JSON,
 * `orderBy` its [XOrderBy!]), streamed a page at a time. A bad `where` or `orderBy` is 400
 * BAD_USER_INPUT with the GraphQL message; an unknown list or format is 404.
 */
export function exportRouter(schema: GraphQLSchema, stages: StageDatabases, options: RouteOptions): express.Router {
  const queries = new Map<string, { list: ExportList; query: ListQuery }>(
    exportLists(schema).map((list) => [list.name, { list, query: compileListQuery(schema, list.name, selectionOf(list.columns.map((c) => c.path))) }]),
  );
  const router = express.Router();

  /** The exports `req`'s token may read (those that need a role are listed to that role only). */
  const visible = (req: express.Request) => [...queries.values()].filter(({ list }) => !list.role || holds(viewerOfRequest(req), list.role));

  router.get('/export', (req, res) => {
    res.json({
      exports: visible(req).map(({ list, query }) => ({
        list: list.name,
        csv: `/export/${list.name}.csv`,
        json: `/export/${list.name}.json`,
        where: query.whereType,
        orderBy: query.orderByType,
        columns: list.columns.map((c) => c.name),
      })),
    });
  });

  router.get('/export/:file', async (req, res) => {
    const file = req.params.file;
    const dot = file.lastIndexOf('.');
    const name = dot < 0 ? file : file.slice(0, dot);
    const extension = dot < 0 ? '' : file.slice(dot + 1);
    const entry = queries.get(name);
    if (!entry) {
      const known = visible(req).map(({ list }) => list.name);
      sendError(res, 404, 'NOT_FOUND', `No export ${describeValue(name)}: expected one of ${known.join(', ')}, as /export/<list>.csv or .json`, { lists: known });
      return;
    }
    const format = Object.hasOwn(FORMATS, extension) ? FORMATS[extension] : undefined;
    if (!format) {
      sendError(res, 404, 'NOT_FOUND', `No export format ${describeValue(extension)}: expected /export/${name}.csv or /export/${name}.json`);
      return;
    }
    const { list, query } = entry;
    const body = new BodyWriter(res);
    let started = false;
    try {
      const params = queryParameters(req, Object.keys(ROUTE_PARAMETERS) as RouteParameter[]);
      // A list whose field declares a role is refused by its resolver (FORBIDDEN, 403) on the first page, before any byte is sent.
      const database = stageDatabase(req, stages, params.stage);
      if (params.where !== undefined && !query.whereType) {
        throw new BadUserInputError(`where: the ${name} export takes no where; received ${describeValue(params.where)}`, 'where');
      }
      const args = { where: jsonParameter('where', params.where), orderBy: jsonParameter('orderBy', params.orderBy) };
      let first = true;
      for await (const page of readPages(schema, database, query, args, { viewer: viewerOfRequest(req), draft: stages.draft })) {
        if (!started) {
          res.status(200).set({
            'Content-Type': format.contentType,
            'Content-Disposition': `attachment; filename="${name}.${extension}"`,
            'Cache-Control': 'no-store',
            'X-Total-Count': String(page.totalCount),
            'X-Content-Type-Options': 'nosniff',
          });
          started = true;
          await body.write(format.start(list));
        }
        if (body.gone) return;
        // A stored value its column's type cannot hold is written empty (null in JSON) and logged.
        for (const bad of page.badValues) options.log(bad);
        await body.write(format.rows(list, page.nodes, first));
        if (page.nodes.length > 0) first = false;
      }
      await body.write(format.end);
      res.end();
    } catch (error) {
      if (started) body.abort(error, options);
      else sendFailure(res, error, options);
    }
  });

  return router;
}

/** A query-string parameter holding JSON: undefined when absent, BAD_USER_INPUT when not JSON. */
function jsonParameter(name: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadUserInputError(`${name}: expected JSON, e.g. ${name}=${name === 'where' ? '{"title":{"contains":"форум"}}' : '[{"title":"ASC"}]'}; received ${describeValue(text)}`, name);
  }
}
