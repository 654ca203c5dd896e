import { Field, ID, InputType, Int } from 'type-graphql';

/**
 * The scalar filters every `where` input is built from. String comparisons ignore case, in
 * Cyrillic and Latin alike, and read «ё» as «е»: "байкальский" finds "Байкальский".
 */
@InputType({ description: 'Case-insensitive (Cyrillic and Latin; «ё» equals «е»). % and _ match themselves.' })
export class StringFilter {
  @Field(() => String, { nullable: true })
  equals?: string | null;

  @Field(() => [String], { nullable: true })
  in?: string[] | null;

  @Field(() => String, { nullable: true })
  contains?: string | null;

  @Field(() => String, { nullable: true })
  startsWith?: string | null;
}

@InputType()
export class IntFilter {
  @Field(() => Int, { nullable: true })
  equals?: number | null;

  @Field(() => [Int], { nullable: true })
  in?: number[] | null;

  @Field(() => Int, { nullable: true })
  gt?: number | null;

  @Field(() => Int, { nullable: true })
  gte?: number | null;

  @Field(() => Int, { nullable: true })
  lt?: number | null;

  @Field(() => Int, { nullable: true })
  lte?: number | null;
}

@InputType({
  description:
    'Compares partial dates by their first day: {gte: "2024-04"} keeps April 2024 and later. Values are "2024", "2024-04" or "2024-04-20". A date known only to a month counts as its first day: {lt: "2024-04-15"} keeps "2024-04". Rows without the date never match.',
})
export class DateFilter {
  @Field(() => String, { nullable: true })
  equals?: string | null;

  @Field(() => String, { nullable: true })
  gt?: string | null;

  @Field(() => String, { nullable: true })
  gte?: string | null;

  @Field(() => String, { nullable: true })
  lt?: string | null;

  @Field(() => String, { nullable: true })
  lte?: string | null;
}

@InputType({ description: 'Global IDs of the filtered type.' })
export class IdFilter {
  @Field(() => ID, { nullable: true })
  equals?: string | null;

  @Field(() => [ID], { nullable: true })
  in?: string[] | null;
}
