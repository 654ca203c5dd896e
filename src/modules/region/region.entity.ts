import { regionKey } from '../../shared/record-fields';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { toGlobalId } from '../../shared/global-id';
import { Node } from '../../shared/node';

@ObjectType({ implements: Node, description: 'One of the eight federal districts of Russia.' })
@Entity('federal_district')
export class FederalDistrict implements Node {
  static readonly nodeType = 'FederalDistrict' as const;

  /** The natural key, e.g. "far-eastern". */
  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String, { description: 'E.g. "Дальневосточный".' })
  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { name: 'name_fold', length: 200, select: false })
  nameFold!: string;

  @OneToMany(() => Region, (region) => region.federalDistrict)
  regions?: Region[];

  @Field(() => ID)
  get id(): string {
    return toGlobalId(FederalDistrict.nodeType, this.key);
  }
}

@ObjectType({ implements: Node, description: 'A federal subject of Russia (reference data: DaData.ru, CC BY-SA 4.0).' })
@Entity('region')
export class Region implements Node {
  static readonly nodeType = 'Region' as const;
  /** Its keys are ISO 3166-2 codes, not slugs: what a reference to a region must look like. */
  static readonly keyFormat = regionKey;

  /** The natural key: the ISO 3166-2 code ("RU-BU"), or a slug where there is none. */
  @PrimaryColumn('varchar', { name: 'id', length: 100 })
  key!: string;

  @Field(() => String, { description: 'E.g. "Бурятия".' })
  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { name: 'name_fold', length: 200, select: false })
  nameFold!: string;

  @Field(() => String, { nullable: true, description: 'E.g. "Респ Бурятия".' })
  @Column('varchar', { name: 'full_name', length: 300, nullable: true })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of subject as the reference data abbreviates it: "Респ", "обл", "край", ...' })
  @Column('varchar', { length: 50, nullable: true })
  kind!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 code where the reference data has one, e.g. "RU-BU".' })
  @Column('varchar', { name: 'iso_code', length: 20, nullable: true })
  isoCode!: string | null;

  @Column('varchar', { name: 'iso_code_fold', length: 20, nullable: true, select: false })
  isoCodeFold!: string | null;

  @Field(() => String, { nullable: true, description: 'UTC offset, e.g. "UTC+8".' })
  @Column('varchar', { length: 20, nullable: true })
  timezone!: string | null;

  @Column('varchar', { name: 'federal_district_id', length: 100, nullable: true })
  federalDistrictKey!: string | null;

  @ManyToOne(() => FederalDistrict, (district) => district.regions)
  @JoinColumn({ name: 'federal_district_id' })
  federalDistrict?: FederalDistrict | null;

  @Field(() => ID)
  get id(): string {
    return toGlobalId(Region.nodeType, this.key);
  }
}
