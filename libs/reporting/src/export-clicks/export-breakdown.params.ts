import { Transform } from 'class-transformer';
import { IsEnum } from 'class-validator';
import { Dimension } from '../click-breakdown/click-breakdown.type';
import { ExportRangeParams, upperCase } from './export-range.params';

const DIMENSIONS = Object.values(Dimension);

/** The query string of a breakdown export: the questions `clickBreakdown` takes, as text. */
export class ExportBreakdownParams extends ExportRangeParams {
  @Transform(upperCase)
  @IsEnum(Dimension, { message: `dimension must be one of ${DIMENSIONS.join(', ')}` })
  dimension!: Dimension;
}
