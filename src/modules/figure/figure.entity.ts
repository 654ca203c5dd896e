import { Field, Float, ID, ObjectType} from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const FigureQualifier = defineEnum('FigureQualifier', ['EXACT', 'ABOUT', 'MORE_THAN'], {
  description: 'How the source states the number: exactly, approximately ("около") or as a lower bound ("более").',
});
export type FigureQualifier = EnumValue<typeof FigureQualifier>;

@ObjectType({ implements: Node, description: 'A number the sources report about the programme, e.g. 506 clusters in August 2025.' })
@Entity('figure')
export class Figure implements Node {
  static readonly nodeType = 'Figure' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String, { description: 'What is counted, in Russian, e.g. "Кластеров в проекте".' })
  @Column('varchar', { length: 500 })
  metric!: string;

  @Field(() => Float)
  @Column('real')
  value!: number;

  @Field(() => FigureQualifier)
  @Column('varchar', { length: 20 })
  qualifier!: FigureQualifier;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 100, nullable: true })
  unit!: string | null;

  @Column('varchar', { name: 'date', length: 10, nullable: true })
  dateIso!: string | null;

  @Column('varchar', { name: 'date_from', length: 10, nullable: true, select: false })
  dateFrom!: string | null;

  @Column('varchar', { name: 'subject_type', length: 30, nullable: true })
  subjectType!: string | null;

  @Column('varchar', { name: 'subject_id', length: 100, nullable: true })
  subjectKey!: string | null;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Figure.nodeType, this.key);
  }

  @Field(() => PartialDate, { nullable: true, description: 'The date the figure is for, or was reported.' })
  get date(): PartialDate | null {
    return PartialDate.parse(this.dateIso);
  }
}
