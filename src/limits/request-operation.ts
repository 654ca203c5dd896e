import type { Request } from 'express';

/**
 * The parameters of a GraphQL request, as Apollo reads them: the JSON body of a POST, the query
 * string of a GET (Apollo reads no other). The query string is parsed on each read of
 * `req.query` (Express 5): a POST never reads it.
 */
export function requestParams(req: Request): Record<string, unknown> {
  if (req.method === 'GET') return req.query as Record<string, unknown>;
  const body: unknown = req.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/**
 * The operation a GraphQL request carries, as Apollo will read it: in the JSON body (POST) or
 * the query string (GET). The limits read it before Apollo does.
 */
export function requestOperation(req: Request): { query: string | null; variables: unknown; operationName: unknown } {
  const params = requestParams(req);
  return { query: typeof params.query === 'string' ? params.query : null, variables: params.variables, operationName: params.operationName };
}
