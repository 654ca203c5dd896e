import { Field, ID, Int, ObjectType} from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { Organization } from '../organization/organization.entity';
import { Region } from '../region/region.entity';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const ClusterMemberRole = defineEnum('ClusterMemberRole', ['BASE_COLLEGE', 'COLLEGE', 'ANCHOR_ENTERPRISE', 'ENTERPRISE', 'OTHER']);
export type ClusterMemberRole = EnumValue<typeof ClusterMemberRole>;

@ObjectType({ implements: Node, description: 'A regional cluster of the programme: colleges joined with employer enterprises.' })
@Entity('cluster')
export class Cluster implements Node {
  static readonly nodeType = 'Cluster' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String)
  @Column('varchar', { length: 500 })
  name!: string;

  @Column('varchar', { name: 'name_fold', length: 500, select: false })
  nameFold!: string;

  @Field(() => String, { nullable: true, description: 'The industry (отрасль), e.g. "Металлургия".' })
  @Column('varchar', { length: 300, nullable: true })
  industry!: string | null;

  @Column('varchar', { name: 'industry_fold', length: 300, nullable: true, select: false })
  industryFold!: string | null;

  @Column('varchar', { name: 'region_id', length: 100, nullable: true })
  regionKey!: string | null;

  @ManyToOne(() => Region)
  @JoinColumn({ name: 'region_id' })
  region?: Region | null;

  @Field(() => Int, { nullable: true })
  @Column('integer', { name: 'launch_year', nullable: true })
  launchYear!: number | null;

  @OneToMany(() => ClusterMember, (member) => member.cluster)
  members?: ClusterMember[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Cluster.nodeType, this.key);
  }
}

@ObjectType({ description: 'An organisation in a cluster, with its role in it.' })
@Entity('cluster_member')
export class ClusterMember {
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 100 })
  clusterKey!: string;

  @ManyToOne(() => Cluster, (cluster) => cluster.members)
  @JoinColumn({ name: 'cluster_id' })
  cluster?: Cluster;

  @PrimaryColumn('varchar', { name: 'organization_id', length: 100 })
  organizationKey!: string;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Field(() => ClusterMemberRole)
  @Column('varchar', { length: 30 })
  role!: ClusterMemberRole;

  @Column('integer')
  ordinal!: number;
}
