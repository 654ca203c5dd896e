import { Stage } from '../../shared/stage';
import { Role, type Viewer, requireRole } from '../auth/auth.roles';
import { DRAFT_SCHEMA } from '../../db/draft-location';

/*
 * The draft stage, as every other part names and guards it: where its tables live beside the
 * published ones, and who may read or write it. The GraphQL operation (execution/stage-plugin.ts),
 * the exports and the calendar (exports/http.ts) and the write side all ask here.
 */

/** `table` of the draft stage, as the published database's connection names it (ATTACH on SQLite, the schema on PostgreSQL). */
export function inDraft(table: string): string {
  return `${DRAFT_SCHEMA}.${table}`;
}

/** The role that reading the DRAFT stage and every write need (each role includes the ones before it). */
export const STAGE_ROLE = Role.EDITOR;

/**
 * Throws FORBIDDEN unless `viewer` may `access` `stage`: a PUBLISHED read is anyone's; a DRAFT
 * read and every write (which changes the drafts, whatever stage it names) need STAGE_ROLE.
 */
export function requireStageAccess(viewer: Viewer | null, stage: Stage, access: 'read' | 'write' = 'read'): void {
  if (access === 'read' && stage === Stage.PUBLISHED) return;
  requireRole(viewer, STAGE_ROLE, access === 'write' ? 'A mutation' : `Reading the ${Stage.DRAFT} stage`);
}
