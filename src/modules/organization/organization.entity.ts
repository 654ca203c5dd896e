import { Field, ID, ObjectType} from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { Region } from '../region/region.entity';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const OrganizationKind = defineEnum('OrganizationKind', ['MINISTRY', 'DEPARTMENT', 'INSTITUTE', 'COLLEGE', 'ENTERPRISE', 'OTHER'], {
  values: {
    DEPARTMENT: 'A department, centre or other unit of a larger organisation.',
    COLLEGE: 'A college, technical school or other vocational (СПО) institution.',
  },
});
export type OrganizationKind = EnumValue<typeof OrganizationKind>;

@ObjectType({ implements: Node })
@Entity('organization')
export class Organization implements Node {
  static readonly nodeType = 'Organization' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String)
  @Column('varchar', { length: 500 })
  name!: string;

  @Column('varchar', { name: 'name_fold', length: 500, select: false })
  nameFold!: string;

  @Field(() => String, { nullable: true })
  @Column('varchar', { name: 'short_name', length: 200, nullable: true })
  shortName!: string | null;

  @Column('varchar', { name: 'short_name_fold', length: 200, nullable: true, select: false })
  shortNameFold!: string | null;

  @Field(() => OrganizationKind)
  @Column('varchar', { length: 30 })
  kind!: OrganizationKind;

  @Column('varchar', { name: 'parent_id', length: 100, nullable: true })
  parentKey!: string | null;

  @ManyToOne(() => Organization, (organization) => organization.units)
  @JoinColumn({ name: 'parent_id' })
  parent?: Organization | null;

  @OneToMany(() => Organization, (organization) => organization.parent)
  units?: Organization[];

  @Column('varchar', { name: 'region_id', length: 100, nullable: true })
  regionKey!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Region | null;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Organization.nodeType, this.key);
  }
}
