import type express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { StageDatabases } from './http';
import { calendarRouter } from './calendar-route';
import { exportRouter } from './export-route';

/**
 * Mounts the exports (/export, /export/<list>.csv|.json) and the iCalendar feed (/calendar.ics).
 * They read through `schema`, so filters, ordering, validation and IDs are those of the GraphQL
 * lists. Unexpected errors are masked in production, like the GraphQL endpoint's, and logged.
 * Each request is charged `EXPORT_COST` points to the client's rate-limit window (`guard.charge`).
 */
export function mountExports(
  app: express.Express,
  stages: StageDatabases,
  schema: GraphQLSchema,
  config: Config,
  guard: { log: (error: unknown) => void; charge: express.RequestHandler | null },
): void {
  const options = { mask: config.nodeEnv === 'production', log: guard.log };
  if (guard.charge) app.use(['/export', '/calendar.ics'], guard.charge);
  app.use(exportRouter(schema, stages, options));
  app.use(calendarRouter(schema, stages, options));
}
