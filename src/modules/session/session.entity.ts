import { Field, ID, ObjectType} from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { Forum } from '../forum/forum.entity';
import { Organization } from '../organization/organization.entity';
import { Speaker } from '../speaker/speaker.entity';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const SessionKind = defineEnum('SessionKind', ['STRATEGIC_SESSION', 'PROJECT_SESSION', 'PLENARY', 'DISCUSSION', 'OTHER']);
export type SessionKind = EnumValue<typeof SessionKind>;

export const ParticipationRole = defineEnum('ParticipationRole', ['SPEAKER', 'MODERATOR', 'ORGANIZER']);
export type ParticipationRole = EnumValue<typeof ParticipationRole>;

@ObjectType({ implements: Node, description: 'A session of a forum (or held on its own).' })
@Entity('session')
export class Session implements Node {
  static readonly nodeType = 'Session' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String)
  @Column('varchar', { length: 1000 })
  title!: string;

  @Column('varchar', { name: 'title_fold', length: 1000, select: false })
  titleFold!: string;

  @Field(() => SessionKind)
  @Column('varchar', { length: 30 })
  kind!: SessionKind;

  @Column('varchar', { name: 'forum_id', length: 100, nullable: true })
  forumKey!: string | null;

  @ManyToOne(() => Forum)
  @JoinColumn({ name: 'forum_id' })
  forum?: Forum | null;

  @Column('varchar', { name: 'parent_id', length: 100, nullable: true })
  parentKey!: string | null;

  @ManyToOne(() => Session, (session) => session.children)
  @JoinColumn({ name: 'parent_id' })
  parent?: Session | null;

  @OneToMany(() => Session, (session) => session.parent)
  children?: Session[];

  @Column('varchar', { name: 'date', length: 10, nullable: true })
  dateIso!: string | null;

  @Column('varchar', { name: 'date_from', length: 10, nullable: true, select: false })
  dateFrom!: string | null;

  @OneToMany(() => Participation, (participation) => participation.session)
  participants?: Participation[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Session.nodeType, this.key);
  }

  @Field(() => PartialDate, { nullable: true })
  get date(): PartialDate | null {
    return PartialDate.parse(this.dateIso);
  }
}

@ObjectType({ description: "A speaker's part in a session, with the position and organisation they held at that time." })
@Entity('participation')
export class Participation {
  /** "<session key>/<speaker key>/<role>". */
  @PrimaryColumn('varchar', { name: 'id', length: 300 })
  key!: string;

  @Column('varchar', { name: 'session_id', length: 100 })
  sessionKey!: string;

  @ManyToOne(() => Session, (session) => session.participants)
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  @Column('varchar', { name: 'speaker_id', length: 100 })
  speakerKey!: string;

  @ManyToOne(() => Speaker)
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @Field(() => ParticipationRole)
  @Column('varchar', { length: 30 })
  role!: ParticipationRole;

  @Field(() => String, { nullable: true, description: 'The title of the talk or report, where there was one.' })
  @Column('varchar', { name: 'talk_title', length: 1000, nullable: true })
  talkTitle!: string | null;

  @Field(() => String, { nullable: true, description: 'The position as stated at the time of the session.' })
  @Column('varchar', { length: 1000, nullable: true })
  position!: string | null;

  @Column('varchar', { name: 'organization_id', length: 100, nullable: true })
  organizationKey!: string | null;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization | null;

  /** The order of participants within the session, as the source lists them. */
  @Column('integer')
  ordinal!: number;
}
