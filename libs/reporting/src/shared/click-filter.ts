import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { CLAIM_FIELD, CLAIM_FIELD_RULE, DEVICE_CLASSES } from '@app/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ReportingError, ReportingErrorCode } from '../reporting.error';

/** At most this many values per dimension: a filter, not a way to list every country. */
export const MAX_FILTER_VALUES = 50;

/**
 * A query string's values as a list: `?country=US,DE`, `?country=US&country=DE` or both mixed.
 * Only for values that cannot hold a comma (codes, device classes); GraphQL sends lists.
 */
const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' || Array.isArray(value)
    ? ([] as unknown[])
        .concat(value)
        .flatMap((v) => (typeof v === 'string' ? v.split(',').map((part) => part.trim()) : [v]))
    : value;

/** In a case of its own: country codes upper, device classes and "unknown" lower. */
const cased =
  (casing: (v: string) => string) =>
  (params: { value: unknown }): unknown => {
    const list = splitList(params);
    return Array.isArray(list)
      ? list.map((v: unknown) =>
          typeof v !== 'string' ? v : v.toLowerCase() === 'unknown' ? 'unknown' : casing(v),
        )
      : list;
  };

/** Placements may hold commas and spaces: a repeated parameter lists them, as sent. */
const asList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? [value] : value;

/** Validation of each dimension's values, shared by GraphQL's ClickFilter and the exports. */
export const CountryValues = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(cased((v) => v.toUpperCase())),
    ArrayNotEmpty({ message: 'country must list at least one value' }),
    ArrayMaxSize(MAX_FILTER_VALUES),
    Matches(/^([A-Z]{2}|unknown)$/, {
      each: true,
      message: 'country values must be two-letter codes such as US, or "unknown"',
    }),
  );

export const DeviceValues = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(cased((v) => v.toLowerCase())),
    ArrayNotEmpty({ message: 'device must list at least one value' }),
    ArrayMaxSize(MAX_FILTER_VALUES),
    Matches(new RegExp(`^(${DEVICE_CLASSES.join('|')})$`), {
      each: true,
      message: `device values must be one of ${DEVICE_CLASSES.join(', ')}`,
    }),
  );

export const PlacementValues = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(asList),
    ArrayNotEmpty({ message: 'placement must list at least one value' }),
    ArrayMaxSize(MAX_FILTER_VALUES),
    IsString({ each: true }),
    MinLength(1, {
      each: true,
      message: 'placement values must not be empty ("unknown" matches clicks without one)',
    }),
    Matches(CLAIM_FIELD, { each: true, message: `placement values ${CLAIM_FIELD_RULE}` }),
  );

/**
 * Names as the projection keeps them, matched exactly: browsers and systems as bowser names
 * them (`Firefox`, `Microsoft Edge`, `Windows`), referrers as hosts in lower case, with
 * `none` (no referrer) and `unknown`. Repeated parameters list them: they may hold spaces.
 */
const NamedValues = (dimension: string): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    Transform(asList),
    ArrayNotEmpty({ message: `${dimension} must list at least one value` }),
    ArrayMaxSize(MAX_FILTER_VALUES),
    IsString({ each: true }),
    MinLength(1, { each: true, message: `${dimension} values must not be empty` }),
    MaxLength(253, { each: true, message: `${dimension} values are at most 253 characters` }),
  );

export const BrowserValues = (): PropertyDecorator => NamedValues('browser');
export const OsValues = (): PropertyDecorator => NamedValues('os');
export const ReferrerValues = (): PropertyDecorator => NamedValues('referrer');

/** The dimensions a filter may name; at most one may be given (see keptFilter). */
export interface ClickFilterValues {
  country?: string[];
  device?: string[];
  placement?: string[];
  browser?: string[];
  os?: string[];
  referrer?: string[];
}

/** Each a single value per click, so filtered counts add up (invalid reasons do not). */
const FILTER_DIMENSIONS = ['country', 'device', 'placement', 'browser', 'os', 'referrer'] as const;

@InputType('ClickFilter', {
  description:
    'Only clicks with one of the listed values. Clicks are kept per country, device, ' +
    'placement, browser, OS and referrer, not per combination: give one dimension per filter. "unknown" matches ' +
    'clicks that had no value for it. Unique users are not kept per value (null when filtered).',
})
export class ClickFilterInput implements ClickFilterValues {
  @Field(() => [String], {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 codes, or "unknown" (any case).',
  })
  @CountryValues()
  country?: string[];

  @Field(() => [String], {
    nullable: true,
    description: `One of ${DEVICE_CLASSES.join(', ')} (any case).`,
  })
  @DeviceValues()
  device?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Placements as the click links carried them, or "unknown".',
  })
  @PlacementValues()
  placement?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Browser names as the breakdown by BROWSER gives them (exact), or "unknown".',
  })
  @BrowserValues()
  browser?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Operating systems as the breakdown by OS gives them (exact), or "unknown".',
  })
  @OsValues()
  os?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Referrer hosts as the breakdown by REFERRER gives them, "none" or "unknown".',
  })
  @ReferrerValues()
  referrer?: string[];
}

/** A filter as the read models can answer it: one stored breakdown dimension, some values. */
export interface KeptFilter {
  readonly dimension: (typeof FILTER_DIMENSIONS)[number];
  readonly values: readonly string[];
}

/**
 * The one dimension a filter names, or undefined for none. Two or more are refused: breakdown
 * rows are kept per dimension, and a count per (country, device, placement) combination
 * would multiply the projector's writes per click (README, "Filters").
 */
export function keptFilter(filter: ClickFilterValues | undefined): KeptFilter | undefined {
  if (!filter) return undefined;
  const named = FILTER_DIMENSIONS.filter(
    (dimension) => filter[dimension] !== undefined && filter[dimension] !== null,
  );
  if (named.length === 0) return undefined;
  if (named.length > 1)
    throw new ReportingError(
      ReportingErrorCode.UnsupportedFilter,
      `a filter on ${named.join(' and ')} together cannot be answered: clicks are counted per ` +
        'dimension (country, device, placement, browser, OS, referrer), not per combination; ' +
        'filter on one of them',
    );
  const dimension = named[0];
  return { dimension, values: [...new Set(filter[dimension])] };
}
