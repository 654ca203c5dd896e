import express from 'express';
import { type GraphQLSchema, isEnumType } from 'graphql';
import type { Database } from '../db/data-source';
import { PRIVATE_NO_STORE } from '../execution/cache-policy';
import { viewerOfRequest } from '../http-auth';
import { invariant } from '../shared/errors';
import { Stage } from '../shared/stage';
import { CALENDAR_SOURCES, type CalendarSource, inWindow } from './calendar-events';
import { CALENDAR_PARAMETERS, type CalendarPlan, planCalendar, resolveDistricts } from './calendar-params';
import { type ListQuery, compileListQuery, readPages } from './graphql-pages';
import { BodyWriter, type RouteOptions, type StageDatabases, queryParameters, sendFailure, stageDatabase } from './http';
import { CALENDAR_END, calendarStart, renderEvent } from './ics';

/** The feed's name, as calendar programs show it (X-WR-CALNAME). */
const CALENDAR_NAME = 'Профессионалитет: события';

/**
 * GET /calendar.ics: forums, sessions and cluster events whose start is known to the day, as an
 * iCalendar feed (RFC 5545) of all-day events, streamed a page at a time. Parameters (all
 * optional, each validated; a bad one is 400 BAD_USER_INPUT naming it): `types` (forum, session,
 * clusterEvent), `kind` (kinds of sessions or events), `federalDistrict` (global IDs or names),
 * `from` and `to` (days, inclusive: an event is in when any of its days is).
 */
export function calendarRouter(schema: GraphQLSchema, stages: StageDatabases, options: RouteOptions): express.Router {
  const queries = new Map<CalendarSource, ListQuery>(CALENDAR_SOURCES.map((source) => [source, compileListQuery(schema, source.list, source.selection)]));
  const districtQuery = compileListQuery(schema, 'federalDistricts', '{ id name }');
  const kinds = new Map<CalendarSource, string[]>(
    CALENDAR_SOURCES.map((source) => {
      if (!source.kindEnum) return [source, []];
      const type = schema.getType(source.kindEnum);
      invariant(isEnumType(type), `the schema has no enum ${source.kindEnum}`);
      return [source, type.getValues().map((value) => value.name)];
    }),
  );

  const districtIds = async (plan: CalendarPlan, database: Database): Promise<string[] | null> => {
    if (plan.districts === null) return null;
    const districts: { id: string; name: string }[] = [];
    for await (const page of readPages(schema, database, districtQuery, {})) districts.push(...(page.nodes as typeof districts));
    return resolveDistricts(plan.districts, districts);
  };

  const router = express.Router();
  router.get('/calendar.ics', async (req, res) => {
    const body = new BodyWriter(res);
    let started = false;
    try {
      const { stage, ...params } = queryParameters(req, [...CALENDAR_PARAMETERS, 'stage']);
      const database = stageDatabase(req, stages, stage);
      const plan = planCalendar(params, CALENDAR_SOURCES, (source) => kinds.get(source)!);
      const filter = { federalDistrictIds: await districtIds(plan, database), from: plan.from, to: plan.to };
      const stamp = new Date(Math.floor(Date.now() / 1000) * 1000);
      const start = async () => {
        res.status(200).set({
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': 'inline; filename="professionalitet.ics"',
          // A feed readers subscribe to revalidates; a token's or the drafts' is kept by nobody.
          'Cache-Control': viewerOfRequest(req) || stage === Stage.DRAFT ? PRIVATE_NO_STORE : 'no-cache',
          Vary: 'Authorization',
          'X-Content-Type-Options': 'nosniff',
        });
        started = true;
        await body.write(calendarStart(CALENDAR_NAME));
      };
      for (const { source, kinds: sourceKinds } of plan.sources) {
        const where = source.where(filter, sourceKinds);
        for await (const page of readPages(schema, database, queries.get(source)!, { where })) {
          if (!started) await start();
          if (body.gone) return;
          // A record with a stored value its type cannot hold is left out of the feed, and logged.
          for (const bad of page.badValues) options.log(bad);
          const skipped = new Set(page.badValues.map((error) => error.path?.[2]));
          const events = page.nodes
            .filter((_node, i) => !skipped.has(i))
            .map(source.toEvent)
            .filter((event) => event !== null && inWindow(event, filter));
          await body.write(events.map((event) => renderEvent(event!, stamp)).join(''));
        }
      }
      if (!started) await start();
      await body.write(CALENDAR_END);
      res.end();
    } catch (error) {
      if (started) body.abort(error, options);
      else sendFailure(res, error, options);
    }
  });
  return router;
}
