import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { Session } from '../session/session.entity';
import { Speaker } from '../speaker/speaker.entity';
import { Publication } from './publication.entity';

@ObjectType({ implements: Node, description: 'Words a speaker said, as a publication quotes them.' })
@Entity('quote')
export class Quote implements Node {
  static readonly nodeType = 'Quote' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String)
  @Column('text')
  text!: string;

  @Column('varchar', { name: 'speaker_id', length: 100 })
  speakerKey!: string;

  @ManyToOne(() => Speaker)
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker;

  @Column('varchar', { name: 'session_id', length: 100, nullable: true })
  sessionKey!: string | null;

  @ManyToOne(() => Session)
  @JoinColumn({ name: 'session_id' })
  session?: Session | null;

  @Column('varchar', { name: 'publication_id', length: 100, nullable: true })
  publicationKey!: string | null;

  @ManyToOne(() => Publication)
  @JoinColumn({ name: 'publication_id' })
  publication?: Publication | null;

  /** The order of quotes within their publication. */
  @Column('integer')
  ordinal!: number;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Quote.nodeType, this.key);
  }
}
