import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { Organization } from '../organization/organization.entity';

@ObjectType({ implements: Node, description: 'A person who spoke at, moderated or organised a session.' })
@Entity('speaker')
export class Speaker implements Node {
  static readonly nodeType = 'Speaker' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String, { description: 'As the source writes it, e.g. "Виктор Неумывакин".' })
  @Column('varchar', { name: 'full_name', length: 300 })
  fullName!: string;

  @Column('varchar', { name: 'full_name_fold', length: 300, select: false })
  fullNameFold!: string;

  @Field(() => String, { nullable: true, description: 'The latest known position, e.g. "директор Департамента ...".' })
  @Column('varchar', { length: 1000, nullable: true })
  position!: string | null;

  @Column('varchar', { name: 'position_fold', length: 1000, nullable: true, select: false })
  positionFold!: string | null;

  /** The organisation of the latest known position (the latest affiliation's). */
  @Column('varchar', { name: 'organization_id', length: 100, nullable: true })
  organizationKey!: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  @OneToMany(() => Affiliation, (affiliation) => affiliation.speaker)
  affiliations?: Affiliation[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Speaker.nodeType, this.key);
  }
}

@ObjectType({ description: 'A position that a speaker held in an organisation, over a period where known.' })
@Entity('affiliation')
export class Affiliation {
  /** "<speaker key>/<ordinal>": affiliations have no identity of their own. */
  @PrimaryColumn('varchar', { name: 'id', length: 200 })
  key!: string;

  @Column('varchar', { name: 'speaker_id', length: 100 })
  speakerKey!: string;

  @ManyToOne(() => Speaker, (speaker) => speaker.affiliations)
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @Column('varchar', { name: 'organization_id', length: 100 })
  organizationKey!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 1000, nullable: true })
  position!: string | null;

  @Column('varchar', { name: 'since', length: 10, nullable: true })
  sinceIso!: string | null;

  @Column('varchar', { name: 'since_from', length: 10, nullable: true, select: false })
  sinceFrom!: string | null;

  @Column('varchar', { name: 'until', length: 10, nullable: true })
  untilIso!: string | null;

  @Column('varchar', { name: 'until_from', length: 10, nullable: true, select: false })
  untilFrom!: string | null;

  /** The order of the affiliations of one speaker, oldest first. */
  @Column('integer')
  ordinal!: number;

  @Field(() => PartialDate, { nullable: true })
  get since(): PartialDate | null {
    return PartialDate.parse(this.sinceIso);
  }

  @Field(() => PartialDate, { nullable: true })
  get until(): PartialDate | null {
    return PartialDate.parse(this.untilIso);
  }
}
