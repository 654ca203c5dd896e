import { z } from 'zod';
import { type EnumValue, defineEnum } from '../../shared/enums';
import type { NodeType } from '../../shared/global-id';
import { defineModel, field } from '../../shared/model';
import { key } from '../../shared/record-fields';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Figure: true } }

export const FigureQualifier = defineEnum('FigureQualifier', ['EXACT', 'ABOUT', 'MORE_THAN'], {
  description: 'How the source states the number: exactly, approximately ("около") or as a lower bound ("более").',
});
export type FigureQualifier = EnumValue<typeof FigureQualifier>;

/** The types a figure may be about, by the kind its record names them with (`subject: { kind: forum, key: ... }`). */
export const SUBJECT_TYPES = { forum: 'Forum', session: 'Session', clusterEvent: 'ClusterEvent', organization: 'Organization', cluster: 'Cluster' } as const satisfies Record<string, NodeType>;
export type SubjectKind = keyof typeof SUBJECT_TYPES;
const SUBJECT_KINDS = Object.keys(SUBJECT_TYPES) as [SubjectKind, ...SubjectKind[]];

/** A figure: its fields and what lists and exports do with them (shared/model.ts). */
export const Figure = defineModel({
  type: 'Figure',
  table: 'figure',
  description: 'A number the sources report about the programme, e.g. 506 clusters in August 2025.',
  fields: {
    metric: field.text({ required: true, length: 500, description: 'What is counted, in Russian, e.g. "Кластеров в проекте".', sort: true, export: true }),
    value: field.float({ required: true, export: true }),
    unit: field.text({ length: 100, export: true }),
    qualifier: field.enum(FigureQualifier, 'FigureQualifier', { required: true, length: 20, export: true }),
    date: field.date({ description: 'The date the figure is for, or was reported.', sort: true, export: true }),
    // A record of any of several types: stored as its type and key, read by figure.resolver.ts.
    subject: field.record(z.object({ kind: z.enum(SUBJECT_KINDS), key }).strict()),
  },
  columns: { subjectType: { type: 'varchar', length: 30, nullable: true }, subjectKey: { type: 'varchar', length: 100, nullable: true } },
  derive: ({ subject }) => ({ subjectType: subject ? SUBJECT_TYPES[subject.kind] : null, subjectKey: subject?.key ?? null }),
});
export type Figure = InstanceType<typeof Figure>;
