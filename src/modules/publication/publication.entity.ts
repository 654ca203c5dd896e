import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { z } from 'zod';
import { type EnumValue, defineEnum } from '../../shared/enums';
import { defineModel, field } from '../../shared/model';

/** Its node type, named in global IDs: see NodeTypes (shared/global-id.ts). */
declare module '../../shared/global-id' { interface NodeTypes { Publication: true } }

export const PublicationKind = defineEnum('PublicationKind', ['ARTICLE', 'TEASER', 'REFERENCE', 'DATASET'], {
  values: {
    ARTICLE: 'A news article held in full.',
    TEASER: 'A short news item held in full.',
    REFERENCE: 'An outside source cited for a fact; only its citation is held.',
    DATASET: 'A reference data set (e.g. the regions of Russia).',
  },
});
export type PublicationKind = EnumValue<typeof PublicationKind>;

/** A publication: its fields and what lists, search and exports do with them (shared/model.ts). It is its own source. */
export const Publication = defineModel({
  type: 'Publication',
  table: 'publication',
  description: 'A news item or an outside source: every fact of the graph names the publications it comes from.',
  sourced: false,
  cited: false,
  fields: {
    title: field.text({ required: true, length: 1000, fold: true, filter: true, sort: true, export: true, search: { head: true } }),
    kind: field.enum(PublicationKind, 'PublicationKind', { required: true, export: true }),
    publishedAt: field.date({ filter: true, sort: true, export: true }),
    sourceUrl: field.text({ length: 1000, format: z.string().url('expected an absolute URL'), export: true }),
    lead: field.text({ export: true, search: { order: 1 } }),
    note: field.text({ description: 'What the source supports, or how its date was established.', export: true }),
    body: field.text({ export: true, search: { order: 2 } }),
  },
});
export type Publication = InstanceType<typeof Publication>;

/** A record that a publication is a source for (and so mentions). */
@Entity('publication_mention')
export class PublicationMention {
  @PrimaryColumn('varchar', { name: 'publication_id', length: 100 })
  publicationKey!: string;

  @PrimaryColumn('varchar', { name: 'node_type', length: 30 })
  nodeType!: string;

  @PrimaryColumn('varchar', { name: 'node_id', length: 100 })
  nodeKey!: string;

  @Column('integer')
  ordinal!: number;

  @ManyToOne(() => Publication)
  @JoinColumn({ name: 'publication_id' })
  publication?: Publication;
}
