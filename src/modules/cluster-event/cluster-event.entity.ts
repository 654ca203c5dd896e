import { Field, ID, Int, ObjectType} from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';
import { PartialDate } from '../../shared/partial-date';
import { Cluster } from '../cluster/cluster.entity';
import { Organization } from '../organization/organization.entity';
import { FederalDistrict } from '../region/region.entity';
import { type EnumValue, defineEnum } from '../../shared/enums';

export const ClusterEventKind = defineEnum('ClusterEventKind', ['OPEN_DAY', 'AGREEMENT_SIGNING', 'DEMO_EXAM', 'CHAMPIONSHIP', 'MEETING', 'OTHER'], {
  values: {
    DEMO_EXAM: 'The demonstration exam, or sessions on organising it.',
    MEETING: 'A working meeting of the programme.',
  },
});
export type ClusterEventKind = EnumValue<typeof ClusterEventKind>;

@ObjectType({ implements: Node, description: 'An event of the programme and its clusters: an open day, a championship, a signing.' })
@Entity('cluster_event')
export class ClusterEvent implements Node {
  static readonly nodeType = 'ClusterEvent' as const;

  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String)
  @Column('varchar', { length: 1000 })
  title!: string;

  @Column('varchar', { name: 'title_fold', length: 1000, select: false })
  titleFold!: string;

  @Field(() => ClusterEventKind)
  @Column('varchar', { length: 30 })
  kind!: ClusterEventKind;

  @Column('varchar', { name: 'start_date', length: 10, nullable: true })
  startDateIso!: string | null;

  @Column('varchar', { name: 'start_date_from', length: 10, nullable: true, select: false })
  startDateFrom!: string | null;

  @Column('varchar', { name: 'end_date', length: 10, nullable: true })
  endDateIso!: string | null;

  @Column('varchar', { name: 'end_date_from', length: 10, nullable: true, select: false })
  endDateFrom!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 500, nullable: true })
  venue!: string | null;

  @Column('varchar', { name: 'venue_fold', length: 500, nullable: true, select: false })
  venueFold!: string | null;

  @Field(() => String, { nullable: true })
  @Column('varchar', { length: 200, nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'What the source says of the event beyond its title.' })
  @Column('text', { nullable: true })
  description!: string | null;

  @Column('varchar', { name: 'parent_id', length: 100, nullable: true })
  parentKey!: string | null;

  @ManyToOne(() => ClusterEvent, (event) => event.children)
  @JoinColumn({ name: 'parent_id' })
  parent?: ClusterEvent | null;

  @OneToMany(() => ClusterEvent, (event) => event.parent)
  children?: ClusterEvent[];

  @Field(() => Int, { nullable: true, description: 'The number of clusters the source reports (370 for the nationwide open day), even where fewer are linked.' })
  @Column('integer', { name: 'reported_cluster_count', nullable: true })
  reportedClusterCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'The number of regions the source reports (79 for the open day of 20 April 2024).' })
  @Column('integer', { name: 'reported_region_count', nullable: true })
  reportedRegionCount!: number | null;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(ClusterEvent.nodeType, this.key);
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

@Entity('cluster_event_cluster')
export class ClusterEventCluster {
  @PrimaryColumn('varchar', { name: 'event_id', length: 100 })
  eventKey!: string;

  @PrimaryColumn('varchar', { name: 'cluster_id', length: 100 })
  clusterKey!: string;

  @Column('integer')
  ordinal!: number;

  @ManyToOne(() => ClusterEvent)
  @JoinColumn({ name: 'event_id' })
  event?: ClusterEvent;

  @ManyToOne(() => Cluster)
  @JoinColumn({ name: 'cluster_id' })
  cluster?: Cluster;
}

@Entity('cluster_event_organization')
export class ClusterEventOrganization {
  @PrimaryColumn('varchar', { name: 'event_id', length: 100 })
  eventKey!: string;

  @PrimaryColumn('varchar', { name: 'organization_id', length: 100 })
  organizationKey!: string;

  @Column('integer')
  ordinal!: number;

  @ManyToOne(() => ClusterEvent)
  @JoinColumn({ name: 'event_id' })
  event?: ClusterEvent;

  @ManyToOne(() => Organization)
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}

@Entity('cluster_event_federal_district')
export class ClusterEventFederalDistrict {
  @PrimaryColumn('varchar', { name: 'event_id', length: 100 })
  eventKey!: string;

  @PrimaryColumn('varchar', { name: 'federal_district_id', length: 100 })
  federalDistrictKey!: string;

  @Column('integer')
  ordinal!: number;

  @ManyToOne(() => ClusterEvent)
  @JoinColumn({ name: 'event_id' })
  event?: ClusterEvent;

  @ManyToOne(() => FederalDistrict)
  @JoinColumn({ name: 'federal_district_id' })
  federalDistrict?: FederalDistrict;
}
