import { DATE_TIME_EXPECTED, parseDateTime } from '@app/runtime';
import { Transform } from 'class-transformer';
import { IsDate, IsEnum } from 'class-validator';
import { Dimension } from '../click-breakdown/click-breakdown.type';

const DIMENSIONS = Object.values(Dimension);

/** The query string of a breakdown export: the questions `clickBreakdown` takes, as text. */
export class ExportBreakdownParams {
  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `from must be ${DATE_TIME_EXPECTED}` })
  from!: Date;

  @Transform(({ value }: { value: unknown }) => parseDateTime(value) ?? value)
  @IsDate({ message: `to must be ${DATE_TIME_EXPECTED}` })
  to!: Date;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : value,
  )
  @IsEnum(Dimension, { message: `dimension must be one of ${DIMENSIONS.join(', ')}` })
  dimension!: Dimension;
}
