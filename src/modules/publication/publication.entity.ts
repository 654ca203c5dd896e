import { Field, ID, ObjectType} from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const PublicationKind = defineEnum('PublicationKind', ['ARTICLE', 'TEASER', 'REFERENCE', 'DATASET'], {
  values: {
    ARTICLE: 'A news article held in full.',
    TEASER: 'A short news item held in full.',
    REFERENCE: 'An outside source cited for a fact; only its citation is held.',
    DATASET: 'A reference data set (e.g. the regions of Russia).',
  },
});
export type PublicationKind = EnumValue<typeof PublicationKind>;

@ObjectType({ implements: Node, description: 'A news item or an outside source: every fact of the graph names the publications it comes from.' })
@Entity('publication')
export class Publication implements Node {
  static readonly nodeType = 'Publication' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => PublicationKind)
  @Column('varchar', { length: 30 })
  kind!: PublicationKind;

  @Field(() => String)
  @Column('varchar', { length: 1000 })
  title!: string;

  @Column('varchar', { name: 'title_fold', length: 1000, select: false })
  titleFold!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  lead!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  body!: string | null;

  @Column('varchar', { name: 'published_at', length: 10, nullable: true })
  publishedAtIso!: string | null;

  @Column('varchar', { name: 'published_at_from', length: 10, nullable: true, select: false })
  publishedAtFrom!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'source_url', length: 1000, nullable: true })
  sourceUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'What the source supports, or how its date was established.' })
  @Column('text', { nullable: true })
  note!: string | null;

  @OneToMany(() => PublicationMention, (mention) => mention.publication)
  mentionLinks?: PublicationMention[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Publication.nodeType, this.key);
  }

  @Field(() => PartialDate, { nullable: true })
  get publishedAt(): PartialDate | null {
    return PartialDate.parse(this.publishedAtIso);
  }
}

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

  @ManyToOne(() => Publication, (publication) => publication.mentionLinks)
  @JoinColumn({ name: 'publication_id' })
  publication?: Publication;
}
