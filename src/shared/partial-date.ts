import { Field, Int, ObjectType} from 'type-graphql';
import { type EnumValue, defineEnum } from './enums';

/** How much of a date the source gives. */
export const DatePrecision = defineEnum('DatePrecision', ['YEAR', 'MONTH', 'DAY']);
export type DatePrecision = EnumValue<typeof DatePrecision>;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

@ObjectType({ description: 'A date known to a given precision: the source may name only a year or a month.' })
export class PartialDate {
  @Field({ description: 'ISO 8601 at the known precision: "2024", "2024-04" or "2024-04-20".' })
  iso!: string;

  @Field(() => DatePrecision)
  precision!: DatePrecision;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  month!: number | null;

  @Field(() => Int, { nullable: true })
  day!: number | null;

  /** Parses "2024", "2024-04" or "2024-04-20"; returns null for anything else, including "2024-02-30". */
  static parse(iso: string | null | undefined): PartialDate | null {
    if (iso == null) return null;
    const match = PARTIAL_DATE.exec(iso);
    if (!match) return null;
    const year = Number(match[1]);
    const month = match[2] === undefined ? null : Number(match[2]);
    const day = match[3] === undefined ? null : Number(match[3]);
    if (month !== null && (month < 1 || month > 12)) return null;
    if (day !== null) {
      const last = new Date(Date.UTC(year, month!, 0)).getUTCDate();
      if (day < 1 || day > last) return null;
    }
    const date = new PartialDate();
    date.iso = iso;
    date.year = year;
    date.month = month;
    date.day = day;
    date.precision = day !== null ? DatePrecision.DAY : month !== null ? DatePrecision.MONTH : DatePrecision.YEAR;
    return date;
  }

  /** The first day the date covers, as "YYYY-MM-DD": the key partial dates sort and compare by. */
  static firstDay(iso: string): string {
    const date = PartialDate.parse(iso);
    if (!date) throw new Error(`not a partial date: ${iso}`);
    const mm = String(date.month ?? 1).padStart(2, '0');
    const dd = String(date.day ?? 1).padStart(2, '0');
    return `${date.year}-${mm}-${dd}`;
  }
}
