import type { Request } from 'express';

/**
 * The operation a GraphQL request carries, as Apollo will read it: in the JSON body (POST) or
 * the query string (GET). The limits read it before Apollo does.
 */
export function requestOperation(req: Request): { query: string | null; variables: unknown; operationName: unknown } {
  const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
  return {
    query: typeof body?.query === 'string' ? body.query : typeof req.query.query === 'string' ? req.query.query : null,
    variables: body?.variables ?? req.query.variables,
    operationName: body?.operationName ?? req.query.operationName,
  };
}
