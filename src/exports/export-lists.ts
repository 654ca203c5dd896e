import type { GraphQLSchema } from 'graphql';
import { type Role, roleOf } from '../modules/auth/auth.roles';
import { invariant } from '../shared/errors';
import { NODE_TYPES } from '../modules/catalog';
import type { ExportColumn } from '../shared/listing';
import { compiledOf } from '../shared/resolvers';

/** A top-level list that can be exported: its Query field (also its name in the URL) and columns. */
export interface ExportList {
  name: string;
  columns: readonly ExportColumn[];
  /** The role its Query field declares (NeedsRole), which a token needs to export it; absent: anyone. */
  role?: Role;
}

/** Every change, newest first, for editors: who changed what, and when. */
const REVISIONS: Omit<ExportList, 'role'> = {
  name: 'revisions',
  columns: [
    { name: 'id', path: 'id' },
    { name: 'node_id', path: 'nodeId' },
    { name: 'action', path: 'action' },
    { name: 'version', path: 'version' },
    { name: 'actor', path: 'actor' },
    { name: 'at', path: 'at' },
    { name: 'changes', path: 'changes' },
  ],
};

/**
 * The exports of `schema`: every top-level list whose listing declares export columns, with
 * those columns, in the order of the node types (NODE_TYPES); then the revisions, where the
 * schema has them.
 */
export function exportLists(schema: GraphQLSchema): ExportList[] {
  const lists = Object.values(schema.getQueryType()?.getFields() ?? {})
    .flatMap((field): (ExportList & { order: number })[] => {
      const compiled = compiledOf(field);
      const columns = compiled?.kind === 'root-list' ? compiled.listing.exportColumns : undefined;
      return compiled?.kind === 'root-list' && columns ? [{ name: field.name, columns, order: NODE_TYPES.indexOf(compiled.listing.nodeType) }] : [];
    })
    .sort((a, b) => a.order - b.order)
    .map(({ name, columns }) => ({ name, columns }));
  invariant(lists.length > 0, 'no top-level list of the schema declares export columns');
  const revisions = schema.getQueryType()?.getFields().revisions;
  const role = revisions && roleOf(revisions);
  return revisions ? [...lists, { ...REVISIONS, ...(role ? { role } : {}) }] : lists;
}

/** The value at `path` in `node`: null where a relation or value is missing; a list through a list. */
export function valueAt(node: unknown, path: string): unknown {
  let value: unknown = node;
  for (const name of path.split('.')) {
    if (value == null) return null;
    value = Array.isArray(value) ? value.map((item) => (item as Record<string, unknown>)[name] ?? null) : (value as Record<string, unknown>)[name];
  }
  return value ?? null;
}

/** A node as one export row: column name to value, in column order. */
export function rowOf(list: ExportList, node: unknown): Record<string, unknown> {
  return Object.fromEntries(list.columns.map((column) => [column.name, valueAt(node, column.path)]));
}
