import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';

@ObjectType({ implements: Node, description: 'A forum: one edition of a series, or a one-off event with sessions.' })
@Entity('forum')
export class Forum implements Node {
  static readonly nodeType = 'Forum' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String, { description: 'E.g. "VIII Байкальский образовательный форум".' })
  @Column('varchar', { length: 500 })
  title!: string;

  @Column('varchar', { name: 'title_fold', length: 500, select: false })
  titleFold!: string;

  @Field(() => Int, { nullable: true, description: "The edition's number in its series (8 for the VIII forum), where the source gives one." })
  @Column('integer', { nullable: true })
  edition!: number | null;

  @Field(() => String, { nullable: true, description: 'The series\' name without the edition, e.g. "Байкальский образовательный форум".' })
  @Column('varchar', { name: 'series_title', length: 500, nullable: true })
  seriesTitle!: string | null;

  @Column('varchar', { name: 'start_date', length: 10, nullable: true })
  startDateIso!: string | null;

  @Column('varchar', { name: 'start_date_from', length: 10, nullable: true, select: false })
  startDateFrom!: string | null;

  @Column('varchar', { name: 'end_date', length: 10, nullable: true })
  endDateIso!: string | null;

  @Column('varchar', { name: 'end_date_from', length: 10, nullable: true, select: false })
  endDateFrom!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  city!: string | null;

  @Column('varchar', { name: 'city_fold', length: 200, nullable: true, select: false })
  cityFold!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was held, where the source says, e.g. "ВДНХ".' })
  @Column('varchar', { length: 500, nullable: true })
  venue!: string | null;

  @Column('varchar', { name: 'region_id', length: 100, nullable: true })
  regionKey!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Region | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  theme!: string | null;

  @OneToMany(() => ForumOrganizer, (link) => link.forum)
  organizerLinks?: ForumOrganizer[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Forum.nodeType, this.key);
  }

  @Field(() => PartialDate, { nullable: true })
  get startDate(): PartialDate | null {
    return PartialDate.parse(this.startDateIso);
  }

  @Field(() => PartialDate, { nullable: true })
  get endDate(): PartialDate | null {
    return PartialDate.parse(this.endDateIso);
  }
}

/** An organisation that organised a forum (or under whose aegis it was held). */
@Entity('forum_organizer')
export class ForumOrganizer {
  @PrimaryColumn('varchar', { name: 'forum_id', length: 100 })
  forumKey!: string;

  @PrimaryColumn('varchar', { name: 'organization_id', length: 100 })
  organizationKey!: string;

  @Column('integer')
  ordinal!: number;

  @ManyToOne(() => Forum, (forum) => forum.organizerLinks)
  @JoinColumn({ name: 'forum_id' })
  forum?: Forum;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
